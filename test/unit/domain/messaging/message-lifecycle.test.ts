import fc from 'fast-check';
import { BlobDocument } from '../../../../src/domain/messaging/blob-document';
import { disappearingTimerOf, timerSentAt } from '../../../../src/domain/messaging/chat-settings';
import { messageKey } from '../../../../src/domain/messaging/message';
import { expireSealedMessages, expiresAtOf, nextExpiry, settleMessages, settlePagedTargets } from '../../../../src/domain/messaging/message-lifecycle';
import { applyIncomingMessage, composeOutgoingMessage, markConversationRead } from '../../../../src/domain/messaging/messages';
import { getOwn, hasOwn } from '../../../../src/domain/messaging/own-record';
import { RecordKind } from '../../../../src/domain/messaging/record-kind';
import { blobDocument } from './blob-arbitraries';
import { ALICE, bobFriendsWithAlice, incomingMessage, T0, unwrap } from './builders';

/** Bob's document: `m-1` ("hello") from Alice is there already. */
const receive = (doc: BlobDocument, seq: number, id: string, kind?: RecordKind, body = '') =>
  unwrap(applyIncomingMessage(doc, incomingMessage({ id, seq, sentAt: T0 + seq * 1000, body, ...(kind === undefined ? {} : { kind }) }))).doc;
const send = (doc: BlobDocument, id: string, now: number, kind?: RecordKind, body = '') =>
  unwrap(composeOutgoingMessage(doc, { to: ALICE, id, body, now, ...(kind === undefined ? {} : { kind }) })).doc;
const inKey = (id: string) => messageKey('in', ALICE, id);
const outKey = (id: string) => messageKey('out', ALICE, id);
const NOW = T0 + 100_000;

describe('settling deletes (PROTOCOL §11)', () => {
  it('tombstones the author’s own target and remembers when it was sent, so the text leaves the store', () => {
    const doc = settleMessages(receive(bobFriendsWithAlice(), 2, 'd-1', { type: 'delete', target: 'm-1' }), NOW);
    expect(hasOwn(doc.messages, inKey('m-1'))).toBe(false);
    expect(hasOwn(doc.deletedMessages, inKey('m-1'))).toBe(true);
    expect(getOwn(doc.messages, inKey('d-1'))?.targetSentAt).toBe(T0 + 10_000);
  });

  it('ignores a delete of the other side’s message: the friend cannot delete what we wrote', () => {
    const withOwn = send(bobFriendsWithAlice(), 'mine', T0 + 20_000, undefined, 'my words');
    const doc = settleMessages(receive(withOwn, 2, 'd-1', { type: 'delete', target: 'mine' }), NOW);
    expect(getOwn(doc.messages, outKey('mine'))?.body).toBe('my words');
  });

  it('refuses a target that arrives after its delete, without a gap for its seq', () => {
    const deleted = settleMessages(receive(bobFriendsWithAlice(), 3, 'd-1', { type: 'delete', target: 'late' }), NOW);
    const arrived = receive(deleted, 2, 'late', undefined, 'too late');
    expect(hasOwn(arrived.messages, inKey('late'))).toBe(false);
    const link = Object.values(getOwn(arrived.friends, ALICE)!.links)[0]!;
    expect(link.receivedSeqs).toEqual([[1, 3]]);
    expect(getOwn(arrived.messages, inKey('d-1'))?.targetSentAt).toBeUndefined();
  });

  it('takes the edits of a deleted message along (they hold its text)', () => {
    const edited = receive(bobFriendsWithAlice(), 2, 'e-1', { type: 'edit', target: 'm-1' }, 'hello again');
    const doc = settleMessages(receive(edited, 3, 'd-1', { type: 'delete', target: 'm-1' }), NOW);
    expect(Object.values(doc.messages).map((message) => message.body)).not.toContain('hello again');
    expect(hasOwn(doc.deletedMessages, inKey('e-1'))).toBe(true);
  });

  it('puts the newest edit’s text in place of the original and keeps no edit record (the previous text is not kept)', () => {
    const first = receive(bobFriendsWithAlice(), 4, 'e-2', { type: 'edit', target: 'm-1' }, 'hello, third try');
    const doc = settleMessages(receive(first, 2, 'e-1', { type: 'edit', target: 'm-1' }, 'hello, second try'), NOW);
    expect(Object.values(doc.messages)).toEqual([expect.objectContaining({ id: 'm-1', body: 'hello, third try', editSeq: 4 })]);
    expect(Object.keys(doc.deletedMessages).sort()).toEqual([inKey('e-1'), inKey('e-2')]);
    // An older edit arriving after the newer one changes nothing.
    const late = settleMessages(receive(doc, 3, 'e-0', { type: 'edit', target: 'm-1' }, 'hello?'), NOW);
    expect(getOwn(late.messages, inKey('m-1'))?.body).toBe('hello, third try');
  });

  it('keeps an edit until its target arrives, and our own until it was delivered', () => {
    const waiting = settleMessages(receive(bobFriendsWithAlice(), 3, 'e-1', { type: 'edit', target: 'later' }, 'edited'), NOW);
    expect(getOwn(waiting.messages, inKey('e-1'))?.body).toBe('edited');
    const arrived = settleMessages(receive(waiting, 2, 'later', undefined, 'original'), NOW);
    expect(getOwn(arrived.messages, inKey('later'))).toMatchObject({ body: 'edited', editSeq: 3 });
    expect(hasOwn(arrived.messages, inKey('e-1'))).toBe(false);

    const ours = send(send(bobFriendsWithAlice(), 'mine', T0, undefined, 'tpyo'), 'fix', T0 + 1, { type: 'edit', target: 'mine' }, 'typo');
    const settled = settleMessages(ours, NOW);
    expect(getOwn(settled.messages, outKey('mine'))?.body).toBe('typo');
    expect(hasOwn(settled.messages, outKey('fix'))).toBe(true);
  });

  it('returns the document itself when nothing is due', () => {
    const doc = bobFriendsWithAlice();
    expect(settleMessages(doc, NOW)).toBe(doc);
  });
});

