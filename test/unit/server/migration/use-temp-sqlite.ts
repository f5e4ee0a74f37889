import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStorage, SqliteStorage, sqliteFileIn } from '../../../../src/adapters/storage/sqlite/sqlite-storage';

/**
 * Gives each test of the enclosing describe block its own temporary directory; the returned
 * function opens a named SQLite storage in it. Every storage opened is closed, and the
 * directory removed, after each test.
 */
export const useTempSqlite = (prefix: string): ((name: string) => SqliteStorage) => {
  let dataDir: string | undefined;
  const opened: SqliteStorage[] = [];
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterEach(async () => {
    for (const storage of opened.splice(0)) await storage.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    dataDir = undefined;
  });
  return (name) => {
    if (!dataDir) throw new Error('temporary SQLite storages exist only while a test runs');
    const storage = openSqliteStorage({ file: sqliteFileIn(join(dataDir, name)) });
    opened.push(storage);
    return storage;
  };
};
