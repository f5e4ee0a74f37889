import fc from 'fast-check';
import { blobCompareAndSet, EMPTY_INBOX_COUNTER, inboxRelease, inboxSlotTaken } from '../../../../../src/adapters/storage/mongodb/conditional-updates';
import { BlobDocument, InboxCounterDocument } from '../../../../../src/adapters/storage/mongodb/schema';
import { T0 } from '../../../../support/storage-fixtures';
import { applyUpdate, matches } from './filter-evaluator';

const aCounter = (overrides: Partial<InboxCounterDocument> = {}): InboxCounterDocument => ({
  _id: 'bob',
  ...EMPTY_INBOX_COUNTER,
  ...overrides,
});

const aHead = (version: number): BlobDocument => ({ _id: 'alice', version, updatedAt: T0, byteLength: 3, chunkCount: 1 });

describe('conditional updates', () => {
  describe('blob compare-and-set', () => {
    const cas = blobCompareAndSet({ name: 'alice', expectedVersion: 4, byteLength: 10, chunkCount: 2, now: T0 + 9 });

    it('matches only the head of that account at the expected version', () => {
      expect(matches(aHead(4), cas.filter)).toBe(true);
      expect(matches(aHead(3), cas.filter)).toBe(false);
      expect(matches(aHead(5), cas.filter)).toBe(false);
      expect(matches({ ...aHead(4), _id: 'bob' }, cas.filter)).toBe(false);
    });

    it('moves the head to the next version with the new size and time', () => {
      expect(applyUpdate(aHead(4), cas.update)).toEqual({
        _id: 'alice',
        version: 5,
        updatedAt: T0 + 9,
        byteLength: 10,
        chunkCount: 2,
      });
    });
  });

  describe('inbox slot taken', () => {
    it('takes the next seq and books the admission: the item less what it evicted', () => {
      const { filter, update } = inboxSlotTaken({ owner: 'bob', seenSeq: 41, change: { items: 1 - 2, bytes: 10 - 7 } });
      const counter = aCounter({ seq: 41, items: 5, bytes: 100 });
      expect(matches(counter, filter)).toBe(true);
      expect(applyUpdate(counter, update)).toEqual(aCounter({ seq: 42, items: 4, bytes: 103 }));
    });

    it('matches only the counter the quota decision read', () => {
      const { filter } = inboxSlotTaken({ owner: 'bob', seenSeq: 41, change: { items: 1, bytes: 10 } });
      expect(matches(aCounter({ seq: 42 }), filter)).toBe(false);
      expect(matches(aCounter({ _id: 'alice', seq: 41 }), filter)).toBe(false);
    });

    it('keeps the counter equal to the items after any booking', () => {
      fc.assert(
        fc.property(fc.nat(1000), fc.nat(100), fc.nat(10_000), fc.nat(100), fc.nat(10_000), (seq, items, bytes, freedItems, freedBytes) => {
          const counter = aCounter({ seq, items: items + freedItems, bytes: bytes + freedBytes });
          const { update } = inboxSlotTaken({ owner: 'bob', seenSeq: seq, change: { items: 1 - freedItems, bytes: 5 - freedBytes } });
          expect(applyUpdate(counter, update)).toEqual(aCounter({ seq: seq + 1, items: items + 1, bytes: bytes + 5 }));
        }),
      );
    });
  });

  describe('inbox release', () => {
    it('gives back what acknowledged items held, keeping the seq', () => {
      const { filter, update } = inboxRelease({ owner: 'bob', items: 2, bytes: 30 });
      const counter = aCounter({ seq: 9, items: 5, bytes: 100 });
      expect(matches(counter, filter)).toBe(true);
      expect(applyUpdate(counter, update)).toEqual(aCounter({ seq: 9, items: 3, bytes: 70 }));
    });
  });
});
