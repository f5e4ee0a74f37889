/**
 * The user store (PROTOCOL §8): immutable objects an account owns, named by a client-chosen id.
 * `staged` objects wait for a head write to commit them (or expire); `committed` ones live until a
 * head write releases them; `dropped` ones (§9.2) sit in the inbox partition until claimed.
 */
export type StoreObjectState = 'staged' | 'committed' | 'dropped';

/** What the server knows about an object besides its bytes. */
export interface StoreObjectInfo {
  readonly owner: string;
  readonly id: string;
  readonly state: StoreObjectState;
  /** Length of the object's bytes. */
  readonly bytes: number;
  readonly createdAt: number;
  /** The drop token a dropped object came with (its quota share); null for the owner's own objects. */
  readonly tokenId: string | null;
}

export interface StoreObject extends StoreObjectInfo {
  readonly data: Uint8Array;
}

/** 16 random bytes as b64u: exactly 22 characters (§8.1). */
export const OBJECT_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export const isObjectId = (id: string): boolean => OBJECT_ID_PATTERN.test(id);

/** A staged object no head write commits within this is deleted (§8.1). */
export const STAGED_OBJECT_TTL_MS = 24 * 60 * 60 * 1000;

/** Most ids one list of a head write's `objects` may carry (§8.2). */
export const MAX_OBJECT_CHANGES = 1000;

/** The states an owner reads, lists and counts against `storeBytes`; dropped objects are not among them. */
export const isInStore = (state: StoreObjectState): boolean => state !== 'dropped';

export interface StoreLimits {
  /** Largest single object (`STARBASE_OBJECT_BYTES`). */
  readonly objectBytes: number;
  /** Head + staged + committed bytes per account (`STARBASE_STORE_BYTES`). */
  readonly storeBytes: number;
}

export const DEFAULT_STORE_LIMITS: StoreLimits = {
  objectBytes: 4 * 1024 * 1024,
  storeBytes: 1024 * 1024 * 1024,
};

/** Running totals of one account's store (objects only; the head's bytes are the blob's length). */
export interface StoreUsage {
  readonly objects: number;
  readonly bytes: number;
}

export const EMPTY_STORE_USAGE: StoreUsage = { objects: 0, bytes: 0 };

/**
 * Whether a write that takes the store from `before` to `after` bytes may happen. A write that
 * does not grow the store is always allowed, so an account over its quota (the operator lowered
 * it) can still free space.
 */
export const storeAllows = (before: number, after: number, storeBytes: number): boolean =>
  after <= storeBytes || after <= before;

/** Equal bytes: the same PUT again is a safe retry (§8.1). */
export const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};
