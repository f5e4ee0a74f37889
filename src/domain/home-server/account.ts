import { formatAddress, KdfParams } from '../protocol/account-rules';

/** The operator-readable account record. No secret in it but the slow hash of authKey. */
export interface Account {
  readonly name: string;
  readonly createdAt: number;
  readonly lastSeenAt: number | null;
  /** Slow, salted hash of the client's authKey, self-describing (e.g. `scrypt$N$r$p$salt$hash`). */
  readonly authHash: string;
  readonly kdf: KdfParams;
  /** X25519 public key, b64u of 32 bytes. */
  readonly identityKey: string;
  readonly openInbox: boolean;
  readonly disabled: boolean;
}

/** What the owner sees of their own account (`PATCH /account` answer). */
export interface AccountView {
  readonly name: string;
  readonly address: string;
  readonly identityKey: string;
  readonly openInbox: boolean;
  readonly createdAt: number;
}

export const toAccountView = (account: Account, authority: string): AccountView => ({
  name: account.name,
  address: formatAddress({ name: account.name, authority }),
  identityKey: account.identityKey,
  openInbox: account.openInbox,
  createdAt: account.createdAt,
});
