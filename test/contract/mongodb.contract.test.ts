import { MongoClient } from 'mongodb';
import { AccountEvent } from '../../src/application/ports/inbox-notifier';
import { aCiphertext } from '../support/builders';
import { MongoInboxNotifier, startMongoInboxNotifier } from '../../src/adapters/storage/mongodb/mongo-inbox-notifier';
import { MongoStorage, openMongoStorage } from '../../src/adapters/storage/mongodb/mongo-storage';
import { BLOB_CHUNK_BYTES, COLLECTIONS, INDEXES } from '../../src/adapters/storage/mongodb/schema';
import { aDrop, roomyQuotas, T0 } from '../support/storage-fixtures';
import { givenAccount } from './ports/storage-under-test';
import { OpenStorage, runStorageContract } from './storage-contract';

/**
 * Runs only against a MongoDB you provide (a replica set: transactions and change streams need
 * one; a single-node replica set is enough). Nothing here can run on the development machines,
 * so without the URL every case is registered as skipped, never as passed.
 */
const url = process.env['STARBASE_TEST_MONGODB_URL'];
const describeWithServer = url ? describe : describe.skip;
/** Only ever called while a test runs, and tests run only when the URL is set. */
const serverUrl = (): string => {
  if (!url) throw new Error('STARBASE_TEST_MONGODB_URL is not set');
  return url;
};

let databases = 0;
/** Short, unique per test and per process, so parallel jest workers never share a database. */
const freshDatabaseName = (): string => `starbase_test_${process.pid}_${++databases}`;

const openStorage = (dbName: string): Promise<MongoStorage> =>
  // The contract's fake clock sits in 2023: the server's TTL monitor would delete its sessions and
  // captchas mid-test, so the TTL indexes (checked by the unit tests) stay off here.
  openMongoStorage({ url: serverUrl(), dbName, ttlIndexes: false, logger: () => undefined });

const dropDatabase = async (dbName: string): Promise<void> => {
  const client = new MongoClient(serverUrl());
  try {
    await client.db(dbName).dropDatabase();
  } finally {
    await client.close();
  }
};

const openFresh: OpenStorage = async () => {
  const dbName = freshDatabaseName();
  const opened = [await openStorage(dbName)];
  return {
    storage: opened[0]!,
    reopen: async () => {
      const again = await openStorage(dbName);
      opened.push(again);
      return again;
    },
    cleanup: async () => {
      for (const storage of opened) await storage.close();
      await dropDatabase(dbName);
    },
  };
};

if (!url) {
  // Straight to stderr: jest swallows the console buffer of a suite whose tests are all skipped.
  process.stderr.write(
    '\nMongoDB contract suite SKIPPED: STARBASE_TEST_MONGODB_URL is not set (no MongoDB server on this machine) — ' +
      "run `STARBASE_TEST_MONGODB_URL='mongodb://127.0.0.1:27017/?replicaSet=rs0' npm run test:mongodb` " +
      'against your own replica set\n',
  );
}

describeWithServer('MongoDB', () => {
  runStorageContract('mongodb', openFresh);

  describe('MongoDB storage specifics', () => {
    const dbName = freshDatabaseName();
    const opened: MongoStorage[] = [];
    const notifiers: MongoInboxNotifier[] = [];
    const open = async (options: { ttlIndexes?: boolean } = {}): Promise<MongoStorage> => {
      const storage = await openMongoStorage({ url: serverUrl(), dbName, logger: () => undefined, ...options });
      opened.push(storage);
      return storage;
    };

    afterEach(async () => {
      for (const notifier of notifiers.splice(0)) await notifier.close();
      for (const storage of opened.splice(0)) await storage.close();
      await dropDatabase(dbName);
    });

    it('creates every declared collection and index, TTL indexes included, and can do it twice', async () => {
      await open();
      const storage = await open();
      const collections = (await storage.database.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
      expect(collections.sort()).toEqual(Object.values(COLLECTIONS).sort());
      for (const index of INDEXES) {
        const found = (await storage.database.collection(index.collection).indexes()).find((i) => i.name === index.name);
        expect(found).toEqual(
          expect.objectContaining({
            key: index.key,
            ...(index.unique ? { unique: true } : {}),
            ...(index.expireAfterSeconds !== undefined ? { expireAfterSeconds: index.expireAfterSeconds } : {}),
          }),
        );
      }
    });

    it('keeps a 16 MiB blob (the default cap) in chunks no bigger than a chunk and returns it byte for byte', async () => {
      const storage = await open({ ttlIndexes: false });
      await givenAccount(storage, { name: 'alice' });
      const large = Uint8Array.from({ length: 16 * 1024 * 1024 }, (_, i) => (i * 131 + 17) & 0xff);

      expect(await storage.blobs.save('alice', large, 1, T0)).toEqual({ ok: true, value: { version: 2 } });

      const chunks = await storage.database.collection(COLLECTIONS.blobChunks).find({ name: 'alice' }).toArray();
      expect(chunks).toHaveLength(Math.ceil(large.length / BLOB_CHUNK_BYTES));
      const found = await storage.blobs.find('alice');
      expect(found?.version).toBe(2);
      expect(Buffer.from(found!.ciphertext).equals(Buffer.from(large))).toBe(true);
    });

    it('wakes a listener of one process when another process accepts a drop (change stream)', async () => {
      const processA = await open({ ttlIndexes: false });
      const processB = await open({ ttlIndexes: false });
      const notifier = await startMongoInboxNotifier(processB);
      notifiers.push(notifier);
      expect(notifier.source).toBe('change-stream');
      await givenAccount(processA, { name: 'bob' });

      const woken = new Promise<void>((resolve) => notifier.subscribe('bob', () => resolve()));
      expect((await processA.inbox.append(aDrop('bob'), roomyQuotas())).ok).toBe(true);

      await woken;
    });

    it('tells a listener of one process the new version when another process writes the blob (change stream)', async () => {
      const processA = await open({ ttlIndexes: false });
      const processB = await open({ ttlIndexes: false });
      const notifier = await startMongoInboxNotifier(processB);
      notifiers.push(notifier);
      await givenAccount(processA, { name: 'bob' });

      const heard = new Promise<AccountEvent>((resolve) => notifier.subscribe('bob', resolve));
      expect(await processA.blobs.save('bob', aCiphertext(10, 2), 1, T0)).toEqual({ ok: true, value: { version: 2 } });

      expect(await heard).toEqual({ kind: 'blob', version: 2, origin: null });
    });
  });
});
