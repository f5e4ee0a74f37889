import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStorage, SqliteStorage, sqliteFileIn } from '../../src/adapters/storage/sqlite/sqlite-storage';
import { aDrop, aFriendRequest, roomyQuotas } from '../support/storage-fixtures';
import { givenAccount } from './ports/storage-under-test';

/** Migration 3 (per-inbox usage counters) on a database written before it existed. */
describe('SQLite inbox usage counters on an older database', () => {
  let dataDir: string;
  let file: string;
  const opened: SqliteStorage[] = [];
  const open = (): SqliteStorage => {
    const storage = openSqliteStorage({ file });
    opened.push(storage);
    return storage;
  };

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'starbase-sqlite-usage-'));
    file = sqliteFileIn(dataDir);
  });
  afterEach(async () => {
    for (const storage of opened.splice(0)) await storage.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Turns the file back into schema version 2: items stored, no counters (and none of the later steps' tables). */
  const downgradeToVersion2 = (): void => {
    const db = new BetterSqlite3(file);
    db.exec('DROP TRIGGER inbox_usage_after_insert; DROP TRIGGER inbox_usage_after_delete; DROP TABLE inbox_usage;');
    db.exec('DROP TABLE store_objects; DROP TABLE store_usage; DROP TABLE dropped_usage; DROP INDEX inbox_items_by_age;');
    db.exec('DROP TABLE deleted_object_files; DROP TABLE inbox_changes;');
    db.exec('DROP TRIGGER source_usage_after_item_insert; DROP TRIGGER source_usage_after_item_delete; DROP TABLE source_usage;');
    db.exec('CREATE INDEX inbox_items_usage ON inbox_items (owner, token_id, envelope_bytes);');
    db.pragma('user_version = 2');
    db.close();
  };

  it('counts the items already stored and keeps counting from there', async () => {
    const before = open();
    await givenAccount(before, { name: 'alice' });
    await givenAccount(before, { name: 'bob' });
    for (const item of [aDrop('alice', { envelope: 'abc' }), aFriendRequest('alice', { envelope: 'é€' }), aDrop('bob', { envelope: '1234567' })]) {
      expect((await before.inbox.append(item, roomyQuotas())).ok).toBe(true);
    }
    await before.close();
    downgradeToVersion2();

    const after = open();
    expect(await after.inbox.stats('alice')).toEqual({ items: 2, bytes: 3 + 5 });
    expect(await after.inbox.stats('bob')).toEqual({ items: 1, bytes: 7 });
    expect(await after.inbox.append(aDrop('alice', { envelope: 'x' }), roomyQuotas({ maxItems: 2 }))).toEqual({ ok: false, error: 'inbox/full' });
    const [first] = (await after.inbox.list('alice', 0, 1)).items;
    await after.inbox.ack('alice', [first!.id]);
    expect((await after.inbox.append(aDrop('alice', { envelope: 'x' }), roomyQuotas({ maxItems: 2 }))).ok).toBe(true);
    expect(await after.inbox.stats('alice')).toEqual({ items: 2, bytes: 5 + 1 });
  });
});
