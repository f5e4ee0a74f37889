import { KdfParams } from '../../domain/protocol/account-rules';

/** What lets a browser sign back in without the password: the keys Argon2 derived from it. */
export interface KeptSession {
  /** Canonical `name@authority`. */
  readonly address: string;
  readonly authKey: Uint8Array;
  readonly blobKey: Uint8Array;
  readonly kdf: KdfParams;
}

/**
 * "Stay signed in on this browser": keeps one account's keys on the device, protected by the
 * platform (in a browser, wrapped under a non-extractable key), until forgotten.
 */
export interface SessionKeeper {
  keep(session: KeptSession): Promise<void>;
  /** The kept session, or null when none is kept (or it can no longer be unwrapped). */
  recall(): Promise<KeptSession | null>;
  forget(): Promise<void>;
}
