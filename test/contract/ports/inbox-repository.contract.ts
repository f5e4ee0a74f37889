import { ServerStorage } from '../../../src/application/ports/server-storage';
import { StoredInboxItem } from '../../../src/domain/home-server/inbox-item';
import { aDrop, aFriendRequest, roomyQuotas, T0 } from '../../support/storage-fixtures';
import { appended, countOutcomes, givenAccount, OpenStorage, times, useFreshStorage } from './storage-under-test';

const everything = async (storage: ServerStorage, owner: string): Promise<StoredInboxItem[]> =>
  (await storage.inbox.list(owner, 0, 1_000_000)).items;

const ids = (items: readonly { id: string }[]): string[] => items.map((item) => item.id);

export const inboxRepositoryContract = (open: OpenStorage): void => {
  describe('InboxRepository', () => {
    const subject = useFreshStorage(open);
    let owner: string;
    beforeEach(async () => {
      owner = await givenAccount(subject.storage, { name: 'bob' });
    });

    describe('append and list', () => {
      it('returns the stored item: the drop as given plus a positive seq', async () => {
        const drop = aDrop(owner, { tokenId: 'token-1', receivedAt: T0 + 3, envelope: '{"sealed":"x"}' });
        const result = await subject.storage.inbox.append(drop, roomyQuotas());
        expect(result).toEqual({ ok: true, value: { ...drop, seq: expect.any(Number) } });
        expect(result.ok && result.value.seq).toBeGreaterThan(0);
      });

      it('lists items in arrival order with strictly increasing seq, exactly as stored', async () => {
        const stored = await appended(
          subject.storage,
          aDrop(owner, { tokenId: 't1' }),
          aFriendRequest(owner),
          aDrop(owner, { tokenId: null, envelope: '{"ünïcödé":"✓"}' }),
        );
        const listed = await everything(subject.storage, owner);
        expect(listed).toEqual(stored);
        const seqs = listed.map((item) => item.seq);
        expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
        expect(new Set(seqs).size).toBe(3);
      });

      it('keeps what it stores when a reader writes into a listed item', async () => {
        const [stored] = await appended(subject.storage, aDrop(owner, { envelope: '{"sealed":"x"}' }));
        const [listed] = await everything(subject.storage, owner);
        try {
          Object.assign(listed!, { envelope: '{"sealed":"changed"}', seq: -1 });
        } catch {
          // A frozen item refuses the write: as good as a copy.
        }
        expect(await everything(subject.storage, owner)).toEqual([stored]);
      });

      it('lists only the owner’s items', async () => {
        const alice = await givenAccount(subject.storage, { name: 'alice' });
        const [forBob] = await appended(subject.storage, aDrop(owner));
        const [forAlice] = await appended(subject.storage, aDrop(alice));
        expect(ids(await everything(subject.storage, owner))).toEqual([forBob!.id]);
        expect(ids(await everything(subject.storage, alice))).toEqual([forAlice!.id]);
      });

      it('lists nothing for an empty inbox or an unknown owner', async () => {
        expect(await subject.storage.inbox.list(owner, 0, 10)).toEqual({ items: [], nextAfterSeq: null });
        expect(await subject.storage.inbox.list('nobody', 0, 10)).toEqual({ items: [], nextAfterSeq: null });
      });

      it('lists only items after the given seq', async () => {
        const stored = await appended(subject.storage, ...times(4, () => aDrop(owner)));
        const page = await subject.storage.inbox.list(owner, stored[1]!.seq, 10);
        expect(ids(page.items)).toEqual(ids(stored.slice(2)));
        expect(page.nextAfterSeq).toBeNull();
      });

      it('pages with nextAfterSeq until every item was seen exactly once, in order', async () => {
        const stored = await appended(subject.storage, ...times(7, () => aDrop(owner)));

        const first = await subject.storage.inbox.list(owner, 0, 3);
        expect(ids(first.items)).toEqual(ids(stored.slice(0, 3)));
        expect(first.nextAfterSeq).toBe(stored[2]!.seq);

        const second = await subject.storage.inbox.list(owner, first.nextAfterSeq!, 3);
        expect(ids(second.items)).toEqual(ids(stored.slice(3, 6)));
        expect(second.nextAfterSeq).toBe(stored[5]!.seq);

        const last = await subject.storage.inbox.list(owner, second.nextAfterSeq!, 3);
        expect(ids(last.items)).toEqual(ids(stored.slice(6)));
        expect(last.nextAfterSeq).toBeNull();
      });

      it('ends paging on a page that is exactly full without losing or repeating items', async () => {
        const stored = await appended(subject.storage, ...times(4, () => aDrop(owner)));
        const seen: string[] = [];
        let after = 0;
        for (let pages = 0; pages < 4; pages++) {
          const page = await subject.storage.inbox.list(owner, after, 2);
          seen.push(...ids(page.items));
          if (page.nextAfterSeq === null) break;
          after = page.nextAfterSeq;
        }
        expect(seen).toEqual(ids(stored));
      });

      it('never hands out a seq again, even after the newest item was acknowledged', async () => {
        const stored = await appended(subject.storage, aDrop(owner), aDrop(owner));
        const newest = stored[1]!;
        await subject.storage.inbox.ack(owner, [newest.id]);
        const [next] = await appended(subject.storage, aDrop(owner));
        expect(next!.seq).toBeGreaterThan(newest.seq);
        expect(ids((await subject.storage.inbox.list(owner, newest.seq, 10)).items)).toEqual([next!.id]);
      });

      it('gives 50 parallel appends distinct seqs and keeps them all', async () => {
        const drops = times(50, () => aDrop(owner));
        const results = await Promise.all(drops.map((drop) => subject.storage.inbox.append(drop, roomyQuotas())));
        expect(countOutcomes(results)).toEqual({ ok: 50, failed: 0 });
        const listed = await everything(subject.storage, owner);
        expect([...ids(listed)].sort()).toEqual([...ids(drops)].sort());
        expect(new Set(listed.map((item) => item.seq)).size).toBe(50);
      });
    });

    describe('ack', () => {
      it('deletes the given items, keeps the others and says how many it deleted', async () => {
        const stored = await appended(subject.storage, ...times(3, () => aDrop(owner)));
        expect(await subject.storage.inbox.ack(owner, [stored[0]!.id, stored[2]!.id])).toBe(2);
        expect(ids(await everything(subject.storage, owner))).toEqual([stored[1]!.id]);
      });

      it('is idempotent: acknowledging again deletes nothing more', async () => {
        const [item] = await appended(subject.storage, aDrop(owner));
        expect(await subject.storage.inbox.ack(owner, [item!.id])).toBe(1);
        expect(await subject.storage.inbox.ack(owner, [item!.id])).toBe(0);
      });

      it('ignores unknown ids and counts a repeated id once', async () => {
        const [item] = await appended(subject.storage, aDrop(owner));
        expect(await subject.storage.inbox.ack(owner, ['no-such-id', item!.id, item!.id])).toBe(1);
        expect(await subject.storage.inbox.ack(owner, [])).toBe(0);
      });

      it('never deletes another owner’s items', async () => {
        const alice = await givenAccount(subject.storage, { name: 'alice' });
        const [forAlice] = await appended(subject.storage, aDrop(alice));
        expect(await subject.storage.inbox.ack(owner, [forAlice!.id])).toBe(0);
        expect(ids(await everything(subject.storage, alice))).toEqual([forAlice!.id]);
      });
    });

    describe('stats', () => {
      it('counts items and their envelope bytes in UTF-8', async () => {
        await appended(
          subject.storage,
          aDrop(owner, { envelope: 'abcd' }),
          aFriendRequest(owner, { envelope: 'é€😀' }),
          aDrop(owner, { envelope: '0123456789' }),
        );
        expect(await subject.storage.inbox.stats(owner)).toEqual({ items: 3, bytes: 4 + (2 + 3 + 4) + 10 });
      });

      it('follows acknowledgements and ignores other inboxes', async () => {
        const alice = await givenAccount(subject.storage, { name: 'alice' });
        const [first] = await appended(subject.storage, aDrop(owner, { envelope: 'aaaa' }), aDrop(owner, { envelope: 'bb' }));
        await appended(subject.storage, aDrop(alice, { envelope: 'cccccccc' }));
        await subject.storage.inbox.ack(owner, [first!.id]);
        expect(await subject.storage.inbox.stats(owner)).toEqual({ items: 1, bytes: 2 });
        expect(await subject.storage.inbox.stats('nobody')).toEqual({ items: 0, bytes: 0 });
      });
    });

    describe('quotas', () => {
      it('refuses an item beyond maxItems and accepts again once an item is acknowledged', async () => {
        const quotas = roomyQuotas({ maxItems: 2 });
        const first = await subject.storage.inbox.append(aDrop(owner), quotas);
        await subject.storage.inbox.append(aDrop(owner), quotas);
        expect(await subject.storage.inbox.append(aDrop(owner), quotas)).toEqual({ ok: false, error: 'inbox/full' });
        expect(await subject.storage.inbox.append(aFriendRequest(owner), quotas)).toEqual({ ok: false, error: 'inbox/full' });
        expect((await subject.storage.inbox.stats(owner)).items).toBe(2);

        await subject.storage.inbox.ack(owner, [first.ok ? first.value.id : '']);
        expect((await subject.storage.inbox.append(aDrop(owner), quotas)).ok).toBe(true);
      });

      it('refuses an item whose envelope would push the inbox beyond maxBytes, accepting one that just fits', async () => {
        const quotas = roomyQuotas({ maxBytes: 10 });
        expect((await subject.storage.inbox.append(aDrop(owner, { envelope: '123456' }), quotas)).ok).toBe(true);
        expect(await subject.storage.inbox.append(aDrop(owner, { envelope: '12345' }), quotas)).toEqual({
          ok: false,
          error: 'inbox/full',
        });
        expect(await subject.storage.inbox.append(aDrop(owner, { envelope: 'ééé' }), quotas)).toEqual({
          ok: false,
          error: 'inbox/full',
        });
        expect((await subject.storage.inbox.append(aDrop(owner, { envelope: '1234' }), quotas)).ok).toBe(true);
        expect(await subject.storage.inbox.stats(owner)).toEqual({ items: 2, bytes: 10 });
      });

      it('limits the pending items of each drop token separately, freeing room on ack', async () => {
        const quotas = roomyQuotas({ maxItemsPerToken: 2 });
        const first = await subject.storage.inbox.append(aDrop(owner, { tokenId: 'token-a' }), quotas);
        await subject.storage.inbox.append(aDrop(owner, { tokenId: 'token-a' }), quotas);

        expect(await subject.storage.inbox.append(aDrop(owner, { tokenId: 'token-a' }), quotas)).toEqual({
          ok: false,
          error: 'inbox/full',
        });
        expect((await subject.storage.inbox.append(aDrop(owner, { tokenId: 'token-b' }), quotas)).ok).toBe(true);
        expect((await subject.storage.inbox.append(aDrop(owner, { tokenId: null }), quotas)).ok).toBe(true);
        expect((await subject.storage.inbox.append(aFriendRequest(owner), quotas)).ok).toBe(true);

        await subject.storage.inbox.ack(owner, [first.ok ? first.value.id : '']);
        expect((await subject.storage.inbox.append(aDrop(owner, { tokenId: 'token-a' }), quotas)).ok).toBe(true);
      });

      it('counts a token’s pending items per inbox', async () => {
        const alice = await givenAccount(subject.storage, { name: 'alice' });
        const quotas = roomyQuotas({ maxItemsPerToken: 1 });
        expect((await subject.storage.inbox.append(aDrop(alice, { tokenId: 'same-id' }), quotas)).ok).toBe(true);
        expect((await subject.storage.inbox.append(aDrop(owner, { tokenId: 'same-id' }), quotas)).ok).toBe(true);
      });

      it('counts quotas per inbox: a full inbox does not stop drops to another one', async () => {
        const alice = await givenAccount(subject.storage, { name: 'alice' });
        const quotas = roomyQuotas({ maxItems: 1 });
        await subject.storage.inbox.append(aDrop(alice), quotas);
        expect((await subject.storage.inbox.append(aDrop(owner), quotas)).ok).toBe(true);
      });

      it('never exceeds maxItems under 50 parallel appends', async () => {
        const quotas = roomyQuotas({ maxItems: 7 });
        const results = await Promise.all(times(50, () => subject.storage.inbox.append(aDrop(owner), quotas)));
        expect(countOutcomes(results)).toEqual({ ok: 7, failed: 43 });
        for (const result of results) if (!result.ok) expect(result.error).toBe('inbox/full');
        expect((await subject.storage.inbox.stats(owner)).items).toBe(7);
      });

      it('never exceeds maxBytes under 50 parallel appends', async () => {
        const quotas = roomyQuotas({ maxBytes: 95 });
        const results = await Promise.all(
          times(50, () => subject.storage.inbox.append(aDrop(owner, { envelope: 'x'.repeat(10) }), quotas)),
        );
        expect(countOutcomes(results)).toEqual({ ok: 9, failed: 41 });
        expect(await subject.storage.inbox.stats(owner)).toEqual({ items: 9, bytes: 90 });
      });

      it('never exceeds a token’s quota under 50 parallel appends', async () => {
        const quotas = roomyQuotas({ maxItemsPerToken: 5 });
        const results = await Promise.all(
          times(50, (i) => subject.storage.inbox.append(aDrop(owner, { tokenId: i % 2 === 0 ? 'even' : 'odd' }), quotas)),
        );
        expect(countOutcomes(results)).toEqual({ ok: 10, failed: 40 });
        const listed = await everything(subject.storage, owner);
        expect(listed.filter((item) => item.tokenId === 'even')).toHaveLength(5);
        expect(listed.filter((item) => item.tokenId === 'odd')).toHaveLength(5);
      });
    });

    describe('drop token byte share', () => {
      it('refuses a token’s drop beyond its pending bytes while other tokens keep delivering, until an ack frees room', async () => {
        const quotas = roomyQuotas({ maxBytesPerToken: 20 });
        const first = await subject.storage.inbox.append(aDrop(owner, { tokenId: 'greedy', envelope: 'x'.repeat(12) }), quotas);
        expect((await subject.storage.inbox.append(aDrop(owner, { tokenId: 'greedy', envelope: 'x'.repeat(8) }), quotas)).ok).toBe(true);
        expect(await subject.storage.inbox.append(aDrop(owner, { tokenId: 'greedy', envelope: 'x' }), quotas)).toEqual({ ok: false, error: 'inbox/full' });
        expect((await subject.storage.inbox.append(aDrop(owner, { tokenId: 'modest', envelope: 'y'.repeat(20) }), quotas)).ok).toBe(true);

        await subject.storage.inbox.ack(owner, [first.ok ? first.value.id : '']);
        expect((await subject.storage.inbox.append(aDrop(owner, { tokenId: 'greedy', envelope: 'x'.repeat(12) }), quotas)).ok).toBe(true);
      });

      it('never exceeds a token’s bytes under 50 parallel appends', async () => {
        const quotas = roomyQuotas({ maxBytesPerToken: 45 });
        const results = await Promise.all(times(50, () => subject.storage.inbox.append(aDrop(owner, { tokenId: 'one', envelope: 'z'.repeat(10) }), quotas)));
        expect(countOutcomes(results)).toEqual({ ok: 4, failed: 46 });
        expect(await subject.storage.inbox.stats(owner)).toEqual({ items: 4, bytes: 40 });
      });
    });

    describe('open-inbox share', () => {
      const openDrop = (envelope = 'o'.repeat(4)) => aDrop(owner, { tokenId: null, envelope });

      it('evicts the oldest open-inbox drop beyond its item share, never a friend’s drop or a friend request', async () => {
        const quotas = roomyQuotas({ maxOpenInboxItems: 2 });
        const friends = aDrop(owner, { tokenId: 'friend' });
        const request = aFriendRequest(owner);
        const strangers = times(3, () => openDrop());
        for (const item of [strangers[0]!, friends, request, strangers[1]!, strangers[2]!]) {
          expect((await subject.storage.inbox.append(item, quotas)).ok).toBe(true);
        }
        expect(ids(await everything(subject.storage, owner))).toEqual(ids([friends, request, strangers[1]!, strangers[2]!]));
      });

      it('evicts as many of the oldest open-inbox drops as its byte share needs, and none when refusing', async () => {
        const quotas = roomyQuotas({ maxOpenInboxBytes: 12 });
        const small = times(3, () => openDrop('s'.repeat(4)));
        for (const item of small) expect((await subject.storage.inbox.append(item, quotas)).ok).toBe(true);
        expect(await subject.storage.inbox.append(openDrop('t'.repeat(13)), quotas)).toEqual({ ok: false, error: 'inbox/full' });
        expect(ids(await everything(subject.storage, owner))).toEqual(ids(small));

        const large = openDrop('l'.repeat(8));
        expect((await subject.storage.inbox.append(large, quotas)).ok).toBe(true);
        expect(ids(await everything(subject.storage, owner))).toEqual(ids([small[2]!, large]));
        expect(await subject.storage.inbox.stats(owner)).toEqual({ items: 2, bytes: 12 });
      });

      it('keeps the share with the newest drops under 50 parallel open-inbox drops', async () => {
        const quotas = roomyQuotas({ maxOpenInboxItems: 5 });
        const results = await Promise.all(times(50, () => subject.storage.inbox.append(openDrop(), quotas)));
        expect(countOutcomes(results)).toEqual({ ok: 50, failed: 0 });
        const stored = results.flatMap((result) => (result.ok ? [result.value] : []));
        expect(ids(await everything(subject.storage, owner))).toEqual(ids([...stored].sort((a, b) => a.seq - b.seq).slice(-5)));
      });
    });

    describe('deleted owner', () => {
      it('answers account/not-found and stores nothing a later account of the same name inherits', async () => {
        await appended(subject.storage, aDrop(owner));
        expect(await subject.storage.accounts.delete(owner)).toBe(true);
        for (const item of [aDrop(owner, { tokenId: 'token-1' }), aDrop(owner), aFriendRequest(owner)]) {
          expect(await subject.storage.inbox.append(item, roomyQuotas())).toEqual({ ok: false, error: 'account/not-found' });
        }
        await givenAccount(subject.storage, { name: owner });
        expect(await everything(subject.storage, owner)).toEqual([]);
        expect(await subject.storage.inbox.stats(owner)).toEqual({ items: 0, bytes: 0 });
      });

      it('answers account/not-found for an owner that never existed', async () => {
        expect(await subject.storage.inbox.append(aDrop('nobody'), roomyQuotas())).toEqual({ ok: false, error: 'account/not-found' });
      });
    });

    describe('friend-request queue', () => {
      it('evicts the oldest friend request, and only it, once the queue is at its cap', async () => {
        const quotas = roomyQuotas({ maxFriendRequests: 3 });
        const oldDrop = aDrop(owner);
        const requests = times(3, () => aFriendRequest(owner));
        for (const item of [oldDrop, ...requests]) expect((await subject.storage.inbox.append(item, quotas)).ok).toBe(true);

        const newest = aFriendRequest(owner);
        expect((await subject.storage.inbox.append(newest, quotas)).ok).toBe(true);

        expect(ids(await everything(subject.storage, owner))).toEqual(ids([oldDrop, requests[1]!, requests[2]!, newest]));
      });

      it('does not let drops count against the friend-request cap', async () => {
        const quotas = roomyQuotas({ maxFriendRequests: 1 });
        const request = aFriendRequest(owner);
        await subject.storage.inbox.append(request, quotas);
        for (const drop of times(3, () => aDrop(owner))) expect((await subject.storage.inbox.append(drop, quotas)).ok).toBe(true);
        expect(ids(await everything(subject.storage, owner))).toContain(request.id);
      });

      it('makes room for a new friend request in an inbox otherwise full of friend requests', async () => {
        const quotas = roomyQuotas({ maxItems: 2, maxFriendRequests: 2 });
        const requests = times(3, () => aFriendRequest(owner));
        for (const request of requests) expect((await subject.storage.inbox.append(request, quotas)).ok).toBe(true);
        expect(ids(await everything(subject.storage, owner))).toEqual(ids(requests.slice(1)));
      });

      it('evicts nothing when the new friend request is refused anyway', async () => {
        const quotas = roomyQuotas({ maxFriendRequests: 1, maxBytes: 20 });
        const request = aFriendRequest(owner, { envelope: 'x'.repeat(5) });
        await subject.storage.inbox.append(request, quotas);
        const oversized = aFriendRequest(owner, { envelope: 'y'.repeat(21) });
        expect(await subject.storage.inbox.append(oversized, quotas)).toEqual({ ok: false, error: 'inbox/full' });
        expect(ids(await everything(subject.storage, owner))).toEqual([request.id]);
      });

      it('keeps the queue at its cap with the newest requests under 50 parallel friend requests', async () => {
        const quotas = roomyQuotas({ maxFriendRequests: 5 });
        const results = await Promise.all(times(50, () => subject.storage.inbox.append(aFriendRequest(owner), quotas)));
        expect(countOutcomes(results)).toEqual({ ok: 50, failed: 0 });

        const stored = results.flatMap((result) => (result.ok ? [result.value] : []));
        const newestFive = [...stored].sort((a, b) => a.seq - b.seq).slice(-5);
        expect(ids(await everything(subject.storage, owner))).toEqual(ids(newestFive));
      });
    });
  });
};
