import { err, ok, Result } from '../protocol/result';
import { canonicalizeAddress } from './address';
import { BlobDocument } from './blob-document';
import { friendOf, putLink, resolveLink, stampWrite } from './document-updates';
import { FriendLink, hasKeys, isHardStopped, sendingLink } from './friendship';
import { isValidMessageId, keyOfMessage, MessageKey, messageKey, MessageRecord, UndeliverableReason } from './message';
import { MessagingError } from './messaging-errors';
import { getOwn, hasOwn, setOwn, withoutOwn } from './own-record';
import { isNewsRecord, kindOfRecord, RecordKind } from './record-kind';
import { addSeq, hasSeq, highestSeq, isValidSeq } from './seq-ranges';

/**
 * Takes the next seq of a link. The blob must be written (If-Match) before the message goes out;
 * after a 412, re-read and reserve again on the fresh document rather than reuse the seq.
 */
export const reserveSendSeq = (
  doc: BlobDocument,
  input: { readonly address: string; readonly handshakeId: string },
): Result<{ readonly doc: BlobDocument; readonly seq: number }, Extract<MessagingError, 'friend/unknown' | 'friend/not-active'>> => {
  const found = resolveLink(doc, input.address, input.handshakeId);
  if (!found) return err('friend/unknown');
  if (!hasKeys(found.link)) return err('friend/not-active');
  const seq = found.link.nextSendSeq;
  return ok({ doc: putLink(doc, found.address, { ...found.link, nextSendSeq: seq + 1 }), seq });
};

export interface ComposedMessage {
  readonly doc: BlobDocument;
  readonly key: MessageKey;
  readonly message: MessageRecord;
  /** The link to send under: its K, ourAddress and theirDropToken. */
  readonly link: FriendLink;
}

/** Reserves a seq on the sending link and records the message as pending. */
export const composeOutgoingMessage = (
  doc: BlobDocument,
  input: { readonly to: string; readonly id: string; readonly body: string; readonly now: number; readonly kind?: RecordKind },
): Result<ComposedMessage, Extract<MessagingError, 'friend/unknown' | 'friend/not-active' | 'friend/hard-stopped' | 'friend/blocked' | 'message/invalid'>> => {
  if (!isValidMessageId(input.id)) return err('message/invalid');
  const canonical = canonicalizeAddress(input.to);
  const friend = canonical.ok ? friendOf(doc, canonical.value) : undefined;
  if (!friend) return err('friend/unknown');
  if (friend.blocked.value) return err('friend/blocked');
  if (isHardStopped(friend)) return err('friend/hard-stopped');
  const link = sendingLink(friend);
  if (!link) return err('friend/not-active');
  const reserved = reserveSendSeq(doc, { address: friend.address, handshakeId: link.handshakeId });
  if (!reserved.ok) return reserved;
  const message: MessageRecord = {
    id: input.id,
    friend: friend.address,
    handshakeId: link.handshakeId,
    direction: 'out',
    seq: reserved.value.seq,
    sentAt: input.now,
    body: input.body,
    ...(input.kind === undefined ? {} : { kind: input.kind }),
    receivedAt: null,
    deliveredAt: null,
    failedAttempts: 0,
  };
  const key = keyOfMessage(message);
  const next = { ...reserved.value.doc, messages: setOwn(reserved.value.doc.messages, key, message) };
  return ok({ doc: next, key, message, link: { ...link, nextSendSeq: reserved.value.seq + 1 } });
};

const updateMessage = (doc: BlobDocument, key: MessageKey, update: (message: MessageRecord) => MessageRecord): BlobDocument => {
  const message = getOwn(doc.messages, key);
  const updated = message === undefined ? undefined : update(message);
  return updated === undefined || updated === message ? doc : { ...doc, messages: setOwn(doc.messages, key, updated) };
};

/** The same document when the message is delivered already (or gone): marking it again changes nothing. */
export const markMessageDelivered = (doc: BlobDocument, key: MessageKey, at: number): BlobDocument =>
  updateMessage(doc, key, (message) => (message.deliveredAt === null ? { ...message, deliveredAt: at } : message));

export const markMessageFailed = (doc: BlobDocument, key: MessageKey): BlobDocument =>
  updateMessage(doc, key, (message) => ({ ...message, failedAttempts: message.failedAttempts + 1 }));

export const markMessageUndeliverable = (doc: BlobDocument, key: MessageKey, reason: UndeliverableReason): BlobDocument =>
  updateMessage(doc, key, (message) =>
    message.deliveredAt === null && message.undeliverable === undefined ? { ...message, undeliverable: reason } : message,
  );

