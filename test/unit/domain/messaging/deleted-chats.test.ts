import { parseBlobDocument, serializeBlobDocument } from '../../../../src/domain/messaging/blob-codec';
import { BlobDocument } from '../../../../src/domain/messaging/blob-document';
import { conversationView } from '../../../../src/domain/messaging/conversation-view';
import { deleteChat, isChatDeleted } from '../../../../src/domain/messaging/deleted-chats';
import { markFriendGone, removeFriend } from '../../../../src/domain/messaging/friends';
import { mergeBlobDocuments } from '../../../../src/domain/messaging/merge';
import { settleMessages } from '../../../../src/domain/messaging/message-lifecycle';
import { applyIncomingMessage } from '../../../../src/domain/messaging/messages';
import { getOwn } from '../../../../src/domain/messaging/own-record';
import { acceptIncomingRequest, recordIncomingRequest } from '../../../../src/domain/messaging/incoming-requests';
import { ALICE, acceptance, bobFriendsWithAlice, DAY, errorOf, incomingMessage, incomingRequest, T0, unwrap } from './builders';

const device = { deviceId: 'bob-phone' };

/** Bob and Alice exchanged `count` messages, then Bob removed her. */
const bobRemovedAlice = (count = 3): BlobDocument => {
  const chatted = Array.from({ length: count - 1 }, (_, index) => index + 2).reduce(
    (doc, seq) => unwrap(applyIncomingMessage(doc, incomingMessage({ id: `m-${seq}`, seq, sentAt: T0 + seq * 10_000 }))).doc,
    bobFriendsWithAlice(),
  );
  return unwrap(removeFriend(chatted, { address: ALICE, now: T0 + DAY, ...device })).doc;
};

const deleted = (doc: BlobDocument, now = T0 + 2 * DAY, deviceId = 'bob-phone'): BlobDocument => unwrap(deleteChat(doc, { address: ALICE, now, deviceId }));

const messageIds = (doc: BlobDocument): string[] => Object.values(doc.messages).map((message) => message.id).sort();

/** Alice befriends Bob again later: a new handshake, and her first message under it. */
const befriendedAgain = (doc: BlobDocument): BlobDocument => {
  const request = incomingRequest({ ephemeralKey: 'E_A2', inboxItemId: 'item-2', receivedAt: T0 + 3 * DAY, now: T0 + 3 * DAY });
  const recorded = unwrap(recordIncomingRequest(doc, request)).doc;
  const accepted = unwrap(acceptIncomingRequest(recorded, acceptance({ handshakeId: 'E_A2', now: T0 + 3 * DAY + 1 })));
  return unwrap(applyIncomingMessage(accepted, incomingMessage({ handshakeId: 'E_A2', id: 'again-1', sentAt: T0 + 3 * DAY + 2, receivedAt: T0 + 3 * DAY + 3 }))).doc;
};

describe('deleting the chat of someone who is no longer a friend', () => {
  it('drops every message at once and hides the friend, with no gap left to show', () => {
    const doc = deleted(bobRemovedAlice());
    expect(messageIds(doc)).toEqual([]);
    expect(isChatDeleted(getOwn(doc.friends, ALICE)!)).toBe(true);
    expect(conversationView(doc, ALICE)).toEqual([]);
    expect(getOwn(doc.friends, ALICE)!.chatDeletions).toEqual({ E_A: T0 + 2 * DAY });
  });

  it('is refused while they are a friend, and for an address that never was one', () => {
    expect(errorOf(deleteChat(bobFriendsWithAlice(), { address: ALICE, now: T0 + DAY, ...device }))).toBe('friend/still-active');
    expect(errorOf(deleteChat(bobFriendsWithAlice(), { address: 'carol@c.example', now: T0 + DAY, ...device }))).toBe('friend/unknown');
  });

  it('is allowed once their account is gone', () => {
    const gone = markFriendGone(bobFriendsWithAlice(), { address: ALICE, now: T0 + DAY, ...device }).doc;
    expect(messageIds(deleted(gone))).toEqual([]);
  });

  it('a device that never saw the deletion does not bring the messages back, merged in either order', () => {
    const before = bobRemovedAlice();
    // The other device also received a message the deleting one never had.
    const other = unwrap(applyIncomingMessage(bobFriendsWithAlice(), incomingMessage({ id: 'late', seq: 9 }))).doc;
    const merged = [mergeBlobDocuments(deleted(before), other), mergeBlobDocuments(other, deleted(before))];
    for (const doc of merged) {
      // Hidden at once, and left out by the next write.
      expect(messageIds(settleMessages(doc, T0 + 3 * DAY))).toEqual([]);
      expect(isChatDeleted(getOwn(doc.friends, ALICE)!)).toBe(true);
      // Seqs 4 to 8 never arrived: no "a message may be missing" marker of the deleted chat either.
      expect(conversationView(doc, ALICE)).toEqual([]);
    }
    expect(merged[0]).toEqual(merged[1]);
  });

  it('two devices deleting settle on the later deletion in either order', () => {
    const first = deleted(bobRemovedAlice(), T0 + 2 * DAY, 'bob-phone');
    const second = deleted(bobRemovedAlice(), T0 + 5 * DAY, 'bob-laptop');
    expect(getOwn(mergeBlobDocuments(first, second).friends, ALICE)!.chatDeletions).toEqual({ E_A: T0 + 5 * DAY });
    expect(mergeBlobDocuments(second, first)).toEqual(mergeBlobDocuments(first, second));
  });

  it('befriending again shows the contact with only the new friendship’s messages', () => {
    const again = befriendedAgain(deleted(bobRemovedAlice()));
    expect(isChatDeleted(getOwn(again.friends, ALICE)!)).toBe(false);
    expect(conversationView(again, ALICE).flatMap((item) => (item.kind === 'message' ? [item.message.id] : []))).toEqual(['again-1']);
    // A device still holding the old chat merges in without bringing it back.
    const merged = mergeBlobDocuments(bobRemovedAlice(), again);
    expect(conversationView(merged, ALICE).flatMap((item) => (item.kind === 'message' ? [item.message.id] : []))).toEqual(['again-1']);
    expect(messageIds(settleMessages(merged, T0 + 4 * DAY))).toEqual(['again-1']);
  });
});

describe('the chat deletion in the stored blob', () => {
  it('is read back as written, and a blob without it still reads', () => {
    const doc = deleted(bobRemovedAlice());
    expect(unwrap(parseBlobDocument(serializeBlobDocument(doc)))).toEqual(doc);
    expect(unwrap(parseBlobDocument(serializeBlobDocument(bobRemovedAlice()))).friends[ALICE]!.chatDeletions).toBeUndefined();
  });

  it.each([['a list', ['E_A']], ['a text time', { E_A: 'yesterday' }], ['null', null]])('is refused when it holds %s', (_, chatDeletions) => {
    const doc = deleted(bobRemovedAlice());
    const text = JSON.stringify({ ...doc, friends: { [ALICE]: { ...doc.friends[ALICE], chatDeletions } } });
    expect(errorOf(parseBlobDocument(text))).toBe('blob/malformed');
  });
});
