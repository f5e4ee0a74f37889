import { getOwn } from '../../../../src/domain/messaging/own-record';
import { BlobDocument } from '../../../../src/domain/messaging/blob-document';
import { friendshipStatus } from '../../../../src/domain/messaging/friendship';
import { recordIdentityKeyObservation, setFriendBlocked } from '../../../../src/domain/messaging/friends';
import { deliveryStatus, messageKey } from '../../../../src/domain/messaging/message';
import {
  applyIncomingMessage,
  composeOutgoingMessage,
  deleteConversation,
  deleteMessage,
  markConversationRead,
  markMessageDelivered,
  markMessageFailed,
  reserveSendSeq,
  undeliveredMessages,
  unreadCount,
} from '../../../../src/domain/messaging/messages';
import { recordIncomingRequest } from '../../../../src/domain/messaging/incoming-requests';
import { missingSeqRanges } from '../../../../src/domain/messaging/seq-ranges';
import {
  ALICE,
  aliceFriendsWithBob,
  BOB,
  bobAwaitingAlice,
  bobDoc,
  bobFriendsWithAlice,
  errorOf,
  incomingMessage,
  incomingRequest,
  T0,
  unwrap,
} from './builders';

const receivedSeqsOf = (doc: BlobDocument) => getOwn(getOwn(doc.friends, ALICE)?.links ?? {}, 'E_A')?.receivedSeqs ?? [];

const receive = (doc: BlobDocument, seq: number, id = `m-${seq}`) =>
  unwrap(applyIncomingMessage(doc, incomingMessage({ id, seq, sentAt: T0 + seq * 1000 }))).doc;

describe('sending', () => {
  it('reserves seqs from 1 per link, never twice', () => {
    const first = unwrap(reserveSendSeq(aliceFriendsWithBob(), { address: BOB, handshakeId: 'E_A' }));
    const second = unwrap(reserveSendSeq(first.doc, { address: BOB, handshakeId: 'E_A' }));
    expect([first.seq, second.seq]).toEqual([1, 2]);
  });

  it('records a composed message as pending under the sending link', () => {
    const composed = unwrap(composeOutgoingMessage(aliceFriendsWithBob(), { to: BOB, id: 'u-1', body: 'hi', now: T0 + 50 }));
    expect(composed.message).toMatchObject({ direction: 'out', seq: 1, friend: BOB, handshakeId: 'E_A', sentAt: T0 + 50 });
    expect(composed.link.state).toMatchObject({ kind: 'established', keys: { theirDropToken: 'tB' } });
    expect(deliveryStatus(composed.message)).toBe('pending');
    expect(undeliveredMessages(composed.doc).map((m) => m.id)).toEqual(['u-1']);

    const next = unwrap(composeOutgoingMessage(composed.doc, { to: BOB, id: 'u-2', body: 'again', now: T0 + 60 }));
    expect(next.message.seq).toBe(2);
  });

  it('tracks delivery: failed attempts, then sent for good', () => {
    const composed = unwrap(composeOutgoingMessage(aliceFriendsWithBob(), { to: BOB, id: 'u-1', body: 'hi', now: T0 }));
    const failed = markMessageFailed(composed.doc, composed.key);
    expect(deliveryStatus(getOwn(failed.messages, composed.key)!)).toBe('failed');
    const sent = markMessageDelivered(failed, composed.key, T0 + 5);
    expect(deliveryStatus(getOwn(sent.messages, composed.key)!)).toBe('sent');
    expect(undeliveredMessages(sent)).toEqual([]);
  });

  it('refuses when there is no friendship key, the friend is blocked or hard-stopped', () => {
    const pending = unwrap(recordIncomingRequest(bobDoc(), incomingRequest())).doc;
    expect(errorOf(composeOutgoingMessage(pending, { to: ALICE, id: 'u', body: 'x', now: T0 }))).toBe('friend/not-active');
    expect(errorOf(composeOutgoingMessage(bobDoc(), { to: ALICE, id: 'u', body: 'x', now: T0 }))).toBe('friend/unknown');
    const blocked = unwrap(setFriendBlocked(bobFriendsWithAlice(), { address: ALICE, blocked: true, now: T0, deviceId: 'd' }));
    expect(errorOf(composeOutgoingMessage(blocked, { to: ALICE, id: 'u', body: 'x', now: T0 }))).toBe('friend/blocked');
    const stopped = unwrap(recordIdentityKeyObservation(bobFriendsWithAlice(), { address: ALICE, identityKey: 'ik-other', now: T0 })).doc;
    expect(errorOf(composeOutgoingMessage(stopped, { to: ALICE, id: 'u', body: 'x', now: T0 }))).toBe('friend/hard-stopped');
  });
});

