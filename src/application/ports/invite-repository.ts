/** An invite code as stored: only the SHA-256 of the code, like drop tokens. */
export interface Invite {
  readonly id: string;
  /** Hex SHA-256 of the code handed to the person invited. */
  readonly codeHash: string;
  readonly createdAt: number;
  /** Null: never expires. */
  readonly expiresAt: number | null;
  /** Set once, by the registration that used the code up. */
  readonly redeemedAt: number | null;
}

/** Single-use registration invites for `STARBASE_REGISTRATION=invite`. */
export interface InviteRepository {
  create(invite: Invite): Promise<void>;
  /** Every invite, oldest first. */
  list(): Promise<Invite[]>;
  /**
   * Marks the invite with this code hash redeemed at `now`, atomically: true for exactly one
   * caller, and only while the invite is unredeemed and not expired at `now`.
   */
  redeem(codeHash: string, now: number): Promise<boolean>;
  /** False if there was no such invite. */
  delete(id: string): Promise<boolean>;
}
