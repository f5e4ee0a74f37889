import { openSqliteStorage, sqliteFileIn } from '../../src/adapters/storage/sqlite/sqlite-storage';
import { aCaptcha, aSession } from '../support/builders';
import { TEST_EPOCH_MS } from '../support/fakes';
import { aMessageEnvelope, API } from '../http/http-test-client';
import { freshDataDir, openSqliteServer, parseJson, removeDir, useCli } from './cli-harness';

describe('starbase admin purge and stats', () => {
  let dataDir: string;
  const cli = useCli(() => dataDir);

  beforeEach(async () => {
    dataDir = freshDataDir();
    const { server, client } = await openSqliteServer(dataDir);
    const alice = await client.signUp('alice');
    const token = await client.issueDropToken(alice);
    await client.request('POST', `${API}/users/alice/drops`, { token: token.token, body: { envelope: aMessageEnvelope(100) } });
    await client.register('bob');
    await server.close();
  });
  afterEach(() => removeDir(dataDir));

  it('purges expired captchas and sessions and keeps live ones', async () => {
    const storage = openSqliteStorage({ file: sqliteFileIn(dataDir) });
    const farFuture = Date.now() + 3_600_000;
    await storage.sessions.create(aSession({ jti: 'old-1', name: 'bob', expiresAt: TEST_EPOCH_MS }));
    await storage.sessions.create(aSession({ jti: 'old-2', name: 'bob', expiresAt: TEST_EPOCH_MS + 1 }));
    await storage.sessions.create(aSession({ jti: 'live', name: 'bob', expiresAt: farFuture }));
    await storage.captchas.save(aCaptcha({ id: 'old-captcha', expiresAt: TEST_EPOCH_MS }));
    await storage.captchas.save(aCaptcha({ id: 'live-captcha', expiresAt: farFuture }));
    await storage.close();

    const run = await cli.run(['admin', 'purge']);
    expect(run).toMatchObject({ code: 0, stdout: 'purged 1 expired captchas, 2 expired sessions, 0 expired staged objects, 0 inbox items and 0 dropped objects past the retention\n' });
    expect(parseJson(await cli.run(['admin', 'purge', '--json']))).toEqual({ captchas: 0, sessions: 0, stagedObjects: 0, inboxItems: 0, droppedObjects: 0 });

    const after = openSqliteStorage({ file: sqliteFileIn(dataDir) });
    expect(await after.sessions.findActive('live', Date.now())).not.toBeNull();
    expect(await after.captchas.find('live-captcha')).not.toBeNull();
    await after.close();
  });

  it('shows storage totals as a table and as JSON', async () => {
    await cli.run(['admin', 'invites', 'create', '--count', '3']);
    await cli.run(['admin', 'accounts', 'disable', 'bob']);

    const table = await cli.run(['admin', 'stats']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^storage:\s+sqlite \(.+\)$/m);
    expect(table.stdout).toMatch(/^accounts:\s+2 \(1 disabled\)$/m);
    expect(table.stdout).toMatch(/^blobs:\s+160 B$/m);
    expect(table.stdout).toMatch(/^inbox items:\s+1$/m);
    expect(table.stdout).toMatch(/^unused invites:\s+3$/m);
    expect(table.stdout).toMatch(/^dropped objects:\s+0$/m);

    const json = parseJson<Record<string, unknown>>(await cli.run(['admin', 'stats', '--json']));
    expect(json).toEqual({
      storage: 'sqlite',
      accounts: 2,
      disabledAccounts: 1,
      blobBytes: 160,
      inboxItems: 1,
      inboxBytes: expect.any(Number),
      dropTokens: 1,
      storeObjects: 0,
      storeObjectBytes: 0,
      droppedObjects: 0,
      droppedObjectBytes: 0,
      unusedInvites: 3,
    });
    expect(json.inboxBytes).toBeGreaterThan(100);
  });

  it('takes no arguments (exit 2)', async () => {
    expect((await cli.run(['admin', 'stats', 'extra'])).code).toBe(2);
    expect((await cli.run(['admin', 'purge', '--yes'])).code).toBe(2);
  });
});
