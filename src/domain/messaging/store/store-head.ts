import { BLOB_FORMAT, BlobDocument } from '../blob-document';
import { ForkLog } from '../fork-log';
import { MessageRecord } from '../message';
import { OwnRecord } from '../own-record';
import { IndexRef } from './index-page';
import { PageRef } from './page-ref';

export const STORE_FORMAT = 2;

/**
 * The decrypted format 2 head (PROTOCOL §8.3, §8.4): the v1 document's collections, with the
 * messages split into a `tail` of recent ones kept here and immutable pages referenced by id.
 * `deletedMessages` are the tombstones of every message, in the tail or in a page: a page is never
 * rewritten, so a deletion lives here until a compaction drops the message from its page.
 */
export interface StoreHead extends Omit<BlobDocument, 'format' | 'messages'> {
  readonly format: typeof STORE_FORMAT;
  /** b64u of 32 random bytes: the key every page's object key is derived from (§8.3). */
  readonly storeKey: string;
  /** Recent messages by MessageKey, as v1's `messages`. A record whose key is also in a page overrides it field by field (a replacement). */
  readonly tail: OwnRecord<MessageRecord>;
  /** Recent pages by page (object) id. */
  readonly pages: OwnRecord<PageRef>;
  /** Index objects by id, each holding the references of older pages (`foldPages`). */
  readonly indexes: OwnRecord<IndexRef>;
  /** Tombstones of page references (value: release time): a compaction released them, no merge brings them back, and readers skip them in indexes. */
  readonly releasedPages: OwnRecord<number>;
  /** §8.3 fork log: set by the writer from the head it read, like `version`. */
  readonly log: ForkLog;
}

/**
 * The head as a v1 document whose messages are the tail, so the v1 rules (applying a message,
 * composing, marking delivered, deleting) run on it unchanged; `withTailDocument` takes the result back.
 */
export const tailDocument = (head: StoreHead): BlobDocument => ({
  format: BLOB_FORMAT,
  version: head.version,
  identity: head.identity,
  clock: head.clock,
  settings: head.settings,
  knownServers: head.knownServers,
  friends: head.friends,
  messages: head.tail,
  deletedMessages: head.deletedMessages,
  processedInboxItems: head.processedInboxItems,
});

export const withTailDocument = (head: StoreHead, doc: BlobDocument): StoreHead => ({
  ...head,
  version: doc.version,
  identity: doc.identity,
  clock: doc.clock,
  settings: doc.settings,
  knownServers: doc.knownServers,
  friends: doc.friends,
  tail: doc.messages,
  deletedMessages: doc.deletedMessages,
  processedInboxItems: doc.processedInboxItems,
});
