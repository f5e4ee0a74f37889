import { KdfParams } from '../../domain/protocol/account-rules';
import { Account } from '../../domain/home-server/account';
import { Result } from '../../domain/protocol/result';

export interface NewAccount {
  readonly account: Account;
  /** The first blob, stored as version 1 together with the account. */
  readonly blobCiphertext: Uint8Array;
}

export interface CredentialChange {
  readonly name: string;
  readonly authHash: string;
  readonly kdf: KdfParams;
  /** The blob re-encrypted under the new key; written only if the stored version still equals this. */
  readonly expectedBlobVersion: number;
  readonly blobCiphertext: Uint8Array;
  readonly now: number;
}

/**
 * Accounts and the writes that must touch several partitions at once.
 * Every method is atomic in every adapter.
 */
export interface AccountRepository {
  /** Creates account + blob v1 together; `account/name-taken` if the name exists. */
  create(input: NewAccount): Promise<Result<void, 'account/name-taken'>>;
  find(name: string): Promise<Account | null>;
  list(): Promise<Account[]>;
  setOpenInbox(name: string, openInbox: boolean): Promise<Account | null>;
  setDisabled(name: string, disabled: boolean): Promise<Account | null>;
  touchLastSeen(name: string, at: number): Promise<void>;
  /**
   * Password change: auth hash, KDF params and blob (version +1) in one atomic write,
   * and every session of the account revoked. Returns the new blob version.
   */
  changeCredentials(
    change: CredentialChange,
  ): Promise<Result<{ version: number }, 'account/not-found' | 'blob/version-conflict'>>;
  /** Removes the account, its blob, inbox, drop tokens and sessions. False if it did not exist. */
  delete(name: string): Promise<boolean>;
}
