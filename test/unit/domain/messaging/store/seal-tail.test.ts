import fc from 'fast-check';
import { canonicalJson } from '../../../../../src/domain/messaging/canonical-json';
import { keyOfMessage, MessageRecord } from '../../../../../src/domain/messaging/message';
import { messagePageBytes } from '../../../../../src/domain/messaging/store/message-page';
import { pagesOfFriend } from '../../../../../src/domain/messaging/store/page-ref';
import { readConversation, storedMessages } from '../../../../../src/domain/messaging/store/read-conversation';
import { sealTail, TAIL_THRESHOLD_BYTES } from '../../../../../src/domain/messaging/store/seal-tail';
import { tailBytes, tailEntryBytes } from '../../../../../src/domain/messaging/store/tail-size';
import { BOB, T0 } from '../builders';
import { headOf, incomingMessages, message, objectIdFactory, withTail } from './store-builders';

const PAGE_ID = objectIdFactory()();
const options = { thresholdBytes: 4000, keepBytes: 1000, maxPageBytes: 100_000 };
const keys = (messages: readonly MessageRecord[]) => messages.map(keyOfMessage).sort();

describe('sealTail', () => {
  it('does nothing while the tail is within the threshold', () => {
    const head = withTail(headOf(), incomingMessages(10, 100));
    expect(tailBytes(head.tail)).toBeLessThan(TAIL_THRESHOLD_BYTES);
    expect(sealTail(head, PAGE_ID)).toBeNull();
  });

  it('seals the oldest messages into one page until the tail is back to keepBytes', () => {
    const all = incomingMessages(60, 100);
    const head = withTail(headOf(), all);
    const sealed = sealTail(head, PAGE_ID, options)!;

    expect(tailBytes(sealed.head.tail)).toBeLessThanOrEqual(options.keepBytes);
    const newestSealed = Math.max(...sealed.page.messages.map((m) => m.sentAt));
    for (const kept of Object.values(sealed.head.tail)) expect(kept.sentAt).toBeGreaterThan(newestSealed);
    expect(keys([...sealed.page.messages, ...Object.values(sealed.head.tail)])).toEqual(keys(all));
    expect(sealed.head.pages).toEqual({ [PAGE_ID]: sealed.ref });
    expect(sealed.ref).toEqual({
      id: PAGE_ID,
      messages: sealed.page.messages.length,
      bytes: messagePageBytes(sealed.page),
      friends: { [BOB]: { messages: sealed.page.messages.length, firstSentAt: all[0]!.sentAt, lastSentAt: newestSealed } },
    });
    expect(pagesOfFriend(sealed.head.pages, BOB)).toEqual([sealed.ref]);
    expect(readConversation(sealed.head, [sealed.page], BOB)).toEqual(readConversation(head, [], BOB));
    expect(readConversation(head, [], BOB)).toHaveLength(all.length);
  });

  it('keeps outgoing messages still to be delivered in the tail, where the retry queue finds them', () => {
    const pending = message({ id: 'out-1', direction: 'out', seq: 1, sentAt: T0 - 5000, receivedAt: null, deliveredAt: null });
    const delivered = message({ id: 'out-2', direction: 'out', seq: 2, sentAt: T0 - 4000, receivedAt: null, deliveredAt: T0 });
    const head = withTail(headOf(), [pending, delivered, ...incomingMessages(60, 100)]);
    const sealed = sealTail(head, PAGE_ID, options)!;
    expect(keys(sealed.page.messages)).toContain(keyOfMessage(delivered));
    expect(sealed.head.tail[keyOfMessage(pending)]).toEqual(pending);
  });

  it('keeps disappearing messages in the tail until they expire, sealing the other kinds', () => {
    const disappearing = message({ id: 'd1', seq: 1, sentAt: T0 - 5000, kind: { type: 'message', expiresIn: 300 } });
    const reaction = message({ id: 'r1', seq: 2, sentAt: T0 - 4000, body: '', kind: { type: 'reaction', target: 'm1', emoji: '👍' } });
    const head = withTail(headOf(), [disappearing, reaction, ...incomingMessages(60, 100)]);
    const sealed = sealTail(head, PAGE_ID, options)!;
    expect(sealed.page.messages).toContainEqual(reaction);
    expect(sealed.head.tail[keyOfMessage(disappearing)]).toEqual(disappearing);
  });

  it('returns nothing when only undelivered messages are over the threshold', () => {
    const pending = Array.from({ length: 60 }, (_, i) => message({ id: `o${i}`, direction: 'out', seq: i + 1, body: 'y'.repeat(100), receivedAt: null }));
    expect(sealTail(withTail(headOf(), pending), PAGE_ID, options)).toBeNull();
  });

  it('stops at the page size, leaving the rest for the next sync', () => {
    const head = withTail(headOf(), incomingMessages(200, 100));
    const sealed = sealTail(head, PAGE_ID, { thresholdBytes: 4000, keepBytes: 2000, maxPageBytes: 3000 })!;
    expect(messagePageBytes(sealed.page)).toBeLessThanOrEqual(3000);
    expect(tailBytes(sealed.head.tail)).toBeGreaterThan(4000);
    const next = sealTail(sealed.head, objectIdFactory(1)(), { thresholdBytes: 4000, keepBytes: 2000, maxPageBytes: 3000 })!;
    expect(Object.keys(next.head.pages)).toHaveLength(2);
  });

  it('refuses a page id already used (a bug, not a state)', () => {
    const sealed = sealTail(withTail(headOf(), incomingMessages(60, 100)), PAGE_ID, options)!;
    expect(() => sealTail(withTail(sealed.head, incomingMessages(60, 100, 100)), PAGE_ID, options)).toThrow();
  });

  it('measures the tail as the sum of its entries, and never loses or duplicates a message', () => {
    const record = fc.record({
      id: fc.string({ minLength: 1, maxLength: 8 }),
      sentAt: fc.integer({ min: 0, max: 50 }),
      body: fc.string({ maxLength: 300, unit: 'binary' }),
      direction: fc.constantFrom('in' as const, 'out' as const),
      deliveredAt: fc.option(fc.constant(T0), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(record, { maxLength: 60 }), fc.integer({ min: 200, max: 6000 }), (records, threshold) => {
        const head = withTail(
          headOf(),
          records.map((r, i) => message({ ...r, seq: i + 1 })),
        );
        const entries = Object.entries(head.tail);
        expect(tailBytes(head.tail)).toBe(entries.length === 0 ? 2 : 1 + entries.reduce((sum, [k, m]) => sum + tailEntryBytes(k, m), 0));
        const sealed = sealTail(head, PAGE_ID, { thresholdBytes: threshold, keepBytes: threshold / 3, maxPageBytes: 2000 });
        if (sealed === null) return;
        expect(canonicalJson(storedMessages(sealed.head, [sealed.page]))).toBe(canonicalJson(head.tail));
        for (const m of sealed.page.messages) expect(keyOfMessage(m) in sealed.head.tail).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
