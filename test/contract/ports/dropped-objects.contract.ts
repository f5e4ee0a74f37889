import { NewDroppedObject } from '../../../src/application/ports/inbox-repository';
import { StoreCommit } from '../../../src/application/ports/user-blob-repository';
import { ObjectChanges } from '../../../src/domain/home-server/store/store-commit';
import { aDrop, aDropToken, anObjectId, bytes, filled, roomyQuotas, T0 } from '../../support/storage-fixtures';
import { givenAccount, OpenStorage, times, useAliceAndBob, useFreshStorage } from './storage-under-test';

const ROOMY = 1 << 30;
const commitOf = (changes: Partial<ObjectChanges>, storeBytes = ROOMY): StoreCommit => ({
  changes: { commit: [], release: [], claim: [], ...changes },
  storeBytes,
});

/**
 * Dropped objects (PROTOCOL §9.2): bytes a friend leaves in an account's inbox partition with a
 * drop token. They weigh on the inbox's and the token's bytes together with the envelopes, cannot
 * be read, and leave the inbox by a claim (into the store), a discarding ack or the retention purge.
 */
export const droppedObjectsContract = (open: OpenStorage): void => {
  describe('dropped objects (InboxRepository.dropObject and the claim)', () => {
    const subject = useFreshStorage(open);
    const owners = useAliceAndBob(subject);
    const inbox = () => subject.storage.inbox;
    const objects = () => subject.storage.objects;
    const dropped = (n: number, data: Uint8Array, overrides: Partial<NewDroppedObject> = {}): NewDroppedObject => ({
      owner: owners.alice,
      id: anObjectId(n),
      tokenId: 't1',
      data,
      receivedAt: T0,
      ...overrides,
    });
    const drop = (n: number, data: Uint8Array, overrides: Partial<NewDroppedObject> = {}, quotas = roomyQuotas()) =>
      inbox().dropObject(dropped(n, data, overrides), quotas);
    const claim = (version: number, ids: string[], storeBytes = ROOMY) =>
      subject.storage.blobs.save('alice', bytes(9), version, T0 + 1, commitOf({ claim: ids }, storeBytes));

    it('keeps a dropped object out of reach and out of the store until a head write claims it', async () => {
      expect(await drop(1, bytes(1, 2, 3))).toEqual({ ok: true, value: undefined });
      expect(await objects().get('alice', anObjectId(1))).toBeNull();
      expect(await objects().read('alice', anObjectId(1), async (object) => object)).toBeNull();
      expect(await objects().info('alice', anObjectId(1))).toBeNull();
      expect((await objects().list('alice', { state: null, afterId: '', limit: 10 })).items).toEqual([]);
      expect(await objects().usage('alice')).toEqual({ objects: 0, bytes: 0 });
      expect(await inbox().droppedStats('alice')).toEqual({ objects: 1, bytes: 3 });
      // Nor can the owner stage over it, or delete it as a staged object.
      expect(await objects().put({ owner: 'alice', id: anObjectId(1), data: bytes(1, 2, 3), createdAt: T0 }, ROOMY)).toEqual({
        ok: false,
        error: 'object/exists',
      });
      expect(await objects().deleteStaged('alice', anObjectId(1))).toEqual({ ok: false, error: 'object/not-found' });

      expect(await claim(1, [anObjectId(1)])).toEqual({ ok: true, value: { version: 2 } });
      const claimed = await objects().get('alice', anObjectId(1));
      expect(claimed).toEqual(expect.objectContaining({ state: 'committed', bytes: 3, tokenId: null }));
      expect([...claimed!.data]).toEqual([1, 2, 3]);
      expect(await objects().usage('alice')).toEqual({ objects: 1, bytes: 3 });
      expect(await inbox().droppedStats('alice')).toEqual({ objects: 0, bytes: 0 });
      // Claimed once: a second claim of the same id names nothing dropped.
      expect(await claim(2, [anObjectId(1)])).toEqual({ ok: false, error: { code: 'object/missing', missing: [anObjectId(1)] } });
    });

    it('refuses an id the account already holds in any state, and another account may hold it', async () => {
      await objects().put({ owner: 'alice', id: anObjectId(1), data: bytes(1), createdAt: T0 }, ROOMY);
      expect(await drop(1, bytes(1))).toEqual({ ok: false, error: 'object/exists' });
      await drop(2, bytes(2));
      expect(await drop(2, bytes(2))).toEqual({ ok: false, error: 'object/exists' });
      expect(await drop(1, bytes(5), { owner: owners.bob })).toEqual({ ok: true, value: undefined });
      expect(await inbox().droppedStats('alice')).toEqual({ objects: 1, bytes: 1 });
      expect(await inbox().droppedStats('bob')).toEqual({ objects: 1, bytes: 1 });
    });

    it('refuses an account that does not exist', async () => {
      expect(await drop(1, bytes(1), { owner: 'nobody' })).toEqual({ ok: false, error: 'account/not-found' });
    });

    it('records the use of the token it came with', async () => {
      const token = aDropToken('alice', { id: 'tok-1' });
      await subject.storage.dropTokens.create(token);
      await drop(1, bytes(1), { tokenId: 'tok-1', receivedAt: T0 + 5 });
      expect(await subject.storage.dropTokens.list('alice')).toEqual([expect.objectContaining({ id: 'tok-1', uses: 1, lastUsedAt: T0 + 5 })]);
    });

    describe('quotas: envelopes and dropped objects together', () => {
      it('refuses an object past the token’s bytes, and envelopes then see the objects', async () => {
        const quotas = roomyQuotas({ maxBytesPerToken: 100 });
        expect((await drop(1, filled(60), {}, quotas)).ok).toBe(true);
        expect(await drop(2, filled(41), {}, quotas)).toEqual({ ok: false, error: 'inbox/full' });
        // Another token has its own share.
        expect((await drop(3, filled(41), { tokenId: 't2' }, quotas)).ok).toBe(true);
        // 60 of object + 40 of envelope fit exactly; one more byte does not.
        expect((await inbox().append(aDrop('alice', { tokenId: 't1', envelope: 'x'.repeat(40) }), quotas)).ok).toBe(true);
        expect(await inbox().append(aDrop('alice', { tokenId: 't1', envelope: 'x' }), quotas)).toEqual({ ok: false, error: 'inbox/full' });
        expect(await drop(4, filled(0), {}, quotas)).toEqual({ ok: true, value: undefined });
      });

      it('refuses an object past the inbox’s bytes, whatever the token', async () => {
        const quotas = roomyQuotas({ maxBytes: 100, maxBytesPerToken: 1000 });
        await inbox().append(aDrop('alice', { envelope: 'x'.repeat(30) }), quotas);
        expect((await drop(1, filled(50), { tokenId: 't1' }, quotas)).ok).toBe(true);
        expect(await drop(2, filled(21), { tokenId: 't2' }, quotas)).toEqual({ ok: false, error: 'inbox/full' });
        expect((await drop(2, filled(20), { tokenId: 't2' }, quotas)).ok).toBe(true);
        expect(await inbox().append(aDrop('alice', { envelope: 'x' }), quotas)).toEqual({ ok: false, error: 'inbox/full' });
      });

      it('counts each object as one of the token’s and the inbox’s items, so tiny objects cannot pile up', async () => {
        const quotas = roomyQuotas({ maxItems: 4, maxItemsPerToken: 2 });
        await inbox().append(aDrop('alice', { tokenId: 't1' }), quotas);
        expect((await drop(1, filled(0), {}, quotas)).ok).toBe(true);
        expect(await drop(2, filled(0), {}, quotas)).toEqual({ ok: false, error: 'inbox/full' });
        expect(await inbox().append(aDrop('alice', { tokenId: 't1' }), quotas)).toEqual({ ok: false, error: 'inbox/full' });
        expect((await drop(3, filled(0), { tokenId: 't2' }, quotas)).ok).toBe(true);
        expect((await inbox().append(aDrop('alice', { tokenId: 't3' }), quotas)).ok).toBe(true);
        expect(await drop(4, filled(0), { tokenId: 't4' }, quotas)).toEqual({ ok: false, error: 'inbox/full' });
      });

      it('gives the bytes back on a claim (they count against the store instead) and on a discard', async () => {
        const quotas = roomyQuotas({ maxBytesPerToken: 100 });
        await drop(1, filled(60), {}, quotas);
        await drop(2, filled(40), {}, quotas);
        expect(await drop(3, filled(1), {}, quotas)).toEqual({ ok: false, error: 'inbox/full' });
        await claim(1, [anObjectId(1)]);
        expect(await inbox().ack('alice', [], [anObjectId(2)])).toBe(0);
        expect(await inbox().droppedStats('alice')).toEqual({ objects: 0, bytes: 0 });
        expect((await drop(3, filled(100), {}, quotas)).ok).toBe(true);
        expect(await objects().usage('alice')).toEqual({ objects: 1, bytes: 60 });
      });

      it('never passes the token’s bytes under 30 parallel drops', async () => {
        const quotas = roomyQuotas({ maxBytesPerToken: 120 });
        const results = await Promise.all(times(30, (i) => drop(i, filled(10), {}, quotas)));
        expect(results.filter((result) => result.ok)).toHaveLength(12);
        expect(await inbox().droppedStats('alice')).toEqual({ objects: 12, bytes: 120 });
      });

      it('counts a claim against storeBytes: a claim that would pass it is refused (507) and changes nothing', async () => {
        await drop(1, filled(10));
        // alice's head is 3 bytes; the new one is 1.
        expect(await claim(1, [anObjectId(1)], 10)).toEqual({ ok: false, error: { code: 'store/full' } });
        expect(await inbox().droppedStats('alice')).toEqual({ objects: 1, bytes: 10 });
        expect(await claim(1, [anObjectId(1)], 11)).toEqual({ ok: true, value: { version: 2 } });
      });
    });

    describe('the acknowledgement that discards', () => {
      it('deletes dropped objects named in `objects` with the items, counting items only', async () => {
        const [item] = [await inbox().append(aDrop('alice'), roomyQuotas())];
        const itemId = item!.ok ? item!.value.id : '';
        await drop(1, filled(4));
        await drop(2, filled(5));
        expect(await inbox().ack('alice', [itemId], [anObjectId(1), anObjectId(7)])).toBe(1);
        expect(await inbox().droppedStats('alice')).toEqual({ objects: 1, bytes: 5 });
        expect(await claim(1, [anObjectId(1)])).toEqual({ ok: false, error: { code: 'object/missing', missing: [anObjectId(1)] } });
        expect((await claim(1, [anObjectId(2)])).ok).toBe(true);
      });

      it('never deletes an object of the store, nor another account’s dropped object', async () => {
        await objects().put({ owner: 'alice', id: anObjectId(1), data: bytes(1), createdAt: T0 }, ROOMY);
        await drop(2, filled(4), { owner: owners.bob });
        await inbox().ack('alice', [], [anObjectId(1), anObjectId(2)]);
        expect(await objects().get('alice', anObjectId(1))).not.toBeNull();
        expect(await inbox().droppedStats('bob')).toEqual({ objects: 1, bytes: 4 });
      });

      it('either claims or discards an object when a claim and an ack race, never both', async () => {
        await drop(1, filled(4));
        const [saved] = await Promise.all([claim(1, [anObjectId(1)]), inbox().ack('alice', [], [anObjectId(1)])]);
        const object = await objects().get('alice', anObjectId(1));
        if (saved.ok) {
          expect(object).toEqual(expect.objectContaining({ state: 'committed' }));
          expect(await objects().usage('alice')).toEqual({ objects: 1, bytes: 4 });
        } else {
          expect(saved.error).toEqual({ code: 'object/missing', missing: [anObjectId(1)] });
          expect(object).toBeNull();
          expect(await objects().usage('alice')).toEqual({ objects: 0, bytes: 0 });
        }
        expect(await inbox().droppedStats('alice')).toEqual({ objects: 0, bytes: 0 });
      });
    });

    describe('retention', () => {
      it('purges dropped objects and inbox items received before the cut-off, and nothing newer', async () => {
        await inbox().append(aDrop('alice', { receivedAt: T0 }), roomyQuotas());
        const kept = await inbox().append(aDrop('alice', { receivedAt: T0 + 100 }), roomyQuotas());
        await inbox().append(aDrop('bob', { receivedAt: T0 }), roomyQuotas());
        await drop(1, filled(4), { receivedAt: T0 });
        await drop(2, filled(5), { receivedAt: T0 + 100 });
        await objects().put({ owner: 'alice', id: anObjectId(3), data: bytes(1), createdAt: T0 }, ROOMY);
        await subject.storage.blobs.save('alice', bytes(9), 1, T0, commitOf({ commit: [anObjectId(3)] }));

        expect(await inbox().purgeOlderThan(T0 + 50)).toEqual({ items: 2, objects: 1 });
        expect((await inbox().list('alice', 0, 10)).items.map((item) => item.id)).toEqual([kept.ok ? kept.value.id : '']);
        expect(await inbox().stats('bob')).toEqual({ items: 0, bytes: 0 });
        expect(await inbox().droppedStats('alice')).toEqual({ objects: 1, bytes: 5 });
        expect(await objects().get('alice', anObjectId(3))).not.toBeNull();
        expect(await inbox().purgeOlderThan(T0 + 50)).toEqual({ items: 0, objects: 0 });
      });

      it('either claims or purges an object when a claim races the purge, never both', async () => {
        await drop(1, filled(4), { receivedAt: T0 });
        const [saved, purged] = await Promise.all([claim(1, [anObjectId(1)]), inbox().purgeOlderThan(T0 + 1)]);
        const object = await objects().get('alice', anObjectId(1));
        if (saved.ok) {
          expect(purged.objects).toBe(0);
          expect(object?.state).toBe('committed');
        } else {
          expect(purged.objects).toBe(1);
          expect(object).toBeNull();
        }
        expect(await inbox().droppedStats('alice')).toEqual({ objects: 0, bytes: 0 });
        // A claimed object is the store's now: never purged, however old.
        expect(await inbox().purgeOlderThan(T0 + 10 ** 9)).toEqual({ items: 0, objects: 0 });
      });
    });

    it('leaves no dropped object behind when the account is deleted', async () => {
      await drop(1, filled(4));
      expect(await subject.storage.accounts.delete('alice')).toBe(true);
      expect(await inbox().droppedStats('alice')).toEqual({ objects: 0, bytes: 0 });
      await givenAccount(subject.storage, { name: 'alice' });
      expect(await inbox().droppedStats('alice')).toEqual({ objects: 0, bytes: 0 });
      expect((await drop(1, filled(4))).ok).toBe(true);
      expect(await claim(1, [anObjectId(1)])).toEqual({ ok: true, value: { version: 2 } });
    });
  });
};
