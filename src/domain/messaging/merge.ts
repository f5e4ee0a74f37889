import { pickCanonical } from './canonical-json';
import { BlobDocument } from './blob-document';
import { earliestOf } from './earliest';
import { mergeLww } from './lww';
import { MessageRecord } from './message';
import { mergeFriend } from './merge-friends';
import { mergeRecords, OwnRecord } from './own-record';

const messageContent = (message: MessageRecord) => ({
  id: message.id,
  friend: message.friend,
  handshakeId: message.handshakeId,
  direction: message.direction,
  seq: message.seq,
  sentAt: message.sentAt,
  body: message.body,
  ...(message.kind === undefined ? {} : { kind: message.kind }),
});

export const mergeMessage = (a: MessageRecord, b: MessageRecord): MessageRecord => ({
  ...contentOf(a, b),
  receivedAt: earliestOf(a.receivedAt, b.receivedAt),
  deliveredAt: earliestOf(a.deliveredAt, b.deliveredAt),
  failedAttempts: Math.max(a.failedAttempts, b.failedAttempts),
  ...undeliverableOf(a, b),
  ...earliestField('displayedAt', a, b),
  ...earliestField('targetSentAt', a, b),
});

/**
 * The text an edit put in place wins over the text it replaced (§11: the previous text is not kept),
 * the newest edit by the author's seq over older ones; otherwise both sides hold the same content
 * and the canonical pick only makes the choice deterministic.
 */
const contentOf = (a: MessageRecord, b: MessageRecord) => {
  const [editA, editB] = [a.editSeq ?? 0, b.editSeq ?? 0];
  const content = editA > editB ? messageContent(a) : editB > editA ? messageContent(b) : pickCanonical(messageContent(a), messageContent(b));
  return Math.max(editA, editB) === 0 ? content : { ...content, editSeq: Math.max(editA, editB) };
};

/** An optional time that, once any device set it, stays at the earliest. */
const earliestField = <K extends 'displayedAt' | 'targetSentAt'>(field: K, a: MessageRecord, b: MessageRecord): Partial<Pick<MessageRecord, K>> => {
  const at = earliestOf(a[field] ?? null, b[field] ?? null);
  return at === null ? {} : ({ [field]: at } as Partial<Pick<MessageRecord, K>>);
};

/** Once any device found a message undeliverable it stays so; two reasons settle on the smaller, so merging commutes. */
const undeliverableOf = (a: MessageRecord, b: MessageRecord): Pick<MessageRecord, 'undeliverable'> => {
  const reasons = [a.undeliverable, b.undeliverable].filter((reason) => reason !== undefined).sort();
  return reasons[0] === undefined ? {} : { undeliverable: reasons[0] };
};

const withoutTombstoned = <T>(entries: OwnRecord<T>, tombstones: OwnRecord<number>): OwnRecord<T> =>
  Object.fromEntries(Object.entries(entries).filter(([key]) => !Object.prototype.hasOwnProperty.call(tombstones, key)));

/**
 * Merges two versions of the blob (PROTOCOL §6). Commutative, associative and idempotent:
 * keyed collections are unioned and merged per entry, tombstones beat entries (and keep their
 * keys; a friend's chat deletion merges as one more, see `deleted-chats.ts`), single values go to
 * the latest (timestamp, deviceId), counters take the max and seq sets the union, so nothing
 * either side added is ever dropped. `version` is the writer's business; the result carries the
 * larger one.
 */
export const mergeBlobDocuments = (a: BlobDocument, b: BlobDocument): BlobDocument => {
  if (a.identity.publicKey !== b.identity.publicKey || a.identity.privateKey !== b.identity.privateKey) {
    throw new Error('Cannot merge the blobs of two different identities');
  }
  const deletedMessages = mergeRecords(a.deletedMessages, b.deletedMessages, Math.min);
  return {
    format: a.format,
    version: Math.max(a.version, b.version),
    identity: a.identity,
    clock: Math.max(a.clock, b.clock),
    settings: mergeRecords(a.settings, b.settings, mergeLww),
    knownServers: mergeRecords(a.knownServers, b.knownServers, mergeLww),
    friends: mergeRecords(a.friends, b.friends, mergeFriend),
    // A side that never saw a chat's deletion brings its messages along: readers hide them and the next
    // write leaves them out (settleMessages). Dropping them here would break associativity, since copies
    // of one key may name different links.
    messages: withoutTombstoned(mergeRecords(a.messages, b.messages, mergeMessage), deletedMessages),
    deletedMessages,
    processedInboxItems: mergeRecords(a.processedInboxItems, b.processedInboxItems, Math.min),
  };
};
