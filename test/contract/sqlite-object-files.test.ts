import BetterSqlite3 from 'better-sqlite3';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StoreCommit } from '../../src/application/ports/user-blob-repository';
import { ObjectChanges } from '../../src/domain/home-server/store/store-commit';
import { objectsDirOf } from '../../src/adapters/storage/sqlite/sqlite-object-files';
import { openSqliteStorage, SqliteStorage, SqliteStorageOptions, sqliteFileIn } from '../../src/adapters/storage/sqlite/sqlite-storage';
import { anObjectId, bytes, filled, roomyQuotas, T0 } from '../support/storage-fixtures';
import { givenAccount, times } from './ports/storage-under-test';

/*
 * SQLite keeps object bytes in files next to the database (docs/storage.md): the row names its
 * file, a file is on disk before its row is committed, and a deleted row's file goes only once the
 * deletion is on disk. The object rules themselves are the contract suite's, run on this adapter.
 */

const ROOMY = 1 << 30;
const MiB = 1024 * 1024;
const HOUR_MS = 60 * 60 * 1000;
const commitOf = (changes: Partial<ObjectChanges>): StoreCommit => ({
  changes: { commit: [], release: [], claim: [], ...changes },
  storeBytes: ROOMY,
});

interface ObjectRow {
  id: string;
  file: string | null;
  dataBytes: number;
}

