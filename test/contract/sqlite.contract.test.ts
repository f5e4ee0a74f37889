import BetterSqlite3 from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MIGRATIONS } from '../../src/adapters/storage/sqlite/migrations';
import { openSqliteStorage, SqliteStorage, sqliteFileIn } from '../../src/adapters/storage/sqlite/sqlite-storage';
import { aDrop, bytes, roomyQuotas, T0 } from '../support/storage-fixtures';
import { givenAccount } from './ports/storage-under-test';
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

describe('SQLite storage specifics', () => {
  let dataDir: string;
  let file: string;
  const opened: SqliteStorage[] = [];
  const open = (): SqliteStorage => {
    const storage = openSqliteStorage({ file, busyTimeoutMs: 2000 });
    opened.push(storage);
    return storage;
  };
  /** Looks at the file the way an operator's sqlite3 shell would. */
  const inspect = <T>(look: (db: BetterSqlite3.Database) => T): T => {
    const db = new BetterSqlite3(file, { readonly: true });
    try {
      return look(db);
    } finally {
      db.close();
    }
  };

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'starbase-sqlite-specifics-'));
    file = sqliteFileIn(dataDir);
  });
  afterEach(async () => {
    for (const storage of opened.splice(0)) await storage.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps its database as starbase.sqlite in the data dir, creating missing folders', async () => {
    file = sqliteFileIn(join(dataDir, 'nested', 'data'));
    expect(file).toBe(join(dataDir, 'nested', 'data', 'starbase.sqlite'));
    open();
    expect(existsSync(file)).toBe(true);
  });

  it('writes in WAL mode with every migration applied', async () => {
    open();
    expect(inspect((db) => db.pragma('journal_mode', { simple: true }))).toBe('wal');
    expect(inspect((db) => db.pragma('user_version', { simple: true }))).toBe(MIGRATIONS.length);
  });

  it('keeps accounts, blobs and inbox across a reopen, and seq keeps counting up', async () => {
    const first = open();
    await givenAccount(first, { name: 'alice' }, bytes(1, 2));
    const dropped = await first.inbox.append(aDrop('alice'), roomyQuotas());
    await first.inbox.ack('alice', [dropped.ok ? dropped.value.id : '']);
    await first.close();

    const second = open();
    expect(await second.blobs.find('alice')).toEqual(expect.objectContaining({ version: 1, ciphertext: bytes(1, 2) }));
    const next = await second.inbox.append(aDrop('alice'), roomyQuotas());
    expect(next.ok && dropped.ok && next.value.seq > dropped.value.seq).toBe(true);
  });

  it('refuses a database written by a newer schema instead of guessing', async () => {
    await open().close();
    const db = new BetterSqlite3(file);
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    expect(() => open()).toThrow(/newer/);
  });

  it('folds the WAL back into the main file on close and answers ping only while open', async () => {
    const storage = open();
    await givenAccount(storage, { name: 'alice' });
    expect(await storage.ping()).toBe(true);
    await storage.close();
    expect(await storage.ping()).toBe(false);
    expect(existsSync(`${file}-wal`)).toBe(false);
    expect(inspect((db) => db.prepare('SELECT name FROM accounts').all())).toEqual([{ name: 'alice' }]);
  });

  it('finds nothing wrong in a healthy database', async () => {
    const storage = open();
    await givenAccount(storage, { name: 'alice' });
    expect(await storage.integrityCheck()).toBe('ok');
  });

  it('backs up online into a file that opens as a complete storage', async () => {
    const storage = open();
    await givenAccount(storage, { name: 'alice' }, bytes(3, 1, 4));
    await storage.blobs.save('alice', bytes(1, 5, 9), 1, T0 + 1);
    const backupFile = join(dataDir, 'backup', 'starbase-backup.sqlite');
    await storage.backup(backupFile);

    const restored = openSqliteStorage({ file: backupFile });
    opened.push(restored);
    expect(await restored.accounts.find('alice')).toEqual(await storage.accounts.find('alice'));
    expect(await restored.blobs.find('alice')).toEqual(expect.objectContaining({ version: 2, ciphertext: bytes(1, 5, 9) }));
    expect(await restored.integrityCheck()).toBe('ok');
  });

  it('lets a second connection to the same file see committed writes and respect the blob version', async () => {
    const server = open();
    const operator = open();
    await givenAccount(server, { name: 'alice' });
    expect((await operator.blobs.save('alice', bytes(2), 1, T0)).ok).toBe(true);
    expect(await server.blobs.save('alice', bytes(3), 1, T0)).toEqual({
      ok: false,
      error: { code: 'blob/version-conflict', currentVersion: 2 },
    });
  });

  it('keeps no row naming a deleted account that had inbox items', async () => {
    const storage = open();
    await givenAccount(storage, { name: 'gone-alice' });
    await givenAccount(storage, { name: 'bob' });
    for (const owner of ['gone-alice', 'bob']) expect((await storage.inbox.append(aDrop(owner), roomyQuotas())).ok).toBe(true);
    expect(await storage.accounts.delete('gone-alice')).toBe(true);
    await storage.close();
    const naming = inspect((db) =>
      (db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table'`).pluck().all() as string[]).filter((table) =>
        JSON.stringify(db.prepare(`SELECT * FROM "${table}"`).raw().all()).includes('gone-alice'),
      ),
    );
    expect(naming).toEqual([]);
  });

  it('changes an inbox’s listing version for a drop or an ack by a second connection to the same file', async () => {
    const server = open();
    const otherProcess = open();
    await givenAccount(server, { name: 'alice' });
    const before = await server.inbox.listingVersion('alice');
    const dropped = await otherProcess.inbox.append(aDrop('alice'), roomyQuotas());
    const afterDrop = await server.inbox.listingVersion('alice');
    expect(afterDrop).not.toBe(before);
    await otherProcess.inbox.ack('alice', [dropped.ok ? dropped.value.id : '']);
    expect([before, afterDrop]).not.toContain(await server.inbox.listingVersion('alice'));
  });
});
