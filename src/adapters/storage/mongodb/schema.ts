import type { Binary, ObjectId } from 'mongodb';
import { KdfParams } from '../../../domain/protocol/account-rules';
import { CaptchaKind } from '../../../domain/home-server/captcha';
import { InboxItemKind } from '../../../domain/home-server/inbox-item';
import { StoreObjectState } from '../../../domain/home-server/store/store-object';

/**
 * The MongoDB document model, declared once: collection names, document shapes and indexes.
 * Start-up creates exactly what is listed here (see mongo-schema-setup.ts).
 */
export const COLLECTIONS = {
  accounts: 'accounts',
  blobs: 'blobs',
  blobChunks: 'blobChunks',
  inbox: 'inbox',
  inboxCounters: 'inboxCounters',
  dropTokens: 'dropTokens',
  sessions: 'sessions',
  captchas: 'captchas',
  secrets: 'secrets',
  invites: 'invites',
  storeObjects: 'storeObjects',
} as const;

export type CollectionName = (typeof COLLECTIONS)[keyof typeof COLLECTIONS];

/**
 * Blob ciphertext is stored in pieces of at most this size, because a BSON document cannot exceed
 * 16 MiB and the default blob cap (STARBASE_BLOB_BYTES) is 16 MiB of ciphertext on its own.
 * 8 MiB leaves ample room for the chunk's other fields and BSON overhead.
 */
export const BLOB_CHUNK_BYTES = 8 * 1024 * 1024;

/** MongoDB's hard limit on one BSON document (maxBsonObjectSize). */
export const MAX_BSON_DOCUMENT_BYTES = 16 * 1024 * 1024;

/** `_id` is the account name, so names are unique by construction (the `_id` index). */
export interface AccountDocument {
  _id: string;
  createdAt: number;
  lastSeenAt: number | null;
  authHash: string;
  kdf: KdfParams;
  identityKey: string;
  openInbox: boolean;
  disabled: boolean;
}

/** The blob's head: the version the compare-and-set works on. The ciphertext lives in `blobChunks`. */
export interface BlobDocument {
  _id: string;
  version: number;
  updatedAt: number;
  byteLength: number;
  chunkCount: number;
  /**
   * Running totals of the account's staged + committed store objects (absent: none yet). They
   * live on the head so that every put, commit and release writes the head document: concurrent
   * writes to one store conflict and are retried one after the other instead of passing
   * `storeBytes`, and they go when the account goes.
   */
  storeObjects?: number;
  storeBytes?: number;
}

export interface BlobChunkDocument {
  _id?: ObjectId;
  name: string;
  /** 0-based position of this piece in the ciphertext. */
  index: number;
  data: Binary;
}

export interface InboxItemDocument {
  _id?: ObjectId;
  /** The item id the owner acknowledges; unique per owner. */
  id: string;
  owner: string;
  /** Arrival order within the owner's inbox, handed out by the owner's counter document. */
  seq: number;
  kind: InboxItemKind;
  tokenId: string | null;
  receivedAt: number;
  envelope: string;
  /** UTF-8 size of the envelope, so quotas and acks never read envelopes. */
  bytes: number;
}

/**
 * One per inbox: the running totals the quota check reads and the next seq. Every append and ack
 * writes it inside its transaction, so concurrent drops into one inbox conflict and are retried
 * one after the other instead of overshooting a quota.
 */
export interface InboxCounterDocument {
  _id: string;
  seq: number;
  items: number;
  bytes: number;
  /**
   * The dropped objects (PROTOCOL §9.2) waiting to be claimed, and their bytes (absent: none yet).
   * Every drop, claim, ack and purge of one writes them, so they conflict like appends do.
   */
  droppedObjects?: number;
  droppedBytes?: number;
}

/**
 * One object of a user store (PROTOCOL §8), bytes included: an object is at most
 * STARBASE_OBJECT_BYTES (4 MiB by default, 16 MiB at most with the BSON overhead), so it fits one
 * document, and a head write's commit changes these documents inside its own transaction.
 */
