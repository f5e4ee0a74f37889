/** One unsent text as the device keeps it: sealed by the client library before it gets here. */
export interface SealedDraft {
  /** Names the draft without saying whose it is: the same friend always gets the same name. */
  readonly name: string;
  readonly sealed: Uint8Array;
}

/**
 * What the user typed and has not sent, kept on this device so that a reload or a crashed tab does
 * not lose it. Only ciphertext reaches a store, and no store ever sends it anywhere. Keys are the
 * account's canonical address; one account never sees another's drafts.
 */
export interface DraftStore {
  /** Every draft kept for the account, in no particular order. */
  list(account: string): Promise<readonly SealedDraft[]>;
  /** Keeps `draft`, replacing the one kept under its name. */
  put(account: string, draft: SealedDraft): Promise<void>;
  /** Drops the draft kept under `name`, if any. */
  remove(account: string, name: string): Promise<void>;
  /** Deletes every draft of the account (logged out, or the account deleted). */
  forgetAccount(account: string): Promise<void>;
}
