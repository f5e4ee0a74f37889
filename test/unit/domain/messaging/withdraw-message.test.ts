import { BlobDocument } from '../../../../src/domain/messaging/blob-document';
import { MessageKey } from '../../../../src/domain/messaging/message';
import { setFriendBlocked } from '../../../../src/domain/messaging/friends';
import { composeOutgoingMessage, markMessageUndeliverable } from '../../../../src/domain/messaging/messages';
import { settleMessages } from '../../../../src/domain/messaging/message-lifecycle';
import { getOwn, hasOwn } from '../../../../src/domain/messaging/own-record';
import { withdrawMessage } from '../../../../src/domain/messaging/withdraw-message';
import { ALICE, bobFriendsWithAlice, T0, unwrap } from './builders';

const withdrawn = (doc: BlobDocument, key: MessageKey, input: { readonly id: string; readonly now: number }) => {
  const message = getOwn(doc.messages, key);
  if (message === undefined) throw new Error(`no message ${key}`);
  return withdrawMessage(doc, message, input);
};

const sentToAlice = (doc = bobFriendsWithAlice()) => unwrap(composeOutgoingMessage(doc, { to: ALICE, id: 'oops', body: 'wrong chat', now: T0 }));

describe('withdrawing a message whose drop may still get through', () => {
  it('tombstones it and records, in the same document, a delete naming it and its seq that our chat shows nothing of', () => {
    const sent = sentToAlice();
    const { doc, deleteKey } = withdrawMessage(sent.doc, sent.message, { id: 'take-back', now: T0 + 1000 });
    expect(hasOwn(doc.deletedMessages, sent.key)).toBe(true);
    expect(getOwn(doc.messages, sent.key)).toBeUndefined();
    const takeBack = getOwn(settleMessages(doc, T0 + 1000).messages, deleteKey ?? '');
    expect(takeBack).toMatchObject({ kind: { type: 'delete', target: 'oops', targetSeq: sent.message.seq }, seq: sent.message.seq + 1, deliveredAt: null });
    // Its target was gone before it: no "deleted" mark for a message the friend may never have had.
    expect(takeBack?.targetSentAt).toBeUndefined();
  });

  it('only tombstones it when nothing can go to the friend any more', () => {
    const sent = sentToAlice();
    const blocked = unwrap(setFriendBlocked(sent.doc, { address: ALICE, blocked: true, now: T0, deviceId: 'd' }));
    const { doc, deleteKey } = withdrawMessage(blocked, sent.message, { id: 'take-back', now: T0 + 1000 });
    expect(deleteKey).toBeNull();
    expect(hasOwn(doc.deletedMessages, sent.key)).toBe(true);
  });

  it('only tombstones it when the friend’s server refuses anything from us, and names one refused as too large', () => {
    const sent = sentToAlice();
    const withdrawnAs = (reason: 'refused' | 'gone' | 'too-large') => withdrawn(markMessageUndeliverable(sent.doc, sent.key, reason), sent.key, { id: 'take-back', now: T0 + 1000 });
    for (const reason of ['refused', 'gone'] as const) {
      const { doc, deleteKey } = withdrawnAs(reason);
      expect(deleteKey).toBeNull();
      expect(hasOwn(doc.deletedMessages, sent.key)).toBe(true);
    }
    // Its seq was used all the same: the friend is told which, so the next message leaves no gap.
    const tooLarge = withdrawnAs('too-large');
    expect(getOwn(tooLarge.doc.messages, tooLarge.deleteKey ?? '')?.kind).toEqual({ type: 'delete', target: 'oops', targetSeq: sent.message.seq });
  });
});
