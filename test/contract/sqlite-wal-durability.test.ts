import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WalDescriptor } from '../../src/adapters/storage/sqlite/sqlite-wal-descriptor';
import { openSqliteStorage, SqliteStorage, sqliteFileIn } from '../../src/adapters/storage/sqlite/sqlite-storage';
import { InProcessInboxNotifier } from '../../src/adapters/system/in-process-inbox-notifier';
import { TEST_SCRYPT_COST } from '../../src/adapters/security/scrypt-auth-key-hasher';
import { loadConfig } from '../../src/infrastructure/config';
import { composeServer } from '../../src/infrastructure/compose-server';
import { aMessageEnvelope, API, HttpTestClient } from '../http/http-test-client';
import { aDrop, anObjectId, bytes, roomyQuotas, T0 } from '../support/storage-fixtures';
import { committedIds } from './alices-sqlite-file';
import { givenAccount } from './ports/storage-under-test';

/*
 * With `synchronous = NORMAL` a commit does not sync the WAL; a write is answered only once a sync
 * of the WAL that started after its commit has finished. The sync is replaced here by one the
 * test finishes (or fails) by hand.
 */

interface Deferred {
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

class HandSync {
  /** Until turned off, syncs finish at once (so test setup can write). */
  automatic = true;
  readonly started: Deferred[] = [];
  readonly walFiles: string[] = [];

  readonly sync = (walFile: string): Promise<void> => {
    this.walFiles.push(walFile);
    if (this.automatic) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.started.push({ resolve, reject });
    });
  };

  finish(index: number): void {
    this.started[index]!.resolve();
  }

  fail(index: number, error: Error): void {
    this.started[index]!.reject(error);
  }
}

type Watched<T> = { readonly promise: Promise<T>; settled: boolean };

const watch = <T>(promise: Promise<T>): Watched<T> => {
  const watched: Watched<T> = { promise, settled: false };
  promise.then(
    () => (watched.settled = true),
    () => (watched.settled = true),
  );
  return watched;
};

/** Lets group commits run (setImmediate) and the promises after them settle. */
const aFewTurns = async (): Promise<void> => {
  for (let turn = 0; turn < 5; turn += 1) await new Promise((resolve) => setImmediate(resolve));
};

const anIoError = (): Error => Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' });

describe('SQLite WAL durability barrier (storage port)', () => {
  let dataDir: string;
  let file: string;
  let hand: HandSync;
  let storage: SqliteStorage;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'starbase-wal-durability-'));
    file = sqliteFileIn(dataDir);
    hand = new HandSync();
    storage = openSqliteStorage({ file, syncWal: hand.sync });
    await givenAccount(storage, { name: 'alice' });
    hand.automatic = false;
  });
  afterEach(async () => {
    hand.automatic = true;
    for (const sync of hand.started) sync.resolve();
    await storage.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** What another connection sees: committed rows, synced or not. */
  const committedDropIds = (): string[] => committedIds(file, "SELECT id FROM inbox_items WHERE owner = 'alice' ORDER BY seq");

  it('syncs the database’s -wal file', async () => {
    const appended = storage.inbox.append(aDrop('alice'), roomyQuotas());
    await aFewTurns();
    hand.finish(0);
    await appended;
    expect(hand.walFiles.length).toBeGreaterThan(0);
    expect(new Set(hand.walFiles)).toEqual(new Set([`${file}-wal`]));
  });

  it('answers a drop only after the WAL sync that follows its commit has finished', async () => {
    const drop = aDrop('alice');
    const appended = watch(storage.inbox.append(drop, roomyQuotas()));
    await aFewTurns();

    expect(committedDropIds()).toEqual([drop.id]);
    expect(hand.started).toHaveLength(1);
    expect(appended.settled).toBe(false);

    hand.finish(0);
    expect((await appended.promise).ok).toBe(true);
  });

  it('answers a blob write, an object upload and an ack only after their WAL sync', async () => {
    const saved = watch(storage.blobs.save('alice', bytes(9), 1, T0 + 1));
    const put = watch(storage.objects.put({ owner: 'alice', id: anObjectId(1), data: bytes(1, 2), createdAt: T0 }, 1 << 20));
    const acked = watch(storage.inbox.ack('alice', ['no-such-item']));
    await aFewTurns();

    expect([saved.settled, put.settled, acked.settled]).toEqual([false, false, false]);
    hand.automatic = true;
    hand.finish(0);

    expect(await saved.promise).toEqual({ ok: true, value: { version: 2 } });
    expect((await put.promise).ok).toBe(true);
    expect(await acked.promise).toBe(0);
  });

  it('fails the writes a failed sync covered, and later writes succeed again', async () => {
    const first = storage.inbox.append(aDrop('alice'), roomyQuotas());
    const second = storage.inbox.append(aDrop('alice'), roomyQuotas());
    await aFewTurns();
    expect(hand.started).toHaveLength(1);

    hand.fail(0, anIoError());
    await expect(first).rejects.toThrow('EIO');
    await expect(second).rejects.toThrow('EIO');

    const later = watch(storage.inbox.append(aDrop('alice'), roomyQuotas()));
    await aFewTurns();
    hand.finish(1);
    expect((await later.promise).ok).toBe(true);
  });

  it('makes commits that land while a sync runs wait for the next one, which covers them all', async () => {
    const first = watch(storage.inbox.append(aDrop('alice'), roomyQuotas()));
    await aFewTurns();
    expect(hand.started).toHaveLength(1);

    const third = watch(storage.blobs.save('alice', bytes(7), 1, T0 + 2));
    await aFewTurns();
    expect(hand.started).toHaveLength(1);

    hand.finish(0);
    await aFewTurns();
    expect([first.settled, third.settled]).toEqual([true, false]);
    expect(hand.started).toHaveLength(2);

    hand.finish(1);
    await aFewTurns();
    expect(third.settled).toBe(true);
  });

  it('gathers the drops arriving while a sync runs into one commit once it has finished', async () => {
    const first = watch(storage.inbox.append(aDrop('alice'), roomyQuotas()));
    await aFewTurns();
    const later = [aDrop('alice'), aDrop('alice'), aDrop('alice')];
    const appended = [];
    for (const drop of later) {
      appended.push(watch(storage.inbox.append(drop, roomyQuotas())));
      await aFewTurns();
    }
    expect(committedDropIds()).toHaveLength(1);

    hand.finish(0);
    await aFewTurns();
    expect(first.settled).toBe(true);
    expect(committedDropIds()).toHaveLength(4);
    expect(hand.started).toHaveLength(2);
    expect(appended.map((drop) => drop.settled)).toEqual([false, false, false]);

    hand.finish(1);
    await aFewTurns();
    expect(appended.map((drop) => drop.settled)).toEqual([true, true, true]);
  });
});