/** Outgoing messages not yet delivered, oldest first. */
export const undeliveredMessages = (doc: BlobDocument): MessageRecord[] =>
  Object.values(doc.messages)
    .filter((message) => message.direction === 'out' && message.deliveredAt === null)
    .sort((a, b) => a.sentAt - b.sentAt || a.seq - b.seq);

/** The retry queue: undelivered messages that retrying may still get through. */
export const retryableMessages = (doc: BlobDocument): MessageRecord[] =>
  undeliveredMessages(doc).filter((message) => message.undeliverable === undefined);

/** The first message under K from the friend confirms an awaiting link (§4.1 step 6). */
const confirmLink = (doc: BlobDocument, link: FriendLink, now: number, deviceId: string): { doc: BlobDocument; link: FriendLink } => {
  if (link.state.kind !== 'awaiting-confirmation') return { doc, link };
  const stamped = stampWrite(doc, now, deviceId);
  return { doc: stamped.doc, link: { ...link, state: { kind: 'established', since: stamped.stamp, keys: link.state.keys } } };
};

export interface IncomingMessage {
  readonly from: string;
  /** The link whose direction key authenticated the envelope. */
  readonly handshakeId: string;
  readonly id: string;
  readonly seq: number;
  readonly sentAt: number;
  readonly body: string;
  /** Absent for a plain text message. */
  readonly kind?: RecordKind;
  readonly receivedAt: number;
  readonly deviceId: string;
}

/**
 * Accepts a verified message once: a known id is a duplicate (no change), a seq already accepted
 * under another id is rejected (§4.2). The first message under K establishes an awaiting link.
 */
export const applyIncomingMessage = (
  doc: BlobDocument,
  input: IncomingMessage,
): Result<
  { readonly doc: BlobDocument; readonly outcome: 'accepted' | 'duplicate' },
  Extract<MessagingError, 'friend/unknown' | 'friend/not-active' | 'friend/blocked' | 'message/invalid' | 'message/seq-replayed'>
> => {
  if (!isValidMessageId(input.id) || !isValidSeq(input.seq) || !Number.isFinite(input.sentAt) || typeof input.body !== 'string') {
    return err('message/invalid');
  }
  const found = resolveLink(doc, input.from, input.handshakeId);
  if (!found) return err('friend/unknown');
  const { address, link } = found;
  if (!hasKeys(link)) return err('friend/not-active');
  if (friendOf(doc, address)?.blocked.value) return err('friend/blocked');
  const key = messageKey('in', address, input.id);
  if (hasOwn(doc.messages, key)) return ok({ doc, outcome: 'duplicate' });
  // Deleted or expired before it arrived (a delete may overtake its target): its seq arrived all the same, so no gap is shown.
  if (hasOwn(doc.deletedMessages, key)) {
    return ok({ doc: putLink(doc, address, { ...link, receivedSeqs: addSeq(link.receivedSeqs, input.seq) }), outcome: 'duplicate' });
  }
  if (hasSeq(link.receivedSeqs, input.seq)) return err('message/seq-replayed');
  const message: MessageRecord = {
    id: input.id,
    friend: address,
    handshakeId: link.handshakeId,
    direction: 'in',
    seq: input.seq,
    sentAt: input.sentAt,
    body: input.body,
    ...(input.kind === undefined ? {} : { kind: keptKind(input, input.kind, link) }),
    receivedAt: input.receivedAt,
    deliveredAt: null,
    failedAttempts: 0,
  };
  const confirmed = confirmLink(doc, link, input.receivedAt, input.deviceId);
  const withLink = putLink(confirmed.doc, address, { ...confirmed.link, receivedSeqs: seqsArrivedWith(input).reduce(addSeq, link.receivedSeqs) });
  return ok({ doc: { ...withLink, messages: setOwn(withLink.messages, key, message) }, outcome: 'accepted' });
};

/** A take-back's target's seq (§11 `delete` with `targetSeq`), when it went before the take-back. */
const targetSeqOf = (input: IncomingMessage): number | undefined => {
  const targetSeq = input.kind?.type === 'delete' ? input.kind.targetSeq : undefined;
  return targetSeq !== undefined && targetSeq < input.seq ? targetSeq : undefined;
};

/**
 * The message's seq, and a take-back's target's: the target went before it, and should it never arrive it is deleted
 * all the same, so no "a message may be missing" mark shows for it.
 */
const seqsArrivedWith = (input: IncomingMessage): number[] => {
  const targetSeq = targetSeqOf(input);
  return targetSeq === undefined ? [input.seq] : [input.seq, targetSeq];
};

/**
 * A take-back keeps its target's seq only when that target never arrived (nor will: it is refused once deleted), so
 * no page holds it and no device looks for it there (`pagedTargetOf`); one whose target arrived may find it in a page.
 */
