import { StoreCommit } from '../../../src/application/ports/user-blob-repository';
import { ObjectChanges } from '../../../src/domain/home-server/store/store-commit';
import { anObjectId, bytes, filled, T0 } from '../../support/storage-fixtures';
import { countOutcomes, givenAccount, OpenStorage, times, useAliceAndBob, useFreshStorage } from './storage-under-test';

const ROOMY = 1 << 30;
const commitOf = (changes: Partial<ObjectChanges>, storeBytes = ROOMY): StoreCommit => ({
  changes: { commit: [], release: [], claim: [], ...changes },
  storeBytes,
});

export const storeObjectRepositoryContract = (open: OpenStorage): void => {
  describe('StoreObjectRepository', () => {
    const subject = useFreshStorage(open);
    const owners = useAliceAndBob(subject);
    const objects = () => subject.storage.objects;
    const put = (id: string, data: Uint8Array, storeBytes = ROOMY, owner = owners.alice, createdAt = T0) =>
      objects().put({ owner, id, data, createdAt }, storeBytes);

    describe('staging', () => {
      it('stages an object and reads it back, bytes and all', async () => {
        expect(await put(anObjectId(1), bytes(1, 2, 3))).toEqual({
          ok: true,
          value: { created: true, info: { owner: 'alice', id: anObjectId(1), state: 'staged', bytes: 3, createdAt: T0, tokenId: null } },
        });
        expect(await objects().get('alice', anObjectId(1))).toEqual(
          expect.objectContaining({ state: 'staged', bytes: 3, data: expect.anything() }),
        );
        expect([...(await objects().get('alice', anObjectId(1)))!.data]).toEqual([1, 2, 3]);
      });

      it('answers a retry with the same bytes without a second copy, and refuses other bytes under the id', async () => {
        await put(anObjectId(1), bytes(1, 2, 3));
        expect(await put(anObjectId(1), bytes(1, 2, 3), ROOMY, 'alice', T0 + 5)).toEqual({
          ok: true,
          value: { created: false, info: expect.objectContaining({ bytes: 3, createdAt: T0 }) },
        });
        expect(await put(anObjectId(1), bytes(1, 2, 4))).toEqual({ ok: false, error: 'object/exists' });
        expect(await put(anObjectId(1), bytes(1, 2))).toEqual({ ok: false, error: 'object/exists' });
        expect(await objects().usage('alice')).toEqual({ objects: 1, bytes: 3 });
      });

      it('keeps the bytes it was lent: overwriting the array once put settles changes nothing stored', async () => {
        const lent = new Uint8Array(4096).fill(7);
        expect((await put(anObjectId(1), lent)).ok).toBe(true);
        lent.fill(9);
        expect([...(await objects().get('alice', anObjectId(1)))!.data]).toEqual([...new Uint8Array(4096).fill(7)]);
        expect((await put(anObjectId(1), new Uint8Array(4096).fill(7))).ok).toBe(true);
      });

      it('keeps accounts apart: the same id in two accounts, and no reading of the other one', async () => {
        await put(anObjectId(1), bytes(1));
        expect((await put(anObjectId(1), bytes(2), ROOMY, owners.bob)).ok).toBe(true);
        expect([...(await objects().get('bob', anObjectId(1)))!.data]).toEqual([2]);
        expect(await objects().get('bob', anObjectId(2))).toBeNull();
        await put(anObjectId(3), bytes(3));
        expect(await objects().get('bob', anObjectId(3))).toBeNull();
        expect(await objects().deleteStaged('bob', anObjectId(3))).toEqual({ ok: false, error: 'object/not-found' });
      });

      it('refuses an account that does not exist', async () => {
        expect(await put(anObjectId(1), bytes(1), ROOMY, 'nobody')).toEqual({ ok: false, error: 'account/not-found' });
      });

      it('counts the head and every object against storeBytes, and an exact fit passes', async () => {
        // alice's head is 3 bytes (givenAccount).
        expect((await put(anObjectId(1), filled(7), 10)).ok).toBe(true);
        expect(await put(anObjectId(2), filled(1), 10)).toEqual({ ok: false, error: 'store/full' });
        expect(await objects().usage('alice')).toEqual({ objects: 1, bytes: 7 });
      });

      it('never passes storeBytes under 30 parallel uploads', async () => {
        const results = await Promise.all(times(30, (i) => put(anObjectId(i), filled(10), 3 + 10 * 12)));
        expect(countOutcomes(results)).toEqual({ ok: 12, failed: 18 });
        expect(await objects().usage('alice')).toEqual({ objects: 12, bytes: 120 });
      });
    });

    describe('deleting and listing', () => {
      it('deletes a staged object, refuses a committed one, and reports an unknown one', async () => {
        await put(anObjectId(1), bytes(1));
        await put(anObjectId(2), bytes(2, 2));
        await subject.storage.blobs.save('alice', bytes(9), 1, T0, commitOf({ commit: [anObjectId(2)] }));
        expect(await objects().deleteStaged('alice', anObjectId(1))).toEqual({ ok: true, value: undefined });
        expect(await objects().deleteStaged('alice', anObjectId(2))).toEqual({ ok: false, error: 'object/committed' });
        expect(await objects().deleteStaged('alice', anObjectId(1))).toEqual({ ok: false, error: 'object/not-found' });
        expect(await objects().get('alice', anObjectId(1))).toBeNull();
        expect(await objects().usage('alice')).toEqual({ objects: 1, bytes: 2 });
      });

      it('lists in id order, a page at a time, by state or both', async () => {
        for (const n of [5, 1, 4, 2, 3]) await put(anObjectId(n), filled(n));
        await subject.storage.blobs.save('alice', bytes(9), 1, T0, commitOf({ commit: [anObjectId(2), anObjectId(4)] }));
        const first = await objects().list('alice', { state: null, afterId: '', limit: 3 });
        expect(first.items.map((item) => [item.id, item.state, item.bytes])).toEqual([
          [anObjectId(1), 'staged', 1],
          [anObjectId(2), 'committed', 2],
          [anObjectId(3), 'staged', 3],
        ]);
        expect(first.nextAfterId).toBe(anObjectId(3));
        const rest = await objects().list('alice', { state: null, afterId: first.nextAfterId!, limit: 3 });
        expect(rest.items.map((item) => item.id)).toEqual([anObjectId(4), anObjectId(5)]);
        expect(rest.nextAfterId).toBeNull();
        const committed = await objects().list('alice', { state: 'committed', afterId: '', limit: 10 });
        expect(committed.items.map((item) => item.id)).toEqual([anObjectId(2), anObjectId(4)]);
        expect((await objects().list('alice', { state: 'staged', afterId: anObjectId(3), limit: 10 })).items.map((item) => item.id)).toEqual([
          anObjectId(5),
        ]);
        expect(await objects().list('bob', { state: null, afterId: '', limit: 10 })).toEqual({ items: [], nextAfterId: null });
      });
    });

    describe('lending the bytes (read) and info', () => {
      const MiB = 1024 * 1024;
      const copyOf = (data: Uint8Array | undefined): number[] | null => (data ? [...data] : null);

      it('lends a staged or committed object to use and answers what use answers; info leaves the bytes out', async () => {
        await put(anObjectId(1), bytes(1, 2, 3));
        await put(anObjectId(2), bytes(4, 5));
        await subject.storage.blobs.save('alice', bytes(9), 1, T0, commitOf({ commit: [anObjectId(2)] }));
        expect(await objects().read('alice', anObjectId(1), async (object) => ({ state: object?.state, data: copyOf(object?.data) }))).toEqual({
          state: 'staged',
          data: [1, 2, 3],
        });
        expect(await objects().read('alice', anObjectId(2), async (object) => ({ state: object?.state, data: copyOf(object?.data) }))).toEqual({
          state: 'committed',
          data: [4, 5],
        });
        expect(await objects().info('alice', anObjectId(2))).toEqual({
          owner: 'alice',
          id: anObjectId(2),
          state: 'committed',
          bytes: 2,
          createdAt: T0,
          tokenId: null,
        });
      });

      it('lends null, and info answers null, for an unknown, a deleted or another account’s object', async () => {
        await put(anObjectId(1), bytes(1));
        await put(anObjectId(2), bytes(2));
        await objects().deleteStaged('alice', anObjectId(2));
        for (const [owner, id] of [['bob', anObjectId(1)], ['alice', anObjectId(2)], ['alice', anObjectId(3)]] as const) {
          expect(await objects().read(owner, id, async (object) => object)).toBeNull();
          expect(await objects().info(owner, id)).toBeNull();
        }
      });

      it('keeps lent bytes intact while use runs, however many other reads run meanwhile', async () => {
        await put(anObjectId(1), filled(MiB, 1));
        await put(anObjectId(2), filled(MiB, 2));
        await put(anObjectId(3), filled(MiB + 1, 3));
        const readFully = (id: string) => objects().read('alice', id, async (object) => Buffer.from(object?.data ?? []).toString('base64'));
        const first = await objects().read('alice', anObjectId(1), async (object) => {
          // While the first is lent, others are read and given back, again and again.
          for (let round = 0; round < 3; round++) await Promise.all([readFully(anObjectId(2)), readFully(anObjectId(3))]);
          return object ? Buffer.from(object.data).equals(filled(MiB, 1)) : false;
        });
        expect(first).toBe(true);
        expect(await objects().read('alice', anObjectId(2), async (object) => Buffer.from(object?.data ?? []).equals(filled(MiB, 2)))).toBe(true);
        expect(await objects().read('alice', anObjectId(3), async (object) => object?.data.length)).toBe(MiB + 1);
      });

      it('passes on what use throws, and reads on afterwards', async () => {
        await put(anObjectId(1), filled(MiB, 1));
        const failing = objects().read('alice', anObjectId(1), async () => {
          throw new Error('the response failed');
        });
        await expect(failing).rejects.toThrow('the response failed');
        expect(await objects().read('alice', anObjectId(1), async (object) => Buffer.from(object?.data ?? []).equals(filled(MiB, 1)))).toBe(true);
      });
    });

    describe('the atomic commit in the head write', () => {
      const save = (version: number, commit: StoreCommit, ciphertext = bytes(9)) =>
        subject.storage.blobs.save('alice', ciphertext, version, T0 + 1, commit);

      it('commits staged objects and releases committed ones with the head', async () => {
        await put(anObjectId(1), filled(4));
        await put(anObjectId(2), filled(5));
        expect(await save(1, commitOf({ commit: [anObjectId(1), anObjectId(2)] }))).toEqual({ ok: true, value: { version: 2 } });
        expect((await objects().get('alice', anObjectId(1)))?.state).toBe('committed');
        // Committing what is already committed changes nothing and is no error.
        expect(await save(2, commitOf({ commit: [anObjectId(1)], release: [anObjectId(2)] }))).toEqual({ ok: true, value: { version: 3 } });
        expect(await objects().get('alice', anObjectId(2))).toBeNull();
        expect(await objects().usage('alice')).toEqual({ objects: 1, bytes: 4 });
        expect(await subject.storage.blobs.find('alice')).toEqual(expect.objectContaining({ version: 3 }));
      });

      it('answers a stale version with 412 before looking at objects, and changes nothing', async () => {
        await put(anObjectId(1), filled(4));
        expect(await save(7, commitOf({ commit: [anObjectId(1), anObjectId(9)] }))).toEqual({
          ok: false,
          error: { code: 'blob/version-conflict', currentVersion: 1 },
        });
        expect((await objects().get('alice', anObjectId(1)))?.state).toBe('staged');
      });

      it('names every missing id, and neither the head nor any object changes', async () => {
        await put(anObjectId(1), filled(4));
        await put(anObjectId(2), filled(4));
        await put(anObjectId(3), filled(4), ROOMY, owners.bob);
        const result = await save(
          1,
          commitOf({ commit: [anObjectId(1), anObjectId(3)], release: [anObjectId(2), anObjectId(8)], claim: [anObjectId(1 + 10)] }),
        );
        expect(result.ok).toBe(false);
        if (result.ok || result.error.code !== 'object/missing') throw new Error(`expected object/missing, got ${JSON.stringify(result)}`);
        expect([...result.error.missing].sort()).toEqual([anObjectId(3), anObjectId(8), anObjectId(11)].sort());
        expect(await subject.storage.blobs.find('alice')).toEqual(expect.objectContaining({ version: 1, ciphertext: bytes(1, 2, 3) }));
        expect((await objects().get('alice', anObjectId(1)))?.state).toBe('staged');
        expect((await objects().get('alice', anObjectId(2)))?.state).toBe('staged');
      });

      it('counts the new head against storeBytes and refuses growth past it (507), changing nothing', async () => {
        await put(anObjectId(1), filled(10));
        expect(await save(1, commitOf({ commit: [anObjectId(1)] }, 20), filled(11))).toEqual({ ok: false, error: { code: 'store/full' } });
        expect((await objects().get('alice', anObjectId(1)))?.state).toBe('staged');
        expect(await save(1, commitOf({ commit: [anObjectId(1)] }, 20), filled(10))).toEqual({ ok: true, value: { version: 2 } });
      });

      it('lets a write that does not grow the store through even over the quota, so space can be freed', async () => {
        await put(anObjectId(1), filled(10));
        await put(anObjectId(2), filled(10));
        await save(1, commitOf({ commit: [anObjectId(1), anObjectId(2)] }));
        expect(await save(2, commitOf({ release: [anObjectId(1)] }, 5), bytes(1, 2, 3))).toEqual({ ok: true, value: { version: 3 } });
        expect(await objects().usage('alice')).toEqual({ objects: 1, bytes: 10 });
      });

      it('commits one staged id once when two devices race: one head write wins, the other gets 412', async () => {
        await put(anObjectId(1), filled(4));
        const results = await Promise.all(times(10, () => save(1, commitOf({ commit: [anObjectId(1)] }))));
        expect(countOutcomes(results)).toEqual({ ok: 1, failed: 9 });
        const retried = await save(2, commitOf({ commit: [anObjectId(1)] }));
        expect(retried).toEqual({ ok: true, value: { version: 3 } });
        expect(await objects().usage('alice')).toEqual({ objects: 1, bytes: 4 });
      });

      it('either commits or loses a staged object racing its expiry, never both', async () => {
        await put(anObjectId(1), filled(4), ROOMY, owners.alice, T0);
        const [saved, purged] = await Promise.all([save(1, commitOf({ commit: [anObjectId(1)] })), objects().purgeStaged(T0 + 1)]);
        const object = await objects().get('alice', anObjectId(1));
        if (saved.ok) {
          expect(purged).toBe(0);
          expect(object?.state).toBe('committed');
        } else {
          expect(purged).toBe(1);
          expect(saved.error).toEqual({ code: 'object/missing', missing: [anObjectId(1)] });
          expect(object).toBeNull();
        }
        // The purge never takes committed objects, however old.
        expect(await objects().purgeStaged(T0 + 10 ** 9)).toBe(0);
      });

      it('purges only staged objects older than the cut-off', async () => {
        await put(anObjectId(1), filled(1), ROOMY, owners.alice, T0);
        await put(anObjectId(2), filled(1), ROOMY, owners.alice, T0 + 100);
        await put(anObjectId(3), filled(1), ROOMY, owners.bob, T0);
        expect(await objects().purgeStaged(T0 + 50)).toBe(2);
        expect(await objects().get('alice', anObjectId(2))).not.toBeNull();
        expect(await objects().usage('alice')).toEqual({ objects: 1, bytes: 1 });
        expect(await objects().usage('bob')).toEqual({ objects: 0, bytes: 0 });
      });

      it('leaves nothing behind when the account is deleted, even racing a commit', async () => {
        await put(anObjectId(1), filled(4));
        await put(anObjectId(2), filled(4));
        const [saved, deleted] = await Promise.all([
          save(1, commitOf({ commit: [anObjectId(1)] })),
          subject.storage.accounts.delete('alice'),
        ]);
        expect(deleted).toBe(true);
        expect(saved.ok || (!saved.ok && saved.error.code === 'account/not-found')).toBe(true);
        expect(await objects().get('alice', anObjectId(1))).toBeNull();
        expect(await objects().usage('alice')).toEqual({ objects: 0, bytes: 0 });
        expect(await objects().list('alice', { state: null, afterId: '', limit: 10 })).toEqual({ items: [], nextAfterId: null });
        await givenAccount(subject.storage, { name: 'alice' });
        expect(await objects().usage('alice')).toEqual({ objects: 0, bytes: 0 });
        expect(await put(anObjectId(1), bytes(5))).toEqual(expect.objectContaining({ ok: true }));
      });
    });
  });
};
