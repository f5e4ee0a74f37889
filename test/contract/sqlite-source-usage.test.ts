import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStorage, SqliteStorage, sqliteFileIn } from '../../src/adapters/storage/sqlite/sqlite-storage';
import { InboxQuotas } from '../../src/domain/home-server/inbox-quota';
import { keptTotals, recountedTotals, RunningTotals } from '../support/sqlite-running-totals';
import { aDrop, aFriendRequest, anObjectId, filled, roomyQuotas, T0 } from '../support/storage-fixtures';
import { givenAccount } from './ports/storage-under-test';

/**
 * The running totals a drop's quota check reads (migrations 3, 5 and 8) against a recount of the
 * rows they total, after every way rows come and go, and on a database from before migration 8.
 */

const QUOTAS: InboxQuotas = roomyQuotas({ maxItemsPerToken: 3, maxOpenInboxItems: 2, maxFriendRequests: 2 });
const CUT = T0 + 1000;

describe('SQLite running totals per inbox and per source', () => {
  let dataDir: string;
  const opened: SqliteStorage[] = [];
  const fileOf = (name: string): string => sqliteFileIn(join(dataDir, name));
  const open = (name = 'main'): SqliteStorage => {
    const storage = openSqliteStorage({ file: fileOf(name) });
    opened.push(storage);
    return storage;
  };
  const look = <T>(name: string, reading: (db: BetterSqlite3.Database) => T): T => {
    const db = new BetterSqlite3(fileOf(name), { readonly: true });
    try {
      return reading(db);
    } finally {
      db.close();
    }
  };
  const expectTotalsToMatchARecount = (name: string): RunningTotals => {
    const recounted = look(name, recountedTotals);
    expect(look(name, keptTotals)).toEqual(recounted);
    return recounted;
  };

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'starbase-sqlite-source-usage-'));
  });
  afterEach(async () => {
    for (const storage of opened.splice(0)) await storage.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const mustAppend = async (storage: SqliteStorage, ...items: Parameters<SqliteStorage['inbox']['append']>[0][]): Promise<string[]> => {
    const ids: string[] = [];
    for (const item of items) {
      const appended = await storage.inbox.append(item, QUOTAS);
      if (!appended.ok) throw new Error(`test setup: ${item.id} was refused (${appended.error})`);
      ids.push(appended.value.id);
    }
    return ids;
  };
  const dropObject = (storage: SqliteStorage, owner: string, n: number, tokenId: string, bytes: number, receivedAt = T0) =>
    storage.inbox.dropObject({ owner, id: anObjectId(n), tokenId, data: filled(bytes), receivedAt }, QUOTAS);

  /** Every way rows come and go: appends, evictions, refusals, objects dropped, staged, claimed, discarded, purged, an account deleted. */
  const writeAMix = async (storage: SqliteStorage): Promise<void> => {
    for (const name of ['alice', 'bob', 'carol']) await givenAccount(storage, { name });
    for (const owner of ['alice', 'bob', 'carol']) {
      await mustAppend(storage, aDrop(owner, { tokenId: 't1', envelope: 'old', receivedAt: T0 }), aDrop(owner, { tokenId: 't1', envelope: 'é€', receivedAt: CUT }));
      await mustAppend(storage, aDrop(owner, { tokenId: 't2', envelope: 'new', receivedAt: CUT }));
      // Three strangers and three friend requests into queues of two: the oldest of each is evicted.
      await mustAppend(storage, ...[1, 2, 3].map((n) => aDrop(owner, { envelope: 'x'.repeat(n), receivedAt: CUT + n })));
      await mustAppend(storage, ...[1, 2, 3].map((n) => aFriendRequest(owner, { envelope: 'y'.repeat(n), receivedAt: CUT + n })));
      expect(await dropObject(storage, owner, 1, 't1', 5)).toEqual({ ok: true, value: undefined });
      // t1 is now at its share: neither an item nor an object more.
      expect(await storage.inbox.append(aDrop(owner, { tokenId: 't1' }), QUOTAS)).toEqual({ ok: false, error: 'inbox/full' });
      expect(await dropObject(storage, owner, 2, 't1', 1)).toEqual({ ok: false, error: 'inbox/full' });
      expect((await dropObject(storage, owner, 3, 't2', 3)).ok).toBe(true);
      expect((await dropObject(storage, owner, 4, 't2', 4, CUT)).ok).toBe(true);
    }
    expect((await storage.objects.put({ owner: 'alice', id: anObjectId(6), data: filled(2), createdAt: T0 }, 1 << 30)).ok).toBe(true);
    const claimed = await storage.blobs.save('alice', filled(1), 1, T0, {
      changes: { commit: [], release: [], claim: [anObjectId(3)] },
      storeBytes: 1 << 30,
    });
    expect(claimed.ok).toBe(true);
    const [oldest] = (await storage.inbox.list('alice', 0, 1)).items;
    expect(await storage.inbox.ack('alice', [oldest!.id], [anObjectId(4)])).toBe(1);
    expect(await storage.inbox.purgeOlderThan(CUT)).toEqual({ items: 2, objects: 5 });
    expect(await storage.accounts.delete('carol')).toBe(true);
  };

  it('keeps every total equal to a recount after appends, evictions, claims, acks, purges and an account deletion', async () => {
    const storage = open();
    await writeAMix(storage);
    await storage.close();

    const recounted = expectTotalsToMatchARecount('main');
    expect(recounted.sources).toEqual([
      'alice drop-token:t1 1 5 0 0',
      'alice drop-token:t2 1 3 0 0',
      'alice friend-requests 2 5 0 0',
      'alice open-inbox 2 5 0 0',
      'bob drop-token:t1 1 5 0 0',
      'bob drop-token:t2 1 3 1 4',
      'bob friend-requests 2 5 0 0',
      'bob open-inbox 2 5 0 0',
    ]);
  });

  it('keeps them equal to a recount through an import that replaces what the database held', async () => {
    const source = open();
    await writeAMix(source);
    const target = open('target');
    await givenAccount(target, { name: 'alice' });
    await mustAppend(target, aDrop('alice', { tokenId: 't9' }));
    expect((await target.inbox.dropObject({ owner: 'alice', id: anObjectId(9), tokenId: 't9', data: filled(2), receivedAt: T0 }, QUOTAS)).ok).toBe(true);

    expect((await target.dump.importAll(source.dump.exportAll(), { replaceExisting: true })).ok).toBe(true);
    await target.close();

    expect(expectTotalsToMatchARecount('target').sources).toHaveLength(8);
  });

  describe('on a database written before migration 8', () => {
    /** Turns the file back into schema version 7: the same rows, no totals per source, the indexes that counted them. */
    const downgradeToVersion7 = (): void => {
      const db = new BetterSqlite3(fileOf('main'));
      for (const trigger of ['item_insert', 'item_delete', 'object_insert', 'object_delete', 'object_claim']) {
        db.exec(`DROP TRIGGER source_usage_after_${trigger}`);
      }
      db.exec('DROP TABLE source_usage');
      db.exec('CREATE INDEX inbox_items_usage ON inbox_items (owner, token_id, envelope_bytes)');
      db.exec(`CREATE INDEX store_objects_dropped_by_token ON store_objects (owner, token_id, bytes) WHERE state = 'dropped'`);
      db.pragma('user_version = 7');
      db.close();
    };

    it('counts what is stored, then keeps counting and holds each share to it', async () => {
      const before = open();
      await writeAMix(before);
      await mustAppend(before, aDrop('bob', { tokenId: 't2', envelope: 'fills' }));
      await before.close();
      downgradeToVersion7();

      const after = open();
      const recounted = look('main', recountedTotals);
      expect(look('main', keptTotals)).toEqual(recounted);
      expect(recounted.sources).toContain('bob drop-token:t2 2 8 1 4');
      // t2 holds its three in bob's inbox, one of them an object: refused until one goes.
      expect(await after.inbox.append(aDrop('bob', { tokenId: 't2' }), QUOTAS)).toEqual({ ok: false, error: 'inbox/full' });
      expect(await after.inbox.ack('bob', [], [anObjectId(4)])).toBe(0);
      expect((await after.inbox.append(aDrop('bob', { tokenId: 't2' }), QUOTAS)).ok).toBe(true);
      expect((await after.inbox.append(aDrop('alice', { tokenId: 't2' }), QUOTAS)).ok).toBe(true);
      await after.close();
      expectTotalsToMatchARecount('main');
    });
  });
});