const keptKind = (input: IncomingMessage, kind: RecordKind, link: FriendLink): RecordKind => {
  if (kind.type !== 'delete' || kind.targetSeq === undefined) return kind;
  const targetSeq = targetSeqOf(input);
  return targetSeq !== undefined && !hasSeq(link.receivedSeqs, targetSeq) ? kind : { type: 'delete', target: kind.target };
};

/**
 * A message from the friend that broke the rules (§11) is stored nowhere, but its seq arrived: no
 * "a message may be missing" mark for it. Only on a link that has its keys (the envelope authenticated).
 */
export const recordRefusedSeq = (doc: BlobDocument, input: { readonly from: string; readonly handshakeId: string; readonly seq: number }): BlobDocument => {
  const found = resolveLink(doc, input.from, input.handshakeId);
  if (!found || !hasKeys(found.link) || !isValidSeq(input.seq) || hasSeq(found.link.receivedSeqs, input.seq)) return doc;
  return putLink(doc, found.address, { ...found.link, receivedSeqs: addSeq(found.link.receivedSeqs, input.seq) });
};

/** Deletion leaves a tombstone that beats the message in every later merge. */
export const deleteMessage = (doc: BlobDocument, key: MessageKey, now: number): BlobDocument => ({
  ...doc,
  messages: withoutOwn(doc.messages, key),
  deletedMessages: hasOwn(doc.deletedMessages, key) ? doc.deletedMessages : setOwn(doc.deletedMessages, key, now),
});

/** Deletes every message exchanged with an address (tombstones, so no device brings them back). */
export const deleteConversation = (doc: BlobDocument, address: string, now: number): BlobDocument => {
  const canonical = canonicalizeAddress(address);
  if (!canonical.ok) return doc;
  return Object.entries(doc.messages)
    .filter(([, message]) => message.friend === canonical.value)
    .reduce((current, [key]) => deleteMessage(current, key, now), doc);
};

/**
 * Everything received from the address is read; the countdown of its disappearing messages starts
 * now (§11). Returns the ids of the messages this read for the first time, for a read receipt.
 */
export const markConversationRead = (doc: BlobDocument, address: string, now: number): { readonly doc: BlobDocument; readonly newlyRead: readonly string[] } => {
  const canonical = canonicalizeAddress(address);
  const friend = canonical.ok ? friendOf(doc, canonical.value) : undefined;
  if (!friend) return { doc, newlyRead: [] };
  const incoming = Object.entries(doc.messages).filter(([, message]) => message.friend === friend.address && message.direction === 'in');
  const newlyRead = incoming
    .filter(([, message]) => isUnread(doc, message) && kindOfRecord(message).type === 'message')
    .sort(([, a], [, b]) => a.seq - b.seq)
    .map(([, message]) => message.id);
  const displayed = incoming
    .filter(([, message]) => message.displayedAt === undefined && hasExpiry(message))
    .reduce((current, [key, message]) => ({ ...current, messages: setOwn(current.messages, key, { ...message, displayedAt: now }) }), doc);
  const read = Object.values(friend.links).reduce(
    (current, link) => putLink(current, friend.address, { ...link, readUpTo: Math.max(link.readUpTo, highestSeq(link.receivedSeqs)) }),
    displayed,
  );
  return { doc: read, newlyRead };
};

const hasExpiry = (message: MessageRecord): boolean => {
  const kind = kindOfRecord(message);
  return kind.type === 'message' && kind.expiresIn !== undefined;
};

export const isUnread = (doc: BlobDocument, message: MessageRecord): boolean => {
  if (message.direction !== 'in') return false;
  const link = friendOf(doc, message.friend)?.links;
  const readUpTo = (link && getOwn(link, message.handshakeId)?.readUpTo) ?? 0;
  return message.seq > readUpTo;
};

/** Incoming messages the user has not seen yet (deleted ones, edits, reactions, receipts and timer notices do not count). */
export const unreadCount = (doc: BlobDocument, address: string): number => {
  const canonical = canonicalizeAddress(address);
  if (!canonical.ok) return 0;
  return Object.values(doc.messages).filter((message) => message.friend === canonical.value && isNewsRecord(message) && isUnread(doc, message)).length;
};

/** Whether marking the conversation read would change anything: unread messages, or a countdown to start. */
export const hasUnseen = (doc: BlobDocument, address: string): boolean => {
  const canonical = canonicalizeAddress(address);
  if (!canonical.ok) return false;
  return Object.values(doc.messages).some(
    (message) => message.friend === canonical.value && message.direction === 'in' && (isUnread(doc, message) || (message.displayedAt === undefined && hasExpiry(message))),
  );
};
