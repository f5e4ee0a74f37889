import { KdfParams } from '../protocol/account-rules';
import { Friend } from './friendship';
import { Lww } from './lww';
import { MessageRecord } from './message';
import { OwnRecord } from './own-record';

export const BLOB_FORMAT = 1;

export interface IdentityKeyPair {
  /** X25519, b64u of 32 bytes. */
  readonly publicKey: string;
  readonly privateKey: string;
}

export type SettingValue = string | number | boolean | null;

/** What we last used to log in at an address, to warn loudly when the server changes it (§4). */
export interface KnownServer {
  readonly kdf: KdfParams;
}

/**
 * The decrypted user blob: all of a user's private state, shared by their devices and merged
 * after concurrent writes (PROTOCOL §6). Every field is JSON; every collection is keyed by id.
 */
export interface BlobDocument {
  readonly format: typeof BLOB_FORMAT;
  /** The version the blob has after the write that stored it (§4 rollback); set by the writer, not merged. */
  readonly version: number;
  readonly identity: IdentityKeyPair;
  /** The latest stamp time seen: new stamps are later, whatever the device's wall clock says. */
  readonly clock: number;
  readonly settings: OwnRecord<Lww<SettingValue>>;
  /** By canonical address of our own account as we log in to it. */
  readonly knownServers: OwnRecord<Lww<KnownServer>>;
  /** By the friend's canonical address. */
  readonly friends: OwnRecord<Friend>;
  /** By MessageKey (direction, friend, id). */
  readonly messages: OwnRecord<MessageRecord>;
  /** Deleted messages: tombstones win over the message and keep its key (value: deletion time). */
  readonly deletedMessages: OwnRecord<number>;
  /** Inbox item ids already merged, with the time they were processed (§6 idempotence). */
  readonly processedInboxItems: OwnRecord<number>;
}

export const createBlobDocument = (identity: IdentityKeyPair, version = 1): BlobDocument => ({
  format: BLOB_FORMAT,
  version,
  identity,
  clock: 0,
  settings: {},
  knownServers: {},
  friends: {},
  messages: {},
  deletedMessages: {},
  processedInboxItems: {},
});

/** The writer sets the version the blob will have after its `If-Match` write (current + 1). */
export const withVersion = (doc: BlobDocument, version: number): BlobDocument => ({ ...doc, version });
