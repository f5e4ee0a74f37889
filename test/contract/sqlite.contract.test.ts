import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStorage, sqliteFileIn } from '../../src/adapters/storage/sqlite/sqlite-storage';
import { runStorageContract } from './storage-contract';

runStorageContract('sqlite', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'starbase-sqlite-contract-'));
  const file = sqliteFileIn(dataDir);
  const opened = [openSqliteStorage({ file })];
  return {
    storage: opened[0]!,
    reopen: async () => {
      const again = openSqliteStorage({ file });
      opened.push(again);
      return again;
    },
    cleanup: async () => {
      for (const storage of opened) await storage.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
});