describe('receiving', () => {
  it('the first message under K establishes an awaiting friendship', () => {
    const result = unwrap(applyIncomingMessage(bobAwaitingAlice(), incomingMessage()));
    expect(result.outcome).toBe('accepted');
    expect(friendshipStatus(getOwn(result.doc.friends, ALICE))).toBe('established');
    expect(getOwn(result.doc.messages, messageKey('in', ALICE, 'm-1'))).toMatchObject({ body: 'hello', seq: 1, receivedAt: T0 + 11_000 });
  });

  it('deduplicates by message id', () => {
    const doc = bobFriendsWithAlice();
    expect(unwrap(applyIncomingMessage(doc, incomingMessage()))).toEqual({ doc, outcome: 'duplicate' });
  });

  it('rejects a seq it has already accepted under another id', () => {
    expect(errorOf(applyIncomingMessage(bobFriendsWithAlice(), incomingMessage({ id: 'm-replay', seq: 1 })))).toBe('message/seq-replayed');
  });

  it('a deleted message stays deleted when it is delivered again', () => {
    const deleted = deleteMessage(bobFriendsWithAlice(), messageKey('in', ALICE, 'm-1'), T0 + 20_000);
    expect(unwrap(applyIncomingMessage(deleted, incomingMessage())).outcome).toBe('duplicate');
    expect(getOwn(deleted.messages, messageKey('in', ALICE, 'm-1'))).toBeUndefined();
  });

  it('a delete naming its target\'s seq counts that seq as arrived, so a target that never comes leaves no gap', () => {
    const takeBack = (seq: number, targetSeq: number) =>
      unwrap(applyIncomingMessage(bobFriendsWithAlice(), incomingMessage({ id: `d-${seq}`, seq, body: '', kind: { type: 'delete', target: 'lost', targetSeq } }))).doc;
    expect(missingSeqRanges(receivedSeqsOf(takeBack(3, 2)))).toEqual([]);
    // A target is always sent before its delete: a seq at or past the delete's own fills nothing.
    expect(missingSeqRanges(receivedSeqsOf(takeBack(3, 4)))).toEqual([[2, 2]]);
  });

  it("keeps a delete's target seq only when that target never arrived, so only one whose target arrived looks for it in older pages", () => {
    const takeBack = (doc: BlobDocument, targetSeq: number) =>
      getOwn(unwrap(applyIncomingMessage(doc, incomingMessage({ id: 'd-3', seq: 3, body: '', kind: { type: 'delete', target: 'm-2', targetSeq } }))).doc.messages, messageKey('in', ALICE, 'd-3'))?.kind;
    expect(takeBack(bobFriendsWithAlice(), 2)).toEqual({ type: 'delete', target: 'm-2', targetSeq: 2 });
    expect(takeBack(receive(bobFriendsWithAlice(), 2), 2)).toEqual({ type: 'delete', target: 'm-2' });
    // Not sent before the delete, so no target of it.
    expect(takeBack(bobFriendsWithAlice(), 4)).toEqual({ type: 'delete', target: 'm-2' });
  });

  it("a friend reusing one of our message ids does not touch our message", () => {
    const composed = unwrap(composeOutgoingMessage(bobFriendsWithAlice(), { to: ALICE, id: 'shared-id', body: 'mine', now: T0 }));
    const result = unwrap(applyIncomingMessage(composed.doc, incomingMessage({ id: 'shared-id', seq: 2, body: 'theirs' })));
    expect(result.outcome).toBe('accepted');
    expect(getOwn(result.doc.messages, composed.key)?.body).toBe('mine');
  });

  it.each([
    [{ seq: 0 }, 'message/invalid'],
    [{ seq: 1.5 }, 'message/invalid'],
    [{ id: '' }, 'message/invalid'],
    [{ id: 'x'.repeat(129) }, 'message/invalid'],
    [{ handshakeId: 'E_other' }, 'friend/unknown'],
    [{ from: 'carol@c.example' }, 'friend/unknown'],
  ])('rejects %j', (override, expected) => {
    expect(errorOf(applyIncomingMessage(bobFriendsWithAlice(), incomingMessage({ id: 'm-2', seq: 2, ...override })))).toBe(expected);
  });

  it('refuses messages on a link without a key and from a blocked friend', () => {
    const pending = unwrap(recordIncomingRequest(bobDoc(), incomingRequest())).doc;
    expect(errorOf(applyIncomingMessage(pending, incomingMessage()))).toBe('friend/not-active');
    const blocked = unwrap(setFriendBlocked(bobFriendsWithAlice(), { address: ALICE, blocked: true, now: T0, deviceId: 'd' }));
    expect(errorOf(applyIncomingMessage(blocked, incomingMessage({ id: 'm-2', seq: 2 })))).toBe('friend/blocked');
  });
});

describe('unread counts', () => {
  it('counts messages, also of unknown types, but no edit, reaction, receipt or timer notice', () => {
    const kinds = [
      { type: 'edit', target: 'm-1' },
      { type: 'reaction', target: 'm-1', emoji: '👍' },
      { type: 'receipt', read: [] },
      { type: 'timer', expiresIn: 300 },
      { type: 'unsupported', originalType: 'poll' },
    ] as const;
    const doc = kinds.reduce(
      (current, kind, index) => unwrap(applyIncomingMessage(current, incomingMessage({ id: `k-${index}`, seq: index + 2, kind }))).doc,
      bobFriendsWithAlice(),
    );
    expect(unreadCount(doc, ALICE)).toBe(2);
  });

  it('counts incoming messages above the read mark, deleted ones excluded', () => {
    const doc = receive(receive(bobFriendsWithAlice(), 2), 3);
    expect(unreadCount(doc, ALICE)).toBe(3);
    const read = markConversationRead(doc, ALICE, T0).doc;
    expect(unreadCount(read, ALICE)).toBe(0);
    const more = receive(read, 4);
    expect(unreadCount(more, ALICE)).toBe(1);
    expect(unreadCount(deleteMessage(more, messageKey('in', ALICE, 'm-4'), T0), ALICE)).toBe(0);
  });
});

describe('deleting a conversation', () => {
  it('tombstones every message with the address, in both directions', () => {
    const composed = unwrap(composeOutgoingMessage(bobFriendsWithAlice(), { to: ALICE, id: 'u-1', body: 'hi', now: T0 }));
    const doc = deleteConversation(composed.doc, ALICE, T0 + 1);
    expect(doc.messages).toEqual({});
    expect(Object.keys(doc.deletedMessages).sort()).toEqual([messageKey('in', ALICE, 'm-1'), composed.key].sort());
  });
});
