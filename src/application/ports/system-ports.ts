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

/** Wakes `/inbox/events` listeners when an item arrives for an account. */
export interface InboxNotifier {
  notify(owner: string): void;
  subscribe(owner: string, listener: () => void): () => void;
}

/** Persists small server secrets (JWT key, decoy key) so restarts keep sessions valid. */
export interface SecretStore {
  getOrCreate(name: string, create: () => Uint8Array): Promise<Uint8Array>;
}
