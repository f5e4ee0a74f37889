import fc from 'fast-check';
import { admits, Arrival, arrivalOf, InboxQuotas, inboxQuotasFor, InboxSource, InboxUsage, matchOf, needsOldestOfSource, NO_USAGE, objectArrivalOf, Usage, withDropped } from '../../../../src/domain/home-server/inbox-quota';
import { aDrop, aFriendRequest, roomyQuotas } from '../../../support/storage-fixtures';

const TOKEN: InboxSource = { kind: 'drop-token', tokenId: 't1' };
const OPEN_INBOX: InboxSource = { kind: 'open-inbox' };
const FRIEND_REQUESTS: InboxSource = { kind: 'friend-requests' };

interface Queued {
  readonly name: string;
  readonly bytes: number;
}

const queue = (...sizes: number[]): Queued[] => sizes.map((bytes, index) => ({ name: `oldest-${index}`, bytes }));

const usageOf = (source: Usage, inbox: Usage = source): InboxUsage => ({ inbox, source });

/** The decision, with a queue that records how far it was read. */
const decide = (usage: InboxUsage, arrival: Arrival, quotas: InboxQuotas, oldest: Queued[] = []) => {
  const read: string[] = [];
  let asked = false;
  const admission = admits(usage, arrival, quotas, function* () {
    asked = true;
    for (const item of oldest) {
      read.push(item.name);
      yield item;
    }
  });
  return { admission, read, asked };
};

