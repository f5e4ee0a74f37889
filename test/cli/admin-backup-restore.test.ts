import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openSqliteStorage, sqliteFileIn } from '../../src/adapters/storage/sqlite/sqlite-storage';
import { givenAccount } from '../contract/ports/storage-under-test';
import { anObjectId, T0 } from '../support/storage-fixtures';
import { aMessageEnvelope, API, aRegistrationBody, randomB64u } from '../http/http-test-client';
import { callServer, freshDataDir, openSqliteServer, parseJson, removeDir, useCli } from './cli-harness';

interface Visible {
  readonly blob: unknown;
  readonly inbox: unknown;
  readonly profiles: unknown[];
}

/** What alice sees of her account and what anyone sees of both accounts, through HTTP. */
const visibleState = async (url: string, aliceAuthKey: string): Promise<Visible> => {
  const login = await callServer(url, 'POST', `${API}/sessions`, { body: { name: 'alice', authKey: aliceAuthKey } });
  expect(login.status).toBe(201);
  const { token } = login.body as { token: string };
  const blob = await callServer(url, 'GET', `${API}/blob`, { token });
  const inbox = await callServer(url, 'GET', `${API}/inbox`, { token });
  const profiles = await Promise.all(['alice', 'bob'].map((name) => callServer(url, 'GET', `${API}/users/${name}/profile`)));
  expect([blob.status, inbox.status, ...profiles.map((profile) => profile.status)]).toEqual([200, 200, 200, 200]);
  return { blob: blob.body, inbox: inbox.body, profiles: profiles.map((profile) => profile.body) };
};