describe('SQLite WAL durability barrier (HTTP)', () => {
  let dataDir: string;
  let hand: HandSync;
  let close: () => Promise<void>;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'starbase-wal-durability-http-'));
    hand = new HandSync();
  });
  afterEach(async () => {
    hand.automatic = true;
    for (const sync of hand.started) sync.resolve();
    await close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const startServer = async (): Promise<HttpTestClient> => {
    const storage = openSqliteStorage({ file: sqliteFileIn(dataDir), syncWal: hand.sync });
    const config = { ...loadConfig({}, []), storage: 'sqlite' as const, dataDir, logLevel: 'silent' as const, webRoot: null };
    const composed = await composeServer(config, {
      storage: { storage, notifier: new InProcessInboxNotifier() },
      scryptCost: TEST_SCRYPT_COST,
      powMaxNumber: 1000,
      rateLimits: false,
    });
    close = async () => {
      await composed.close();
      await storage.close();
    };
    return new HttpTestClient(await composed.httpApp());
  };

  it('answers a drop with 202 only after the WAL sync, and with a 500 problem when the sync fails', async () => {
    const client = await startServer();
    const bob = await client.signUp('bob');
    const token = await client.issueDropToken(bob);
    hand.automatic = false;
    const drop = () => client.request('POST', `${API}/users/bob/drops`, { token: token.token, body: { envelope: aMessageEnvelope() } });

    const answered = watch(drop());
    await aFewTurns();
    await aFewTurns();
    expect(answered.settled).toBe(false);
    hand.finish(hand.started.length - 1);
    expect((await answered.promise).statusCode).toBe(202);

    const failing = drop();
    await aFewTurns();
    await aFewTurns();
    hand.fail(hand.started.length - 1, anIoError());
    const failed = await failing;
    expect(failed.statusCode).toBe(500);
    expect(failed.headers['content-type']).toContain('application/problem+json');
    expect(failed.body).not.toContain('EIO');
  });
});

describe('WalDescriptor', () => {
  it('syncs an existing file, treats a missing one (the WAL folded back on close) as nothing to sync, and nothing after close', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'starbase-datasync-'));
    const present = new WalDescriptor();
    const absent = new WalDescriptor();
    try {
      writeFileSync(join(dir, 'present'), 'x');
      await expect(present.sync(join(dir, 'present'))).resolves.toBeUndefined();
      await expect(present.sync(join(dir, 'present'))).resolves.toBeUndefined();
      await expect(absent.sync(join(dir, 'absent'))).resolves.toBeUndefined();
      present.close();
      await expect(present.sync(join(dir, 'present'))).resolves.toBeUndefined();
    } finally {
      present.close();
      absent.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
