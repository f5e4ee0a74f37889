import { bytes, T0 } from '../../support/storage-fixtures';
import { countOutcomes, givenAccount, OpenStorage, times, useFreshStorage } from './storage-under-test';

export const userBlobRepositoryContract = (open: OpenStorage): void => {
  describe('UserBlobRepository', () => {
    const subject = useFreshStorage(open);

    it('finds nothing for an unknown account', async () => {
      expect(await subject.storage.blobs.find('nobody')).toBeNull();
    });

    it('writes the next version when the expected version matches', async () => {
      await givenAccount(subject.storage, { name: 'alice' });
      expect(await subject.storage.blobs.save('alice', bytes(7, 8), 1, T0 + 10)).toEqual({ ok: true, value: { version: 2 } });
      expect(await subject.storage.blobs.find('alice')).toEqual({
        name: 'alice',
        version: 2,
        ciphertext: bytes(7, 8),
        updatedAt: T0 + 10,
      });
    });

    it('counts versions up by one on every successful write', async () => {
      await givenAccount(subject.storage, { name: 'alice' });
      for (let version = 1; version <= 5; version++) {
        expect(await subject.storage.blobs.save('alice', bytes(version), version, T0)).toEqual({
          ok: true,
          value: { version: version + 1 },
        });
      }
      expect(await subject.storage.blobs.find('alice')).toEqual(expect.objectContaining({ version: 6, ciphertext: bytes(5) }));
    });

    it.each([0, 2, 99])('refuses expected version %i when version 1 is stored, telling the current one', async (expected) => {
      await givenAccount(subject.storage, { name: 'alice' }, bytes(1));
      expect(await subject.storage.blobs.save('alice', bytes(2), expected, T0)).toEqual({
        ok: false,
        error: { code: 'blob/version-conflict', currentVersion: 1 },
      });
      expect(await subject.storage.blobs.find('alice')).toEqual(
        expect.objectContaining({ version: 1, ciphertext: bytes(1), updatedAt: T0 }),
      );
    });

    it('reports an unknown account and creates no blob for it', async () => {
      expect(await subject.storage.blobs.save('nobody', bytes(1), 1, T0)).toEqual({
        ok: false,
        error: { code: 'account/not-found' },
      });
      expect(await subject.storage.blobs.find('nobody')).toBeNull();
    });

    it('lets exactly one of 20 parallel saves with the same expected version win', async () => {
      await givenAccount(subject.storage, { name: 'alice' });
      const ciphertexts = times(20, (i) => bytes(100 + i));
      const results = await Promise.all(ciphertexts.map((ciphertext) => subject.storage.blobs.save('alice', ciphertext, 1, T0)));

      expect(countOutcomes(results)).toEqual({ ok: 1, failed: 19 });
      for (const result of results) {
        expect(result).toEqual(
          result.ok ? { ok: true, value: { version: 2 } } : { ok: false, error: { code: 'blob/version-conflict', currentVersion: 2 } },
        );
      }
      const winner = ciphertexts[results.findIndex((result) => result.ok)]!;
      expect(await subject.storage.blobs.find('alice')).toEqual(expect.objectContaining({ version: 2, ciphertext: winner }));
    });

    it('keeps every blob to its own account', async () => {
      await givenAccount(subject.storage, { name: 'alice' }, bytes(1));
      await givenAccount(subject.storage, { name: 'bob' }, bytes(2));
      await subject.storage.blobs.save('alice', bytes(3), 1, T0);
      expect(await subject.storage.blobs.find('bob')).toEqual(expect.objectContaining({ version: 1, ciphertext: bytes(2) }));
    });

    it('stores an empty ciphertext and a large one byte for byte', async () => {
      await givenAccount(subject.storage, { name: 'alice' }, new Uint8Array(0));
      expect((await subject.storage.blobs.find('alice'))?.ciphertext).toEqual(new Uint8Array(0));

      const large = Uint8Array.from({ length: 2 * 1024 * 1024 }, (_, i) => (i * 31 + 7) & 0xff);
      await subject.storage.blobs.save('alice', large, 1, T0);
      const found = await subject.storage.blobs.find('alice');
      expect(found?.ciphertext.length).toBe(large.length);
      expect(Buffer.from(found!.ciphertext).equals(Buffer.from(large))).toBe(true);
    });

    describe('stored bytes are copies', () => {
      it('is not changed by mutating the array passed to create or save', async () => {
        const initial = bytes(1, 1, 1);
        await givenAccount(subject.storage, { name: 'alice' }, initial);
        initial.fill(0);
        expect((await subject.storage.blobs.find('alice'))?.ciphertext).toEqual(bytes(1, 1, 1));

        const next = bytes(2, 2, 2);
        await subject.storage.blobs.save('alice', next, 1, T0);
        next.fill(0);
        expect((await subject.storage.blobs.find('alice'))?.ciphertext).toEqual(bytes(2, 2, 2));
      });

      it('is not changed by mutating a returned array', async () => {
        await givenAccount(subject.storage, { name: 'alice' }, bytes(1, 1, 1));
        const found = await subject.storage.blobs.find('alice');
        found!.ciphertext.fill(0);
        expect((await subject.storage.blobs.find('alice'))?.ciphertext).toEqual(bytes(1, 1, 1));
      });
    });
  });
};