describe('starbase admin backup and restore', () => {
  let liveDir: string;
  let otherDir: string;
  let currentDir: string;
  const cli = useCli(() => currentDir);

  beforeEach(() => {
    liveDir = freshDataDir();
    otherDir = freshDataDir();
    currentDir = liveDir;
  });
  afterEach(() => {
    removeDir(liveDir);
    removeDir(otherDir);
  });

  it('backs up while the server runs, and a restore into a fresh dir serves the same accounts, blobs and inbox', async () => {
    const backupFile = join(otherDir, 'backups', 'starbase-backup.sqlite');
    const aliceAuthKey = randomB64u(32);
    // One public URL for both servers, so addresses in profiles do not differ by port.
    const publicUrl = { STARBASE_PUBLIC_URL: 'https://chat.example.org' };
    const server = await cli.serve(publicUrl);
    let before: Visible;
    try {
      expect((await callServer(server.url, 'POST', `${API}/accounts`, { body: aRegistrationBody('alice', aliceAuthKey) })).status).toBe(201);
      expect((await callServer(server.url, 'POST', `${API}/accounts`, { body: aRegistrationBody('bob') })).status).toBe(201);
      const login = await callServer(server.url, 'POST', `${API}/sessions`, { body: { name: 'alice', authKey: aliceAuthKey } });
      const { token } = login.body as { token: string };
      const written = await callServer(server.url, 'PUT', `${API}/blob`, {
        token,
        headers: { 'if-match': '"1"' },
        body: { ciphertext: randomB64u(300) },
      });
      expect(written.status).toBe(200);
      const dropToken = (await callServer(server.url, 'POST', `${API}/drop-tokens`, { token, body: {} })).body as { token: string };
      for (let i = 0; i < 3; i += 1) {
        const dropped = await callServer(server.url, 'POST', `${API}/users/alice/drops`, {
          token: dropToken.token,
          body: { envelope: aMessageEnvelope(50 + i) },
        });
        expect(dropped.status).toBe(202);
      }
      before = await visibleState(server.url, aliceAuthKey);

      const backup = await cli.run(['admin', 'backup', backupFile]);
      expect(backup).toMatchObject({ code: 0, stderr: '' });
      expect(backup.stdout).toMatch(/^backed up 2 accounts to .+starbase-backup\.sqlite \(\d+\.\d KiB, integrity ok\)\n$/);
      expect(readdirSync(join(otherDir, 'backups'))).toEqual(['starbase-backup.sqlite']);
    } finally {
      expect(await server.stop()).toBe(0);
    }

    currentDir = join(otherDir, 'restored');
    const restore = await cli.run(['admin', 'restore', backupFile, '--json']);
    expect(restore).toMatchObject({ code: 0, stderr: '' });
    expect(parseJson(restore)).toMatchObject({ file: sqliteFileIn(currentDir), accounts: 2, replaced: null });

    const restored = await cli.serve(publicUrl);
    try {
      expect(await visibleState(restored.url, aliceAuthKey)).toEqual(before);
      expect((before.blob as { version: number }).version).toBe(2);
      expect((before.inbox as { items: unknown[] }).items).toHaveLength(3);
    } finally {
      expect(await restored.stop()).toBe(0);
    }
  });

  it('refuses to restore over the database of a running server, even with --force', async () => {
    const backupFile = join(otherDir, 'backup.sqlite');
    const { server, client } = await openSqliteServer(liveDir);
    await client.register('alice');
    await server.close();
    expect((await cli.run(['admin', 'backup', backupFile])).code).toBe(0);

    const running = await cli.serve();
    try {
      const refused = await cli.run(['admin', 'restore', backupFile, '--force']);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('open in another process');
    } finally {
      expect(await running.stop()).toBe(0);
    }
  });

  it('refuses to replace an existing database without --force, and keeps it aside with --force', async () => {
    const backupFile = join(otherDir, 'backup.sqlite');
    const seeded = await openSqliteServer(liveDir);
    await seeded.client.register('alice');
    await seeded.server.close();
    expect((await cli.run(['admin', 'backup', backupFile])).code).toBe(0);
    const later = await openSqliteServer(liveDir);
    await later.client.register('bob');
    await later.server.close();

    const refused = await cli.run(['admin', 'restore', backupFile]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('add --force');
    expect(parseJson<unknown[]>(await cli.run(['admin', 'accounts', 'list', '--json']))).toHaveLength(2);

    const forced = await cli.run(['admin', 'restore', backupFile, '--force']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/^restored 1 accounts from .+ \(previous database kept as .+starbase\.sqlite\.replaced-.+\)\n$/);
    const names = parseJson<{ name: string }[]>(await cli.run(['admin', 'accounts', 'list', '--json'])).map((a) => a.name);
    expect(names).toEqual(['alice']);
    const aside = readdirSync(liveDir).filter((file) => file.startsWith('starbase.sqlite.replaced-'));
    // The old database with its objects directory, which the restored one must not sweep as orphans.
    expect(aside).toHaveLength(2);
    expect(aside.map((file) => file.replace(/\.objects$/, ''))).toEqual([aside[0], aside[0]]);
  });

  it('carries store objects kept in files through a backup and a restore into a fresh dir', async () => {
    const backupFile = join(otherDir, 'backups', 'starbase-backup.sqlite');
    const live = openSqliteStorage({ file: sqliteFileIn(liveDir) });
    await givenAccount(live, { name: 'alice' });
    const data = new Uint8Array(300_000).fill(42);
    expect((await live.objects.put({ owner: 'alice', id: anObjectId(1), data, createdAt: T0 }, 1 << 30)).ok).toBe(true);
    await live.close();

    expect((await cli.run(['admin', 'backup', backupFile])).code).toBe(0);
    currentDir = join(otherDir, 'restored');
    expect((await cli.run(['admin', 'restore', backupFile])).code).toBe(0);

    const restored = openSqliteStorage({ file: sqliteFileIn(currentDir) });
    try {
      expect(Buffer.from((await restored.objects.get('alice', anObjectId(1)))?.data ?? []).equals(data)).toBe(true);
    } finally {
      await restored.close();
    }
  });

  it('refuses a file that is not a sound starbase database, and touches nothing', async () => {
    const garbage = join(otherDir, 'garbage.sqlite');
    writeFileSync(garbage, 'not a database at all '.repeat(300));
    currentDir = join(otherDir, 'target');
    const run = await cli.run(['admin', 'restore', garbage]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('is not a usable backup');
    expect(existsSync(sqliteFileIn(currentDir))).toBe(false);
    expect((await cli.run(['admin', 'restore', join(otherDir, 'missing.sqlite')])).code).toBe(1);
  });

  it('refuses to overwrite an existing backup file without --force', async () => {
    const seeded = await openSqliteServer(liveDir);
    await seeded.server.close();
    const backupFile = join(otherDir, 'backup.sqlite');
    expect((await cli.run(['admin', 'backup', backupFile])).code).toBe(0);
    const again = await cli.run(['admin', 'backup', backupFile]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('exists');
    expect(parseJson(await cli.run(['admin', 'backup', backupFile, '--force', '--json']))).toMatchObject({ accounts: 0 });
  });

  it('explains that backup covers SQLite storage, and needs exactly one file argument', async () => {
    const mongo = await cli.run(['admin', 'backup', 'x.sqlite'], {
      STARBASE_STORAGE: 'mongodb',
      STARBASE_MONGODB_URL: 'mongodb://127.0.0.1:1/starbase',
    });
    expect(mongo.code).toBe(1);
    expect(mongo.stderr).toContain('mongodump');
    expect((await cli.run(['admin', 'backup'])).code).toBe(2);
    expect((await cli.run(['admin', 'restore', 'a', 'b'])).code).toBe(2);
  });
});
