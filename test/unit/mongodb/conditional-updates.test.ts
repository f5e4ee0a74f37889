import fc from 'fast-check';
import {
  blobCompareAndSet,
  EMPTY_INBOX_COUNTER,
  inboxRelease,
  inboxSlotReservation,
  mustEvictFriendRequest,
  tokenHasRoom,
} from '../../../src/adapters/storage/mongodb/conditional-updates';
import { BlobDocument, InboxCounterDocument } from '../../../src/adapters/storage/mongodb/schema';
import { InboxQuotas } from '../../../src/domain/dead-drop';
import { roomyQuotas, T0 } from '../../support/storage-fixtures';
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

  describe('inbox slot reservation', () => {
    it('reserves the next seq and adds the item to the totals', () => {
      const { filter, update } = inboxSlotReservation({ owner: 'bob', bytes: 10, evicted: null, quotas: roomyQuotas() });
      const counter = aCounter({ seq: 41, items: 3, bytes: 100 });
      expect(matches(counter, filter)).toBe(true);
      expect(applyUpdate(counter, update)).toEqual(aCounter({ seq: 42, items: 4, bytes: 110 }));
    });

    it('accepts the item that fills the inbox exactly, and refuses the one after', () => {
      const quotas = roomyQuotas({ maxItems: 3, maxBytes: 30 });
      const reserve = inboxSlotReservation({ owner: 'bob', bytes: 10, evicted: null, quotas });
      expect(matches(aCounter({ items: 2, bytes: 20 }), reserve.filter)).toBe(true);
      expect(matches(aCounter({ items: 3, bytes: 20 }), reserve.filter)).toBe(false);
      expect(matches(aCounter({ items: 2, bytes: 21 }), reserve.filter)).toBe(false);
    });

    it('counts an evicted friend request as gone', () => {
      const quotas = roomyQuotas({ maxItems: 2, maxBytes: 20 });
      const full = aCounter({ seq: 2, items: 2, bytes: 20 });
      const { filter, update } = inboxSlotReservation({ owner: 'bob', bytes: 8, evicted: { bytes: 10 }, quotas });
      expect(matches(full, filter)).toBe(true);
      expect(applyUpdate(full, update)).toEqual(aCounter({ seq: 3, items: 2, bytes: 18 }));
    });

    it('never matches another owner’s counter', () => {
      const { filter } = inboxSlotReservation({ owner: 'bob', bytes: 1, evicted: null, quotas: roomyQuotas() });
      expect(matches(aCounter({ _id: 'alice' }), filter)).toBe(false);
    });

    it('matches exactly when the inbox stays within both quotas after the append', () => {
      const quotas = fc.record<InboxQuotas>({
        maxItems: fc.integer({ min: 0, max: 20 }),
        maxBytes: fc.integer({ min: 0, max: 200 }),
        maxItemsPerToken: fc.constant(1),
        maxFriendRequests: fc.constant(1),
      });
      fc.assert(
        fc.property(
          quotas,
          fc.integer({ min: 0, max: 20 }),
          fc.integer({ min: 0, max: 200 }),
          fc.integer({ min: 0, max: 100 }),
          fc.option(fc.integer({ min: 0, max: 50 })),
          (quotas, items, bytes, size, evictedBytes) => {
            const evicted = evictedBytes === null ? null : { bytes: evictedBytes };
            const counter = aCounter({ items, bytes });
            const { filter, update } = inboxSlotReservation({ owner: 'bob', bytes: size, evicted, quotas });
            const after = applyUpdate(counter, update);
            expect(matches(counter, filter)).toBe(after.items <= quotas.maxItems && after.bytes <= quotas.maxBytes);
            expect(after.items).toBe(items + 1 - (evicted ? 1 : 0));
            expect(after.bytes).toBe(bytes + size - (evictedBytes ?? 0));
            expect(after.seq).toBe(counter.seq + 1);
          },
        ),
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

  describe('queue rules', () => {
    it('leaves room for a token’s last allowed item and no more', () => {
      const quotas = roomyQuotas({ maxItemsPerToken: 2 });
      expect(tokenHasRoom(1, quotas)).toBe(true);
      expect(tokenHasRoom(2, quotas)).toBe(false);
    });

    it('evicts a friend request once the queue is at its cap', () => {
      const quotas = roomyQuotas({ maxFriendRequests: 3 });
      expect(mustEvictFriendRequest(2, quotas)).toBe(false);
      expect(mustEvictFriendRequest(3, quotas)).toBe(true);
    });
  });
});