describe('admits: the inbox quota rule', () => {
  it('admits an item that fits everywhere, evicting nothing and without reading any queue', () => {
    const { admission, asked } = decide(usageOf({ items: 3, bytes: 300 }), { source: OPEN_INBOX, bytes: 50 }, roomyQuotas());

    expect(admission).toEqual({ admitted: true, evicted: [], change: { items: 1, bytes: 50 } });
    expect(asked).toBe(false);
  });

  describe('a drop token (a friend’s share): refused when full, never evicting', () => {
    const quotas = roomyQuotas({ maxItemsPerToken: 3, maxBytesPerToken: 1000 });

    it('admits up to its item count, then refuses', () => {
      expect(decide(usageOf({ items: 2, bytes: 10 }), { source: TOKEN, bytes: 5 }, quotas).admission.admitted).toBe(true);
      const full = decide(usageOf({ items: 3, bytes: 10 }), { source: TOKEN, bytes: 5 }, quotas);
      expect(full.admission).toEqual({ admitted: false });
      expect(full.asked).toBe(false);
    });

    it('admits up to its bytes exactly, then refuses', () => {
      expect(decide(usageOf({ items: 1, bytes: 900 }), { source: TOKEN, bytes: 100 }, quotas).admission.admitted).toBe(true);
      expect(decide(usageOf({ items: 1, bytes: 900 }), { source: TOKEN, bytes: 101 }, quotas).admission).toEqual({ admitted: false });
    });

    it('counts only its own items: another token’s full share does not refuse it', () => {
      const usage = usageOf({ items: 0, bytes: 0 }, { items: 50, bytes: 5000 });
      expect(decide(usage, { source: TOKEN, bytes: 10 }, quotas).admission.admitted).toBe(true);
    });
  });

  describe('friend requests: a capped queue that drops its oldest', () => {
    const quotas = roomyQuotas({ maxFriendRequests: 3 });

    it('evicts the oldest request when the queue is full, and the change is the swap', () => {
      const { admission, read } = decide(usageOf({ items: 3, bytes: 60 }), { source: FRIEND_REQUESTS, bytes: 25 }, quotas, queue(10, 20, 30));

      expect(admission).toEqual({ admitted: true, evicted: [{ name: 'oldest-0', bytes: 10 }], change: { items: 0, bytes: 15 } });
      expect(read).toEqual(['oldest-0']);
    });

    it('refuses when the queue it was told about is not there to evict (nothing is evicted)', () => {
      expect(decide(usageOf({ items: 3, bytes: 60 }), { source: FRIEND_REQUESTS, bytes: 25 }, quotas, []).admission).toEqual({ admitted: false });
    });
  });

  describe('open-inbox drops: 1/16 of the inbox, evicting their oldest', () => {
    const quotas = inboxQuotasFor(160, 16_000);

    it('takes a sixteenth of the items and of the bytes', () => {
      expect(quotas.maxOpenInboxItems).toBe(10);
      expect(quotas.maxOpenInboxBytes).toBe(1000);
    });

    it('evicts the oldest drop once the item share is full', () => {
      const { admission } = decide(usageOf({ items: 10, bytes: 100 }), { source: OPEN_INBOX, bytes: 10 }, quotas, queue(...Array(10).fill(10)));
      expect(admission).toEqual({ admitted: true, evicted: [{ name: 'oldest-0', bytes: 10 }], change: { items: 0, bytes: 0 } });
    });

    it('evicts the shortest run of oldest drops that frees the bytes, reading no further', () => {
      const { admission, read } = decide(usageOf({ items: 4, bytes: 900 }), { source: OPEN_INBOX, bytes: 350 }, quotas, queue(100, 100, 300, 400));

      expect(admission).toEqual({
        admitted: true,
        evicted: [
          { name: 'oldest-0', bytes: 100 },
          { name: 'oldest-1', bytes: 100 },
          { name: 'oldest-2', bytes: 300 },
        ],
        change: { items: -2, bytes: -150 },
      });
      expect(read).toEqual(['oldest-0', 'oldest-1', 'oldest-2']);
    });

    it('refuses a drop larger than the whole share, evicting nothing', () => {
      expect(decide(usageOf({ items: 2, bytes: 200 }), { source: OPEN_INBOX, bytes: 1001 }, quotas, queue(100, 100)).admission).toEqual({
        admitted: false,
      });
    });
  });

  describe('the whole inbox', () => {
    const quotas = roomyQuotas({ maxItems: 5, maxBytes: 1000, maxFriendRequests: 2 });

    it('refuses once it holds its items, whatever the source', () => {
      const full = { items: 5, bytes: 100 };
      expect(decide(usageOf({ items: 0, bytes: 0 }, full), { source: TOKEN, bytes: 1 }, quotas).admission).toEqual({ admitted: false });
      expect(decide(usageOf({ items: 1, bytes: 10 }, full), { source: FRIEND_REQUESTS, bytes: 1 }, quotas, queue(10)).admission).toEqual({
        admitted: false,
      });
    });

    it('refuses what would pass its bytes, and admits what fits them exactly', () => {
      const usage = usageOf({ items: 0, bytes: 0 }, { items: 1, bytes: 900 });
      expect(decide(usage, { source: TOKEN, bytes: 101 }, quotas).admission).toEqual({ admitted: false });
      expect(decide(usage, { source: TOKEN, bytes: 100 }, quotas).admission.admitted).toBe(true);
    });

    it('admits a queued source whose own eviction makes the room', () => {
      const usage = usageOf({ items: 2, bytes: 20 }, { items: 5, bytes: 100 });
      const { admission } = decide(usage, { source: FRIEND_REQUESTS, bytes: 10 }, quotas, queue(10, 10));
      expect(admission).toEqual({ admitted: true, evicted: [{ name: 'oldest-0', bytes: 10 }], change: { items: 0, bytes: 0 } });
    });
  });

  it('never leaves an admitted inbox or source over its limits, and evicts only a prefix of the oldest', () => {
    const quotas = roomyQuotas({ maxItems: 20, maxBytes: 2000, maxOpenInboxItems: 6, maxOpenInboxBytes: 600, maxFriendRequests: 4 });
    fc.assert(
      fc.property(
        fc.constantFrom(OPEN_INBOX, FRIEND_REQUESTS),
        fc.array(fc.integer({ min: 1, max: 200 }), { maxLength: 8 }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 1, max: 700 }),
        (source, sizes, others, bytes) => {
          const oldest = queue(...sizes);
          const own = { items: sizes.length, bytes: sizes.reduce((sum, size) => sum + size, 0) };
          const usage = usageOf(own, { items: own.items + others, bytes: own.bytes + others * 50 });
          const { admission } = decide(usage, { source, bytes }, quotas, oldest);
          if (!admission.admitted) return;
          expect(admission.evicted).toEqual(oldest.slice(0, admission.evicted.length));
          const after = { items: usage.inbox.items + admission.change.items, bytes: usage.inbox.bytes + admission.change.bytes };
          expect(after.items).toBeLessThanOrEqual(quotas.maxItems);
          expect(after.bytes).toBeLessThanOrEqual(quotas.maxBytes);
          const shareItems = source === OPEN_INBOX ? quotas.maxOpenInboxItems : quotas.maxFriendRequests;
          expect(own.items + admission.change.items).toBeLessThanOrEqual(shareItems);
          if (source === OPEN_INBOX) expect(own.bytes + admission.change.bytes).toBeLessThanOrEqual(quotas.maxOpenInboxBytes);
        },
      ),
    );
  });

  it('tells an adapter that reads its queue asynchronously exactly when the queue is needed', () => {
    const quotas = roomyQuotas({ maxFriendRequests: 2 });
    expect(needsOldestOfSource(usageOf({ items: 1, bytes: 10 }), { source: FRIEND_REQUESTS, bytes: 10 }, quotas)).toBe(false);
    expect(needsOldestOfSource(usageOf({ items: 2, bytes: 20 }), { source: FRIEND_REQUESTS, bytes: 10 }, quotas)).toBe(true);
    expect(needsOldestOfSource(usageOf({ items: 2, bytes: 20 }), { source: TOKEN, bytes: 10 }, roomyQuotas({ maxItemsPerToken: 2 }))).toBe(false);
  });
});

