import { aMessageEnvelope, API } from '../http/http-test-client';
import { freshDataDir, openSqliteServer, parseJson, removeDir, useCli } from './cli-harness';

interface SummaryJson {
  name: string;
  createdAt: string;
  lastSeenAt: string | null;
  disabled: boolean;
  blobBytes: number;
  inboxItems: number;
  inboxBytes: number;
  dropTokens: number;
}

describe('starbase admin accounts', () => {
  let dataDir: string;
  let aliceAuthKey: string;
  const cli = useCli(() => dataDir);

  /** alice with two drop tokens and two items in her inbox; bob registered only. */
  beforeEach(async () => {
    dataDir = freshDataDir();
    const { server, client } = await openSqliteServer(dataDir);
    const alice = await client.signUp('alice');
    aliceAuthKey = alice.authKey;
    const token = await client.issueDropToken(alice);
    await client.issueDropToken(alice);
    for (let i = 0; i < 2; i += 1) {
      await client.request('POST', `${API}/users/alice/drops`, { token: token.token, body: { envelope: aMessageEnvelope(100) } });
    }
    await client.register('bob');
    await server.close();
  });
  afterEach(() => removeDir(dataDir));

  it('lists every account with its business data as a table', async () => {
    const run = await cli.run(['admin', 'accounts', 'list']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const [header, ...rows] = run.stdout.trim().split('\n');
    expect(header?.split(/\s{2,}/)).toEqual(['NAME', 'CREATED', 'LAST SEEN', 'STATUS', 'BLOB', 'INBOX', 'INBOX SIZE', 'TOKENS']);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^alice\s+\d{4}-\d\d-\d\d \d\d:\d\dZ\s+\d{4}-\d\d-\d\d \d\d:\d\dZ\s+active\s+80 B\s+2\s+\d+ B\s+2$/);
    expect(rows[1]).toMatch(/^bob\s+\S+ \S+\s+never\s+active\s+80 B\s+0\s+0 B\s+0$/);
  });

  it('lists accounts as JSON for scripts, without any secret', async () => {
    const run = await cli.run(['admin', 'accounts', 'list', '--json']);
    expect(run.code).toBe(0);
    const accounts = parseJson<SummaryJson[]>(run);
    expect(accounts.map((account) => account.name)).toEqual(['alice', 'bob']);
    expect(accounts[0]).toMatchObject({ disabled: false, blobBytes: 80, inboxItems: 2, dropTokens: 2 });
    expect(accounts[0]?.inboxBytes).toBeGreaterThan(200);
    expect(new Date(accounts[0]?.createdAt ?? '').getTime()).toBeGreaterThan(0);
    expect(accounts[1]?.lastSeenAt).toBeNull();
    expect(run.stdout).not.toMatch(/authHash|salt|scrypt|hash/i);
  });

  it('shows one account in detail, with its drop tokens but no hashes', async () => {
    const table = await cli.run(['admin', 'accounts', 'show', 'alice']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^name:\s+alice$/m);
    expect(table.stdout).toMatch(/^inbox:\s+2 items, \d+ B$/m);
    expect(table.stdout).toMatch(/^kdf:\s+argon2id m=65536 KiB t=3 p=1$/m);
    expect(table.stdout).toMatch(/^TOKEN ID\s+CREATED\s+LAST USED\s+USES$/m);

    const json = parseJson<Record<string, unknown>>(await cli.run(['admin', 'accounts', 'show', 'alice', '--json']));
    expect(json).toMatchObject({ name: 'alice', inboxItems: 2, dropTokens: 2, kdf: { memoryKiB: 65536, iterations: 3, parallelism: 1 } });
    // Both tokens are made within one millisecond, so their listed order is not part of the contract.
    expect(json.dropTokenList).toHaveLength(2);
    expect(json.dropTokenList).toEqual(expect.arrayContaining([expect.objectContaining({ uses: 2 }), expect.objectContaining({ uses: 0, lastUsedAt: null })]));
    expect(JSON.stringify(json)).not.toMatch(/authHash|salt|"hash"/);
  });

  it('fails with exit 1 and a message on stderr for an unknown account', async () => {
    const run = await cli.run(['admin', 'accounts', 'show', 'nobody']);
    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(run.stderr).toContain('no account named "nobody"');
  });

  it('disables an account so it cannot log in, and enables it again', async () => {
    const disabled = await cli.run(['admin', 'accounts', 'disable', 'alice']);
    expect(disabled.code).toBe(0);
    expect(disabled.stdout.trim()).toBe('alice: disabled (1 session ended)');
    expect(parseJson<SummaryJson[]>(await cli.run(['admin', 'accounts', 'list', '--json']))[0]?.disabled).toBe(true);

    const { server, client } = await openSqliteServer(dataDir);
    expect((await client.request('GET', `${API}/users/alice/profile`)).statusCode).toBe(404);
    await server.close();

    const enabled = await cli.run(['admin', 'accounts', 'enable', 'alice', '--json']);
    expect(parseJson(enabled)).toEqual({ name: 'alice', disabled: false, sessionsRevoked: 0 });
    const again = await openSqliteServer(dataDir);
    expect((await again.client.request('GET', `${API}/users/alice/profile`)).statusCode).toBe(200);
    await again.server.close();
  });

  it('ends the open sessions of an account it disables, while the server runs', async () => {
    const server = await cli.serve();
    try {
      const login = await fetch(`${server.url}${API}/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'alice', authKey: aliceAuthKey }),
      });
      const { token } = (await login.json()) as { token: string };
      const readBlob = () => fetch(`${server.url}${API}/blob`, { headers: { authorization: `Bearer ${token}` } });
      expect((await readBlob()).status).toBe(200);

      const run = await cli.run(['admin', 'accounts', 'disable', 'alice', '--json']);
      expect(parseJson(run)).toEqual({ name: 'alice', disabled: true, sessionsRevoked: 2 });
      expect((await readBlob()).status).toBe(401);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });

  it('refuses to delete without --yes when nobody can be asked (exit 2), and deletes with it', async () => {
    const refused = await cli.run(['admin', 'accounts', 'delete', 'alice']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('add --yes to confirm');
    expect(parseJson<SummaryJson[]>(await cli.run(['admin', 'accounts', 'list', '--json']))).toHaveLength(2);

    const deleted = await cli.run(['admin', 'accounts', 'delete', 'alice', '--yes']);
    expect(deleted).toMatchObject({ code: 0, stdout: 'alice: deleted\n' });
    expect(parseJson<SummaryJson[]>(await cli.run(['admin', 'accounts', 'list', '--json'])).map((a) => a.name)).toEqual(['bob']);
    expect((await cli.run(['admin', 'accounts', 'delete', 'alice', '--yes'])).code).toBe(1);
  });

  it('tells usage errors (exit 2) from failures (exit 1)', async () => {
    expect((await cli.run(['admin', 'accounts', 'show'])).code).toBe(2);
    expect((await cli.run(['admin', 'accounts', 'list', '--bogus'])).code).toBe(2);
    expect((await cli.run(['admin', 'accounts', 'frobnicate'])).code).toBe(2);
    const badConfig = await cli.run(['admin', 'accounts', 'list', '--port=http']);
    expect(badConfig.code).toBe(2);
    expect(badConfig.stderr).toContain('STARBASE_PORT');
    const memory = await cli.run(['admin', 'accounts', 'list'], { STARBASE_STORAGE: 'memory' });
    expect(memory.code).toBe(1);
    expect(memory.stderr).toContain('nothing to administer');
    const elsewhere = await cli.run(['admin', 'accounts', 'list', `--data-dir=${dataDir}/missing`]);
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.stderr).toContain('no database at');
  });
});
