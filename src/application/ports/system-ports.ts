export interface Clock {
  now(): number;
}

export interface IdGenerator {
  /** A unique, URL-safe id. */
  next(): string;
}

export interface RandomSource {
  bytes(length: number): Uint8Array;
}

/**
 * What the `/inbox/events` stream announces to an account's sessions: an inbox arrival, or a new
 * version of the user blob written by one session (`origin`, its jti), so the account's other
 * devices re-read it. Never any content.
 */
export type AccountEvent =
  | { readonly kind: 'inbox' }
  | { readonly kind: 'blob'; readonly version: number; readonly origin: string | null };

/** Wakes `/inbox/events` listeners when an item arrives for an account or its blob changes. */
export interface InboxNotifier {
  notify(owner: string): void;
  /** The blob of `owner` now has `version`, written by the session whose jti is `origin`. */
  notifyBlob(owner: string, version: number, origin: string): void;
  subscribe(owner: string, listener: (event: AccountEvent) => void): () => void;
}

/** Persists small server secrets (JWT key, decoy key) so restarts keep sessions valid. */
export interface SecretStore {
  getOrCreate(name: string, create: () => Uint8Array): Promise<Uint8Array>;
}