describe('where an item belongs', () => {
  it('puts tokened drops in their token’s share, tokenless ones in the open inbox, requests in their queue', () => {
    expect(arrivalOf(aDrop('bob', { tokenId: 't1', envelope: 'é' }))).toEqual({ source: TOKEN, bytes: 2 });
    expect(arrivalOf(aDrop('bob', { tokenId: null })).source).toEqual(OPEN_INBOX);
    expect(arrivalOf(aFriendRequest('bob')).source).toEqual(FRIEND_REQUESTS);
  });

  it('matches each source’s stored items by token, or by kind among the tokenless', () => {
    expect(matchOf(TOKEN)).toEqual({ tokenId: 't1' });
    expect(matchOf(OPEN_INBOX)).toEqual({ tokenId: null, kind: 'drop' });
    expect(matchOf(FRIEND_REQUESTS)).toEqual({ tokenId: null, kind: 'friend-request' });
  });
});

describe('dropped objects (§9.2): against the inbox and their token, envelopes and objects together', () => {
  const quotas = roomyQuotas({ maxItems: 5, maxBytes: 1000, maxItemsPerToken: 2, maxBytesPerToken: 400 });

  it('weighs an object like an item from its token: one of the count, its length in bytes', () => {
    expect(objectArrivalOf('t1', 300)).toEqual({ source: TOKEN, bytes: 300 });
    expect(decide(usageOf({ items: 1, bytes: 100 }), objectArrivalOf('t1', 300), quotas).admission).toEqual({
      admitted: true,
      evicted: [],
      change: { items: 1, bytes: 300 },
    });
    expect(decide(usageOf({ items: 1, bytes: 100 }), objectArrivalOf('t1', 301), quotas).admission).toEqual({ admitted: false });
    expect(decide(usageOf({ items: 2, bytes: 0 }), objectArrivalOf('t1', 1), quotas).admission).toEqual({ admitted: false });
  });

  it('adds the dropped objects to the items: a token full of objects refuses a message', () => {
    const source = withDropped({ items: 1, bytes: 10 }, { objects: 1, bytes: 390 });
    expect(source).toEqual({ items: 2, bytes: 400 });
    expect(decide(usageOf({ items: 0, bytes: 390 + 9 }), { source: TOKEN, bytes: 1 }, quotas).admission.admitted).toBe(true);
    expect(decide(usageOf(withDropped(NO_USAGE, { objects: 1, bytes: 400 })), { source: TOKEN, bytes: 1 }, quotas).admission).toEqual({
      admitted: false,
    });
  });
});
