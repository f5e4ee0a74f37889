import { createMemoryStorage } from '../../../../src/adapters/storage/memory/memory-storage';
import {
  INSERT_BATCH_DOCUMENTS,
  MongoImportBatches,
  MongoStorageDump,
} from '../../../../src/adapters/storage/mongodb/mongo-dump';
import { BLOB_CHUNK_BYTES } from '../../../../src/adapters/storage/mongodb/schema';
import { NO_RECORDS, DumpRecord } from '../../../../src/application/ports/storage-dump';
import { migrateStorage } from '../../../../src/application/server/migrate-storage';
import { collect, countsSeenIn, observe, populate, streamOf } from '../../../contract/ports/storage-dump.fixtures';
import { aDrop, anAccount, bytes, roomyQuotas, T0 } from '../../../support/storage-fixtures';
import { InMemoryMongoDumpStore } from './in-memory-mongo-dump-store';
import { useTempSqlite } from './use-temp-sqlite';

/**
 * No MongoDB server runs here: these tests write the dump into plain arrays of BSON-round-tripped
 * documents, read them back with the same code the driver-backed store uses, and compare what the
 * ports answer. The driver calls themselves run in the MongoDB contract suite (StorageDump).
 */
describe('MongoDB dump mapping', () => {
  const openSqlite = useTempSqlite('starbase-mongo-mapping-');
  const mongoOver = (store: InMemoryMongoDumpStore): MongoStorageDump => new MongoStorageDump(store);

  it('maps SQLite → MongoDB documents → memory with every port answering the same', async () => {
    const source = openSqlite('source');
    await populate(source);
    const store = new InMemoryMongoDumpStore();
    const memory = createMemoryStorage();

    const toMongo = await migrateStorage(source.dump, mongoOver(store));
    const toMemory = await migrateStorage(mongoOver(store), memory.dump);

    expect(toMongo.ok).toBe(true);
    expect(toMemory.ok).toBe(true);
    const seen = await observe(source);
    expect(await observe(memory)).toEqual(seen);
    expect(await mongoOver(store).counts()).toEqual(countsSeenIn(seen));
  });

  it('maps MongoDB documents back to SQLite: SQLite → MongoDB → SQLite', async () => {
    const source = openSqlite('source');
    await populate(source);
    const store = new InMemoryMongoDumpStore();
    const back = openSqlite('back');

    expect((await migrateStorage(source.dump, mongoOver(store))).ok).toBe(true);
    expect((await migrateStorage(mongoOver(store), back.dump)).ok).toBe(true);

    expect(await observe(back)).toEqual(await observe(source));
  });

  it('writes the documents the adapter reads: names as _id, binaries, per-inbox counters above every seq handed out', async () => {
    const source = openSqlite('source');
    await populate(source);
    const lastSeq = (await collect(source.dump.exportAll())).find((record) => record.kind === 'inbox-sequence');
    const store = new InMemoryMongoDumpStore();

    expect((await migrateStorage(source.dump, mongoOver(store))).ok).toBe(true);

    const { held } = store;
    expect(held.accounts.map((account) => account._id)).toEqual(['alice', 'bob', 'carol']);
    expect(held.accounts[0]).toEqual(
      expect.objectContaining({ authHash: 'scrypt$16384$8$1$bmV3$bmV3aGFzaA', kdf: expect.objectContaining({ memoryKiB: 131072 }) }),
    );
    expect(held.blobs.find((head) => head._id === 'bob')).toEqual({
      _id: 'bob',
      version: 4,
      updatedAt: T0 + 600,
      byteLength: 70_000,
      chunkCount: 1,
      storeObjects: 2,
      storeBytes: 70_002,
    });
    expect(held.blobChunks.filter((chunk) => chunk.name === 'alice').map((chunk) => chunk.data.value())).toEqual([bytes(7, 7, 7)]);
    expect(held.secrets.map((secret) => [secret._id, secret.value.value()])).toEqual([
      ['server-keyring', bytes(2, 0xff, 0x00, 42)],
      ['session-signing-key', bytes(1, 0xff, 0x00, 42)],
    ]);
    expect(held.dropTokens.find((token) => token._id === 'token-bob-alice')).toEqual(
      expect.objectContaining({ owner: 'bob', hash: 'b0'.repeat(32), uses: 2, lastUsedAt: T0 + 301 }),
    );
    const unicode = held.inbox.find((item) => item.id === 'drop-1');
    expect(unicode?.bytes).toBe(Buffer.byteLength('{"v":1,"ct":"ünïcødé ✓ 🚀"}', 'utf8'));

    if (lastSeq?.kind !== 'inbox-sequence') throw new Error('no inbox-sequence record');
    const counters = Object.fromEntries(held.inboxCounters.map((counter) => [counter._id, counter]));
    for (const owner of ['alice', 'bob', 'carol']) {
      const items = held.inbox.filter((item) => item.owner === owner);
      const dropped = held.storeObjects.filter((object) => object.owner === owner && object.state === 'dropped');
      expect(counters[owner]).toEqual({
        _id: owner,
        seq: lastSeq.lastSeq,
        items: items.length,
        bytes: items.reduce((sum, item) => sum + item.bytes, 0),
        droppedObjects: dropped.length,
        droppedBytes: dropped.reduce((sum, object) => sum + object.bytes, 0),
      });
    }
  });

  it('splits a blob larger than one chunk and joins it back byte for byte', async () => {
    const store = new InMemoryMongoDumpStore();
    const large = Uint8Array.from({ length: BLOB_CHUNK_BYTES + 1234 }, (_, i) => (i * 131 + 17) & 0xff);
    const account = anAccount({ name: 'alice' });
    const records: DumpRecord[] = [
      { kind: 'account', account },
      { kind: 'blob', blob: { name: 'alice', version: 5, ciphertext: large, updatedAt: T0 } },
    ];

    expect((await mongoOver(store).importAll(streamOf(records))).ok).toBe(true);

    expect(store.held.blobChunks.map((chunk) => [chunk.index, chunk.data.length()])).toEqual([
      [0, BLOB_CHUNK_BYTES],
      [1, 1234],
    ]);
    const exported = await collect(mongoOver(store).exportAll());
    const blob = exported.find((record) => record.kind === 'blob');
    expect(blob?.kind === 'blob' && Buffer.from(blob.blob.ciphertext).equals(Buffer.from(large))).toBe(true);
  });

  it('keeps each inbox in order into SQLite when MongoDB seqs repeat across inboxes, and hands out higher seqs afterwards', async () => {
    // MongoDB counts seq per inbox: alice and bob both have 1, 2, 3; SQLite has one seq for all inboxes.
    const store = new InMemoryMongoDumpStore();
    const records: DumpRecord[] = [
      { kind: 'account', account: anAccount({ name: 'alice' }) },
      { kind: 'account', account: anAccount({ name: 'bob' }) },
      ...['alice', 'bob'].flatMap((owner) =>
        [1, 2, 3].map((seq): DumpRecord => ({ kind: 'inbox-item', item: { ...aDrop(owner, { id: `${owner}-${seq}` }), seq } })),
      ),
      { kind: 'inbox-sequence', lastSeq: 7 },
    ];
    expect((await mongoOver(store).importAll(streamOf(records))).ok).toBe(true);
    const sqlite = openSqlite('target');

    expect((await migrateStorage(mongoOver(store), sqlite.dump)).ok).toBe(true);

    for (const owner of ['alice', 'bob']) {
      const { items } = await sqlite.inbox.list(owner, 0, 100);
      expect(items.map((item) => item.id)).toEqual([`${owner}-1`, `${owner}-2`, `${owner}-3`]);
    }
    const appended = await sqlite.inbox.append(aDrop('bob'), roomyQuotas());
    expect(appended.ok && appended.value.seq).toBeGreaterThan(7);
  });

  it('refuses a database that holds documents, and replaces them when asked to', async () => {
    const store = new InMemoryMongoDumpStore();
    const one: DumpRecord[] = [{ kind: 'secret', name: 'session-signing-key', value: bytes(1) }];
    expect((await mongoOver(store).importAll(streamOf(one))).ok).toBe(true);

    expect(await mongoOver(store).importAll(streamOf(one))).toEqual({
      ok: false,
      error: { code: 'dump/target-not-empty', found: { ...NO_RECORDS, secrets: 1 } },
    });
    expect(await mongoOver(store).importAll(streamOf(one), { replaceExisting: true })).toEqual({
      ok: true,
      value: { ...NO_RECORDS, secrets: 1 },
    });
    expect(store.held.secrets).toHaveLength(1);
  });

  it('inserts in bounded batches, counters last', () => {
    const batches = new MongoImportBatches();
    const full = [
      ...batches.add({ kind: 'account', account: anAccount({ name: 'bob' }) }),
      ...Array.from({ length: 2 * INSERT_BATCH_DOCUMENTS + 5 }, (_, seq) =>
        batches.add({ kind: 'inbox-item', item: { ...aDrop('bob', { id: `item-${seq}` }), seq: seq + 1 } }),
      ).flat(),
    ];
    const rest = batches.finish();

    expect(full.map((batch) => [batch.collection, batch.documents.length])).toEqual([
      ['inbox', INSERT_BATCH_DOCUMENTS],
      ['inbox', INSERT_BATCH_DOCUMENTS],
    ]);
    expect(rest.map((batch) => [batch.collection, batch.documents.length])).toEqual([
      ['accounts', 1],
      ['inbox', 5],
      ['inboxCounters', 1],
    ]);
  });

  it('flushes blob chunks by size, so one insert never carries many chunks', () => {
    const batches = new MongoImportBatches();
    batches.add({ kind: 'account', account: anAccount({ name: 'alice' }) });
    const big = new Uint8Array(3 * BLOB_CHUNK_BYTES);

    const full = batches.add({ kind: 'blob', blob: { name: 'alice', version: 1, ciphertext: big, updatedAt: T0 } });

    expect(full.map((batch) => [batch.collection, batch.documents.length])).toEqual([['blobChunks', 2]]);
  });
});
