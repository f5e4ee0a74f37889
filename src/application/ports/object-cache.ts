/** What a browser keeps of one account's store by default (PROTOCOL §8.4: a cache of objects). */
export const DEFAULT_OBJECT_CACHE_BYTES = 256 * 1024 * 1024;

/**
 * One account's store objects kept on this device, as the server stored them: ciphertext, which
 * never changes under its id (PROTOCOL §8.1), so an entry never goes stale, only wrong (a damaged
 * disk, another program): readers check what they get by decrypting it (the id is in its AAD).
 *
 * A cache holds at most its size bound and evicts the entries read least recently to stay within
 * it. It may lose entries at any time, and its own failures (a full disk, a private window) only
 * make it forget: `get` then answers undefined and `put` keeps nothing. Only `forget` reports
 * failure, since the user asked for the data to be gone.
 */
export interface ObjectCache {
  /** The bytes kept under `id`, or undefined. */
  get(id: string): Promise<Uint8Array | undefined>;
  /** Keeps `bytes` under `id` (replacing what was there); an object larger than the bound is not kept. */
  put(id: string, bytes: Uint8Array): Promise<void>;
  /** Drops one entry, such as one that failed to decrypt. */
  drop(id: string): Promise<void>;
  /** Deletes everything kept for the account ("forget this browser"). */
  forget(): Promise<void>;
}
