import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStorage, SqliteStorage, sqliteFileIn } from '../../src/adapters/storage/sqlite/sqlite-storage';
import { givenAccount } from './ports/storage-under-test';

const WAL_HEADER_BYTES = 32;
const WAL_FRAME_HEADER_BYTES = 24;

/** The `id` column of `query`'s rows in `file`, read from a second connection: committed data only. */
export const committedIds = (file: string, query: string): string[] => {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return (db.prepare(query).all() as { id: string }[]).map((row) => row.id);
  } finally {
    db.close();
  }
};

/**
 * Gives each test of the enclosing describe block a SQLite storage of its own, in a temporary
 * directory, with alice's account in it; closed and removed after each test. The file is also read
 * from second connections, as another process would.
 */
export const useAlicesSqliteFile = (prefix: string) => {
  let dataDir = '';
  let file = '';
  let storage: SqliteStorage | undefined;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), prefix));
    file = sqliteFileIn(dataDir);
    storage = openSqliteStorage({ file });
    await givenAccount(storage, { name: 'alice' });
  });
  afterEach(async () => {
    await storage?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  return {
    get storage(): SqliteStorage {
      if (storage === undefined) throw new Error('the SQLite storage exists only while a test runs');
      return storage;
    },

    committedIds: (query: string): string[] => committedIds(file, query),

    /** Frames in the write-ahead log: every commit appends at least one. */
    walFrames: (): number => {
      const db = new BetterSqlite3(file, { readonly: true });
      const pageSize = db.pragma('page_size', { simple: true }) as number;
      db.close();
      const walBytes = statSync(`${file}-wal`).size;
      return walBytes <= WAL_HEADER_BYTES ? 0 : (walBytes - WAL_HEADER_BYTES) / (pageSize + WAL_FRAME_HEADER_BYTES);
    },

    /** Commits in the write-ahead log: a frame whose header holds the database size after the commit ends one. */
    walCommits: (): number => {
      const wal = readFileSync(`${file}-wal`);
      if (wal.length <= WAL_HEADER_BYTES) return 0;
      const pageSize = wal.readUInt32BE(8);
      let commits = 0;
      for (let offset = WAL_HEADER_BYTES; offset + WAL_FRAME_HEADER_BYTES <= wal.length; offset += WAL_FRAME_HEADER_BYTES + pageSize) {
        if (wal.readUInt32BE(offset + 4) !== 0) commits += 1;
      }
      return commits;
    },

    emptyTheWal: (): void => {
      const db = new BetterSqlite3(file);
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    },
  };
};