export interface StoreObjectDocument {
  _id?: ObjectId;
  owner: string;
  id: string;
  state: StoreObjectState;
  bytes: number;
  createdAt: number;
  tokenId: string | null;
  data: Binary;
}

export interface DropTokenDocument {
  _id: string;
  owner: string;
  hash: string;
  createdAt: number;
  lastUsedAt: number | null;
  uses: number;
}

/** `expiresAt` is a BSON Date so the TTL index can remove expired sessions. */
export interface SessionDocument {
  _id: string;
  name: string;
  createdAt: number;
  expiresAt: Date;
}

/** `expiresAt` is a BSON Date so the TTL index can remove expired captchas. */
export interface CaptchaDocument {
  _id: string;
  name: string;
  kind: CaptchaKind;
  answer: string;
  expiresAt: Date;
  attemptsLeft: number;
}

/** `_id` is the invite id; `codeHash` has a unique index. */
export interface InviteDocument {
  _id: string;
  codeHash: string;
  createdAt: number;
  expiresAt: number | null;
  redeemedAt: number | null;
}

export interface SecretDocument {
  _id: string;
  value: Binary;
}

export interface IndexDefinition {
  readonly collection: CollectionName;
  readonly name: string;
  readonly key: Readonly<Record<string, 1 | -1>>;
  readonly unique?: boolean;
  /** Present only on TTL indexes: the server deletes a document this long after the Date in the key. */
  readonly expireAfterSeconds?: number;
}

/** Every secondary index. `_id` indexes are implicit and unique (account names, token ids, jtis…). */
export const INDEXES: readonly IndexDefinition[] = [
  { collection: COLLECTIONS.blobChunks, name: 'blob_chunk_position', key: { name: 1, index: 1 }, unique: true },
  { collection: COLLECTIONS.inbox, name: 'inbox_arrival_order', key: { owner: 1, seq: 1 }, unique: true },
  { collection: COLLECTIONS.inbox, name: 'inbox_item_id', key: { owner: 1, id: 1 }, unique: true },
  { collection: COLLECTIONS.inbox, name: 'inbox_by_token', key: { owner: 1, tokenId: 1 } },
  { collection: COLLECTIONS.inbox, name: 'inbox_by_kind', key: { owner: 1, kind: 1, seq: 1 } },
  { collection: COLLECTIONS.dropTokens, name: 'drop_token_hash_per_owner', key: { owner: 1, hash: 1 }, unique: true },
  { collection: COLLECTIONS.dropTokens, name: 'drop_tokens_by_owner', key: { owner: 1, createdAt: 1, _id: 1 } },
  { collection: COLLECTIONS.sessions, name: 'sessions_by_account', key: { name: 1 } },
  { collection: COLLECTIONS.sessions, name: 'sessions_ttl', key: { expiresAt: 1 }, expireAfterSeconds: 0 },
  { collection: COLLECTIONS.captchas, name: 'captchas_by_account', key: { name: 1 } },
  { collection: COLLECTIONS.captchas, name: 'captchas_ttl', key: { expiresAt: 1 }, expireAfterSeconds: 0 },
  { collection: COLLECTIONS.invites, name: 'invite_code', key: { codeHash: 1 }, unique: true },
  { collection: COLLECTIONS.storeObjects, name: 'store_object_id', key: { owner: 1, id: 1 }, unique: true },
  { collection: COLLECTIONS.storeObjects, name: 'store_objects_by_state', key: { owner: 1, state: 1, id: 1 } },
  { collection: COLLECTIONS.storeObjects, name: 'store_objects_expiry', key: { state: 1, createdAt: 1 } },
  { collection: COLLECTIONS.storeObjects, name: 'store_objects_by_token', key: { owner: 1, tokenId: 1, state: 1 } },
  { collection: COLLECTIONS.inbox, name: 'inbox_by_age', key: { receivedAt: 1 } },
];

export const isTtlIndex = (index: IndexDefinition): boolean => index.expireAfterSeconds !== undefined;