describe('disappearing messages', () => {
  const disappearing: RecordKind = { type: 'message', expiresIn: 60 };

  it('count down from sending for our own and from first display for the friend’s', () => {
    const sent = send(bobFriendsWithAlice(), 'mine', T0 + 20_000, disappearing, 'bye soon');
    expect(expiresAtOf(getOwn(sent.messages, outKey('mine'))!)).toBe(T0 + 80_000);
    const received = receive(sent, 2, 'theirs', disappearing, 'psst');
    expect(expiresAtOf(getOwn(received.messages, inKey('theirs'))!)).toBeNull();
    const read = markConversationRead(received, ALICE, T0 + 30_000).doc;
    expect(expiresAtOf(getOwn(read.messages, inKey('theirs'))!)).toBe(T0 + 90_000);
    expect(nextExpiry(read)).toBe(T0 + 80_000);
    expect(markConversationRead(read, ALICE, T0 + 40_000).doc.messages).toEqual(read.messages);
  });

  it('tombstone a copy sealed in a page (outside the tail) once its time is up, so its page is rewritten without it', () => {
    const sent = send(bobFriendsWithAlice(), 'mine', T0 + 20_000, disappearing, 'bye soon');
    const sealedCopy = getOwn(sent.messages, outKey('mine'))!;
    const tailOnly = { ...sent, messages: Object.fromEntries(Object.entries(sent.messages).filter(([key]) => key !== outKey('mine'))) };
    expect(expireSealedMessages(tailOnly, [sealedCopy], T0 + 79_999)).toBe(tailOnly);
    const expired = expireSealedMessages(tailOnly, [sealedCopy], T0 + 80_000);
    expect(Object.keys(expired.deletedMessages)).toEqual([outKey('mine')]);
    expect(expireSealedMessages(expired, [sealedCopy], T0 + 90_000)).toBe(expired);
  });

  it('leave the store once their time is up, their edits with them, and not a moment before', () => {
    const sent = send(bobFriendsWithAlice(), 'mine', T0 + 20_000, disappearing, 'bye soon');
    const edited = settleMessages(send(sent, 'fix', T0 + 21_000, { type: 'edit', target: 'mine' }, 'bye very soon'), T0 + 21_000);
    expect(settleMessages(edited, T0 + 79_999)).toBe(edited);
    const expired = settleMessages(edited, T0 + 80_000);
    expect(Object.values(expired.messages).map((message) => message.body)).toEqual(['hello']);
    expect(Object.keys(expired.deletedMessages).sort()).toEqual([outKey('fix'), outKey('mine')].sort());
    expect(nextExpiry(expired)).toBeNull();
  });

  it('settling twice changes nothing more (any document)', () => {
    fc.assert(
      fc.property(blobDocument, fc.integer({ min: 0, max: 10 ** 7 }), (doc, now) => {
        const once = settleMessages(doc, now);
        expect(settleMessages(once, now)).toBe(once);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the disappearing timer', () => {
  it('is the latest setting of either side, and a new one is stamped after it', () => {
    const doc = receive(bobFriendsWithAlice(), 2, 't-1', { type: 'timer', expiresIn: 86_400 });
    expect(disappearingTimerOf(doc, ALICE)).toBe(86_400);
    // Bob's clock is behind Alice's: his change still comes after hers.
    const stamped = timerSentAt(doc, ALICE, T0);
    expect(stamped).toBe(T0 + 2000 + 1);
    const off = send(doc, 't-2', stamped, { type: 'timer', expiresIn: null });
    expect(disappearingTimerOf(off, ALICE)).toBeNull();
  });
});

describe('settling edits and deletes whose target is in a page (PROTOCOL §11, §8.4)', () => {
  /** Bob's document after `p-1` from Alice was sealed into a page: the copy in the page, and the tail without it. */
  const sealed = () => {
    const received = receive(bobFriendsWithAlice(), 2, 'p-1', undefined, 'sealed words');
    const copy = getOwn(received.messages, inKey('p-1'))!;
    return { copy, doc: { ...received, messages: Object.fromEntries(Object.entries(received.messages).filter(([key]) => key !== inKey('p-1'))) } };
  };

  it('gives a delete its sealed target’s time, so the deleted mark shows', () => {
    const { copy, doc: before } = sealed();
    const doc = settleMessages(receive(before, 3, 'd-1', { type: 'delete', target: 'p-1' }), NOW);
    expect(getOwn(doc.messages, inKey('d-1'))?.targetSentAt).toBeUndefined();
    const settled = settlePagedTargets(doc, () => [copy]);
    expect(getOwn(settled.messages, inKey('d-1'))?.targetSentAt).toBe(copy.sentAt);
    expect(settlePagedTargets(settled, () => [copy])).toBe(settled);
  });

  it('settles an edit once every sealed copy holds its text, and keeps it waiting while one does not', () => {
    const { copy, doc: before } = sealed();
    const doc = receive(before, 3, 'e-1', { type: 'edit', target: 'p-1' }, 'new words');
    expect(settlePagedTargets(doc, () => [copy])).toBe(doc);
    const rewritten = { ...copy, body: 'new words', editSeq: 3 };
    expect(settlePagedTargets(doc, () => [rewritten, copy])).toBe(doc);
    const settled = settlePagedTargets(doc, () => [rewritten]);
    // The edit stays, for a device still showing the old page from memory; it waits for nothing now.
    expect(getOwn(settled.messages, inKey('e-1'))).toEqual({ ...getOwn(doc.messages, inKey('e-1')), targetSentAt: copy.sentAt });
  });

  it('changes nothing when no page copy is at hand', () => {
    const { doc: before } = sealed();
    const doc = receive(before, 3, 'd-1', { type: 'delete', target: 'p-1' });
    expect(settlePagedTargets(doc, () => [])).toBe(doc);
  });
});