describe('SQLite object files', () => {
  let dataDir = '';
  let file = '';
  let objectsDir = '';
  const opened: SqliteStorage[] = [];
  const open = (options: Partial<SqliteStorageOptions> = {}): SqliteStorage => {
    const storage = openSqliteStorage({ file, ...options });
    opened.push(storage);
    return storage;
  };
  /** Looks at the database from a second connection, as an operator's sqlite3 shell would. */
  const onDisk = <T>(look: (db: BetterSqlite3.Database) => T, databaseFile = file): T => {
    const db = new BetterSqlite3(databaseFile);
    try {
      return look(db);
    } finally {
      db.close();
    }
  };
  const rows = (): ObjectRow[] =>
    onDisk((db) => db.prepare('SELECT id, file, length(data) AS dataBytes FROM store_objects ORDER BY id').all() as ObjectRow[]);
  const filesOnDisk = (): string[] =>
    existsSync(objectsDir) ? readdirSync(objectsDir).flatMap((shard) => readdirSync(join(objectsDir, shard)).map((name) => `${shard}/${name}`)) : [];
  /** What this process's open descriptors point to under `directory` (Linux's /proc). */
  const descriptorsInto = (directory: string): string[] =>
    readdirSync('/proc/self/fd').flatMap((fd) => {
      try {
        const target = readlinkSync(`/proc/self/fd/${fd}`);
        return target.startsWith(`${directory}/`) ? [target] : [];
      } catch {
        // The descriptor readdir itself used, closed by now.
        return [];
      }
    });
  const shardDescriptors = (directory: string): string[] => descriptorsInto(directory).filter((target) => /\/[0-9a-f]{2}$/.test(target));
  const put = (storage: SqliteStorage, n: number, data: Uint8Array) =>
    storage.objects.put({ owner: 'alice', id: anObjectId(n), data, createdAt: T0 + n }, ROOMY);

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'starbase-object-files-'));
    file = sqliteFileIn(dataDir);
    objectsDir = objectsDirOf(file) ?? '';
  });
  afterEach(async () => {
    for (const storage of opened.splice(0)) await storage.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps the bytes in a file next to the database, not in the row', async () => {
    const storage = open();
    await givenAccount(storage, { name: 'alice' });
    const data = filled(MiB, 5);
    expect((await put(storage, 1, data)).ok).toBe(true);

    const [row] = rows();
    expect(row).toEqual({ id: anObjectId(1), file: expect.stringMatching(/^[0-9a-f]{2}\/[0-9a-f]{32}$/), dataBytes: 0 });
    expect(filesOnDisk()).toEqual([row?.file]);
    // equals, not toEqual: jest compares a MiB element by element for seconds.
    expect(readFileSync(join(objectsDir, row?.file ?? '')).equals(data)).toBe(true);
    expect(Buffer.from((await storage.objects.get('alice', anObjectId(1)))?.data ?? []).equals(data)).toBe(true);
  });

  it('holds one descriptor per shard directory uploads went to, and closes them and the files with the storage', async () => {
    const storage = open();
    await givenAccount(storage, { name: 'alice' });
    for (let n = 1; n <= 40; n++) await put(storage, n, filled(100, n));

    // As /proc names them, should the temp dir be reached through a link.
    const realObjectsDir = realpathSync(objectsDir);
    const shards = new Set(rows().map((row) => row.file?.slice(0, 2)));
    expect(shardDescriptors(realObjectsDir).sort()).toEqual([...shards].map((shard) => join(realObjectsDir, shard ?? '')).sort());
    await storage.close();
    expect(descriptorsInto(realObjectsDir)).toEqual([]);
  });

  it('answers a retry with the same bytes as done, and other bytes as taken, leaving one file', async () => {
    const storage = open();
    await givenAccount(storage, { name: 'alice' });
    await put(storage, 1, filled(1000, 1));
    expect(await put(storage, 1, filled(1000, 1))).toEqual(expect.objectContaining({ ok: true, value: expect.objectContaining({ created: false }) }));
    expect(await put(storage, 1, filled(1000, 2))).toEqual({ ok: false, error: 'object/exists' });
    expect(filesOnDisk()).toEqual(rows().map((row) => row.file));
  });

  it('leaves exactly one file when parallel uploads of one id carry different bytes', async () => {
    const storage = open();
    await givenAccount(storage, { name: 'alice' });
    const results = await Promise.all(times(6, (i) => put(storage, 1, filled(4096, i + 1))));

    expect(results.filter((result) => result.ok)).toHaveLength(1);
    const [row] = rows();
    expect(filesOnDisk()).toEqual([row?.file]);
    const winner = results.findIndex((result) => result.ok);
    expect((await storage.objects.get('alice', anObjectId(1)))?.data).toEqual(Buffer.from(filled(4096, winner + 1)));
  });

  it('removes the files of released, deleted and purged objects, and of a deleted account', async () => {
    const storage = open();
    await givenAccount(storage, { name: 'alice' });
    await Promise.all(times(4, (i) => put(storage, i + 1, filled(100, i + 1))));
    await storage.blobs.save('alice', bytes(9), 1, T0, commitOf({ commit: [anObjectId(1), anObjectId(4)] }));
    expect(filesOnDisk()).toHaveLength(4);

    await storage.blobs.save('alice', bytes(9), 2, T0, commitOf({ release: [anObjectId(1)] }));
    expect(filesOnDisk()).toHaveLength(3);
    await storage.objects.deleteStaged('alice', anObjectId(2));
    expect(filesOnDisk()).toHaveLength(2);
    expect(await storage.objects.purgeStaged(T0 + 10)).toBe(1);
    expect(filesOnDisk()).toEqual(rows().map((row) => row.file));
    expect(filesOnDisk()).toHaveLength(1);

    await storage.accounts.delete('alice');
    expect(filesOnDisk()).toEqual([]);
    expect(onDisk((db) => db.prepare('SELECT count(*) AS n FROM deleted_object_files').get())).toEqual({ n: 0 });
  });

  it('removes the files of dropped objects acknowledged away or purged, and keeps a claimed one', async () => {
    const storage = open();
    await givenAccount(storage, { name: 'alice' });
    const drop = (n: number) =>
      storage.inbox.dropObject({ owner: 'alice', id: anObjectId(n), tokenId: 't1', data: filled(100, n), receivedAt: T0 + n }, roomyQuotas());
    for (const n of [1, 2, 3]) expect(await drop(n)).toEqual({ ok: true, value: undefined });
    expect(filesOnDisk()).toHaveLength(3);

    await storage.blobs.save('alice', bytes(9), 1, T0, commitOf({ claim: [anObjectId(1)] }));
    await storage.inbox.ack('alice', [], [anObjectId(2)]);
    expect(filesOnDisk()).toHaveLength(2);
    expect((await storage.inbox.purgeOlderThan(T0 + 10)).objects).toBe(1);
    expect(filesOnDisk()).toEqual(rows().map((row) => row.file));
    expect((await storage.objects.get('alice', anObjectId(1)))?.data).toEqual(Buffer.from(filled(100, 1)));
  });

  it('unlinks a deleted object file only once the deletion is on disk', async () => {
    let releaseSync: () => void = () => undefined;
    let holdSyncs = false;
    const storage = open({
      syncWal: () => (holdSyncs ? new Promise<void>((resolve) => (releaseSync = resolve)) : Promise.resolve()),
    });
    await givenAccount(storage, { name: 'alice' });
    await put(storage, 1, filled(100));
    holdSyncs = true;

    const deleted = storage.objects.deleteStaged('alice', anObjectId(1));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(rows()).toEqual([]);
    expect(filesOnDisk()).toHaveLength(1);

    holdSyncs = false;
    releaseSync();
    expect(await deleted).toEqual({ ok: true, value: undefined });
    expect(filesOnDisk()).toEqual([]);
  });

  it('at open, finishes unlinks a crash interrupted and removes files no row names once older than an hour', async () => {
    const first = open();
    await givenAccount(first, { name: 'alice' });
    await put(first, 1, filled(100, 1));
    await first.close();
    const kept = rows()[0]?.file ?? '';
    mkdirSync(join(objectsDir, 'ab'), { recursive: true });
    const orphan = 'ab/0123456789abcdef0123456789abcdef';
    const young = 'ab/fedcba9876543210fedcba9876543210';
    const unlinkCutShort = 'ab/00000000000000000000000000000000';
    for (const name of [orphan, young, unlinkCutShort]) writeFileSync(join(objectsDir, name), 'x');
    const twoHoursAgo = (Date.now() - 2 * HOUR_MS) / 1000;
    utimesSync(join(objectsDir, orphan), twoHoursAgo, twoHoursAgo);
    // As if the server died between committing a deletion and unlinking its file.
    onDisk((db) => db.prepare('INSERT INTO deleted_object_files (file) VALUES (?)').run(unlinkCutShort));

    const second = open();
    expect(filesOnDisk().sort()).toEqual([kept, young].sort());
    expect((await second.objects.get('alice', anObjectId(1)))?.data).toEqual(Buffer.from(filled(100, 1)));
    expect(onDisk((db) => db.prepare('SELECT count(*) AS n FROM deleted_object_files').get())).toEqual({ n: 0 });
  });

  it('still reads, retries against and deletes objects stored in the data column before object files', async () => {
    const storage = open();
    await givenAccount(storage, { name: 'alice' });
    onDisk((db) =>
      db
        .prepare(`INSERT INTO store_objects (owner, id, state, bytes, created_at, token_id, data) VALUES ('alice', ?, 'staged', 3, ?, NULL, ?)`)
        .run(anObjectId(1), T0, Buffer.from([7, 8, 9])),
    );
    expect((await storage.objects.get('alice', anObjectId(1)))?.data).toEqual(Buffer.from([7, 8, 9]));
    expect(await put(storage, 1, bytes(7, 8, 9))).toEqual(expect.objectContaining({ ok: true, value: expect.objectContaining({ created: false }) }));
    expect(await put(storage, 1, bytes(7, 8, 8))).toEqual({ ok: false, error: 'object/exists' });
    expect(await storage.objects.deleteStaged('alice', anObjectId(1))).toEqual({ ok: true, value: undefined });
    expect(filesOnDisk()).toEqual([]);
  });

  it('reports objects whose file is missing or cut short in its integrity check', async () => {
    const storage = open();
    await givenAccount(storage, { name: 'alice' });
    await put(storage, 1, filled(100));
    await put(storage, 2, filled(100));
    expect(await storage.integrityCheck()).toBe('ok');
    const [first, second] = rows();
    rmSync(join(objectsDir, first?.file ?? ''));
    writeFileSync(join(objectsDir, second?.file ?? ''), 'short');

    expect((await storage.integrityCheck()).split('\n')).toEqual([
      `object alice/${anObjectId(1)}: its file ${first?.file} is missing`,
      `object alice/${anObjectId(2)}: its file ${second?.file} holds 5 bytes, not 100`,
    ]);
  });

  it('backs up object bytes inside the copy, which opens elsewhere with every object readable', async () => {
    const storage = open();
    await givenAccount(storage, { name: 'alice' });
    await put(storage, 1, filled(MiB, 3));
    await put(storage, 2, filled(10, 4));
    const backupFile = join(dataDir, 'elsewhere', 'starbase-backup.sqlite');
    await storage.backup(backupFile);

    expect(onDisk((db) => db.prepare('SELECT count(*) AS n FROM store_objects WHERE file IS NOT NULL').get(), backupFile)).toEqual({ n: 0 });
    const restored = openSqliteStorage({ file: backupFile });
    opened.push(restored);
    expect(Buffer.from((await restored.objects.get('alice', anObjectId(1)))?.data ?? []).equals(filled(MiB, 3))).toBe(true);
    expect((await restored.objects.get('alice', anObjectId(2)))?.data).toEqual(Buffer.from(filled(10, 4)));
  });

  it('keeps object bytes in files through a dump export and import', async () => {
    const source = open();
    await givenAccount(source, { name: 'alice' });
    await put(source, 1, filled(2000, 6));
    const targetFile = sqliteFileIn(join(dataDir, 'target'));
    const target = openSqliteStorage({ file: targetFile });
    opened.push(target);

    expect((await target.dump.importAll(source.dump.exportAll())).ok).toBe(true);
    expect((await target.objects.get('alice', anObjectId(1)))?.data).toEqual(Buffer.from(filled(2000, 6)));
    expect(onDisk((db) => db.prepare('SELECT length(data) AS dataBytes FROM store_objects').all(), targetFile)).toEqual([{ dataBytes: 0 }]);
  });
});
