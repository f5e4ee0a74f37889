import { err, ok, Result } from '../protocol/result';
import { canonicalizeAddress } from './address';
import { BlobDocument } from './blob-document';
import { friendOf, putFriend, stampWrite } from './document-updates';
import { Friend } from './friendship';
import { MessageRecord } from './message';
import { MessagingError } from './messaging-errors';
import { getOwn, hasOwn, mergeRecords, OwnRecord } from './own-record';

/*
 * "Delete chat" for someone who is no longer a friend: one tombstone per link of the friend rather
 * than one per message (a chat can hold 100,000 messages, most of them sealed in pages). A message
 * belongs to exactly one link (its handshakeId), so whether it is gone needs no clock: neither the
 * friend's sentAt nor another device's startedAt decides it, and a later friendship is a new link.
 */

/** Any device's deletion of a link's chat stays; the later time wins so merging commutes. */
export const mergeChatDeletions = (a: OwnRecord<number> | undefined, b: OwnRecord<number> | undefined): OwnRecord<number> | undefined =>
  a === undefined ? b : b === undefined ? a : mergeRecords(a, b, Math.max);

const isLinkDeleted = (friend: Friend | undefined, handshakeId: string): boolean =>
  friend?.chatDeletions !== undefined && hasOwn(friend.chatDeletions, handshakeId);

/** A message of a chat the user deleted: gone wherever it is found (tail, page, another device's head). */
export const isInDeletedChat = (friends: OwnRecord<Friend>, message: MessageRecord): boolean =>
  isLinkDeleted(getOwn(friends, message.friend), message.handshakeId);

/** The chat was deleted and no link has started since: the contact is not listed. */
export const isChatDeleted = (friend: Friend): boolean =>
  friend.chatDeletions !== undefined && Object.keys(friend.links).every((handshakeId) => isLinkDeleted(friend, handshakeId));

/** Links whose conversation is shown: those no deletion covers. */
export const isLinkShown = (friend: Friend, handshakeId: string): boolean => !isLinkDeleted(friend, handshakeId);

/** Messages with the tombstoned chats left out; the same record when none is. */
export const withoutDeletedChats = (messages: OwnRecord<MessageRecord>, friends: OwnRecord<Friend>): OwnRecord<MessageRecord> => {
  const doomed = Object.entries(messages).filter(([, message]) => isInDeletedChat(friends, message));
  if (doomed.length === 0) return messages;
  const gone = new Set(doomed.map(([key]) => key));
  return Object.fromEntries(Object.entries(messages).filter(([key]) => !gone.has(key)));
};

/**
 * Deletes the whole conversation with a friend who is no longer one (every link removed, which a
 * `gone` account's are too): each link gets a tombstone and the messages held here go at once.
 */
export const deleteChat = (
  doc: BlobDocument,
  input: { readonly address: string; readonly now: number; readonly deviceId: string },
): Result<BlobDocument, Extract<MessagingError, 'friend/unknown' | 'friend/still-active'>> => {
  const canonical = canonicalizeAddress(input.address);
  const friend = canonical.ok ? friendOf(doc, canonical.value) : undefined;
  const links = friend === undefined ? [] : Object.values(friend.links);
  if (friend === undefined || links.length === 0) return err('friend/unknown');
  if (links.some((link) => link.state.kind !== 'removed')) return err('friend/still-active');
  const stamped = stampWrite(doc, input.now, input.deviceId);
  const deleted = Object.fromEntries(links.map((link) => [link.handshakeId, stamped.stamp.at]));
  const next = putFriend(stamped.doc, { ...friend, chatDeletions: mergeChatDeletions(friend.chatDeletions, deleted) });
  return ok({ ...next, messages: withoutDeletedChats(next.messages, next.friends) });
};
