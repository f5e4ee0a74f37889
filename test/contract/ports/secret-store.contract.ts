import { bytes } from '../../support/storage-fixtures';
import { OpenStorage, times, useFreshStorage } from './storage-under-test';

/** A create function that hands out distinct bytes on every call and remembers how often it ran. */
const creator = () => {
  let calls = 0;
  return {
    create: (): Uint8Array => bytes(++calls, 0xaa, 0xbb),
    get calls() {
      return calls;
    },
  };
};

export const secretStoreContract = (open: OpenStorage): void => {
  describe('SecretStore', () => {
    const subject = useFreshStorage(open);

    it('creates a missing secret once and returns the same bytes thereafter', async () => {
      const factory = creator();
      const first = await subject.storage.secrets.getOrCreate('jwt', factory.create);
      const second = await subject.storage.secrets.getOrCreate('jwt', factory.create);
      expect(first).toEqual(bytes(1, 0xaa, 0xbb));
      expect(second).toEqual(first);
      expect(factory.calls).toBe(1);
    });

    it('keeps secrets of different names apart', async () => {
      const jwt = await subject.storage.secrets.getOrCreate('jwt', () => bytes(1));
      const decoy = await subject.storage.secrets.getOrCreate('decoy', () => bytes(2));
      expect(jwt).toEqual(bytes(1));
      expect(decoy).toEqual(bytes(2));
      expect(await subject.storage.secrets.getOrCreate('jwt', () => bytes(3))).toEqual(bytes(1));
    });

    it('returns the same bytes to every one of many parallel first calls', async () => {
      const factory = creator();
      const results = await Promise.all(times(10, () => subject.storage.secrets.getOrCreate('jwt', factory.create)));
      const stored = await subject.storage.secrets.getOrCreate('jwt', () => bytes(0));
      for (const result of results) expect(result).toEqual(stored);
    });

    it('keeps what it stored when the caller mutates the bytes it gave or got', async () => {
      const given = bytes(5, 5, 5);
      const got = await subject.storage.secrets.getOrCreate('jwt', () => given);
      given.fill(0);
      got.fill(0);
      expect(await subject.storage.secrets.getOrCreate('jwt', () => bytes(9))).toEqual(bytes(5, 5, 5));
    });

    it('keeps secrets across a reopen when the adapter persists', async () => {
      const reopen = subject.reopen;
      if (!reopen) return; // An in-process adapter forgets everything on close, by design.
      const created = await subject.storage.secrets.getOrCreate('jwt', () => bytes(7, 7, 7));
      await subject.storage.close();
      const reopened = await reopen();
      try {
        expect(await reopened.secrets.getOrCreate('jwt', () => bytes(0))).toEqual(created);
      } finally {
        await reopened.close();
      }
    });
  });
};
