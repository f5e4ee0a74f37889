/** A recorded session (the JWT's `jti`), so logout and credential changes can revoke it. */
export interface Session {
  readonly jti: string;
  readonly name: string;
  readonly createdAt: number;
  readonly expiresAt: number;
}

export const SESSION_TTL_MS = 60 * 60 * 1000;
