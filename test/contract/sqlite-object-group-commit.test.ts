import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStorage, SqliteStorage, sqliteFileIn } from '../../src/adapters/storage/sqlite/sqlite-storage';
import { anObjectId } from '../support/storage-fixtures';
import { givenAccount, times } from './ports/storage-under-test';

/*
 * Group commit of object uploads in SQLite: uploads arriving together share one transaction (one
 * fsync), each is answered only once the commit holding it is done, the quota stays exact inside
 * a batch, and closing the storage commits what waits. The object rules themselves are the
 * contract suite's (store-object-repository), run on this adapter too.
 */

const WAL_HEADER_BYTES = 32;
const WAL_FRAME_HEADER_BYTES = 24;
const T0 = 1_700_000_000_000;
const ROOMY = 1 << 30;

describe('SQLite object upload group commit', () => {
  let dataDir: string;
  let file: string;
  let storage: SqliteStorage;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'starbase-object-commit-'));
    file = sqliteFileIn(dataDir);
    storage = openSqliteStorage({ file });
    await givenAccount(storage, { name: 'alice' });
  });
  afterEach(async () => {
    await storage.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const put = (n: number, bytes = 100, storeBytes = ROOMY) =>
    storage.objects.put({ owner: 'alice', id: anObjectId(n), data: new Uint8Array(bytes).fill(n % 256), createdAt: T0 + n }, storeBytes);

  /** Reads the file from a second connection, as another process would: sees committed data only. */
  const committedIds = (): string[] => {
    const db = new BetterSqlite3(file, { readonly: true });
    try {
      return (db.prepare("SELECT id FROM store_objects WHERE owner = 'alice' ORDER BY id").all() as { id: string }[]).map((row) => row.id);
    } finally {
      db.close();
    }
  };

  const walFrames = (): number => {
    const db = new BetterSqlite3(file, { readonly: true });
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    db.close();
    const walBytes = statSync(`${file}-wal`).size;
    return walBytes <= WAL_HEADER_BYTES ? 0 : (walBytes - WAL_HEADER_BYTES) / (pageSize + WAL_FRAME_HEADER_BYTES);
  };

  const emptyTheWal = (): void => {
    const db = new BetterSqlite3(file);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
  };

  it('commits 40 concurrent uploads in fewer commits than uploads', async () => {
    emptyTheWal();
    expect(walFrames()).toBe(0);

    const results = await Promise.all(times(40, (i) => put(i)));

    expect(results.every((result) => result.ok)).toBe(true);
    // One commit per upload writes at least 40 frames (each touches the object's row and the usage row).
    expect(walFrames()).toBeLessThan(40);
  });

  it('answers each upload only once it is committed', async () => {
    const visibleWhenAnswered = await Promise.all(times(12, (i) => put(i).then(() => committedIds().includes(anObjectId(i)))));
    expect(visibleWhenAnswered).toEqual(times(12, () => true));
  });

  it('keeps the store quota exact inside one batch', async () => {
    const results = await Promise.all(times(8, (i) => put(i, 1000, 5_500)));
    const stored = results.filter((result) => result.ok).length;
    expect(stored).toBeGreaterThan(0);
    expect(stored).toBeLessThan(8);
    expect(results.filter((result) => !result.ok && result.error === 'store/full')).toHaveLength(8 - stored);
    expect(committedIds()).toHaveLength(stored);
  });

  it('commits uploads still waiting for their batch when the storage closes', async () => {
    const uploaded = put(1);
    await storage.close();
    expect((await uploaded).ok).toBe(true);
    expect(committedIds()).toEqual([anObjectId(1)]);
  });
});
