import { aRegistrationBody, API } from '../http/http-test-client';
import { freshDataDir, openSqliteServer, parseJson, removeDir, useCli } from './cli-harness';

interface CreatedJson {
  id: string;
  code: string;
  expiresAt: string | null;
}

interface InviteJson {
  id: string;
  status: 'unused' | 'redeemed' | 'expired';
  redeemedAt: string | null;
}

describe('starbase admin invites', () => {
  let dataDir: string;
  const cli = useCli(() => dataDir);

  beforeEach(async () => {
    dataDir = freshDataDir();
    const { server } = await openSqliteServer(dataDir, { registration: 'invite' });
    await server.close();
  });
  afterEach(() => removeDir(dataDir));

  const registerWith = async (name: string, invite: string | undefined): Promise<number> => {
    const { server, client } = await openSqliteServer(dataDir, { registration: 'invite' });
    try {
      const body = { ...aRegistrationBody(name), ...(invite === undefined ? {} : { invite }) };
      return (await client.request('POST', `${API}/accounts`, { body })).statusCode;
    } finally {
      await server.close();
    }
  };

  it('creates codes that each let exactly one registration through on an invite-only server', async () => {
    const run = await cli.run(['admin', 'invites', 'create', '--count', '2', '--json'], { STARBASE_REGISTRATION: 'invite' });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const [first, second] = parseJson<CreatedJson[]>(run);
    expect(first?.code).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(second?.code).not.toBe(first?.code);

    expect(await registerWith('alice', first?.code)).toBe(201);
    expect(await registerWith('bob', first?.code)).toBe(403);
    expect(await registerWith('bob', undefined)).toBe(403);
    expect(await registerWith('bob', second?.code)).toBe(201);
  });

  it('lists invites with their status, never their codes', async () => {
    const created = parseJson<CreatedJson[]>(await cli.run(['admin', 'invites', 'create', '--count=3', '--expires=12h', '--json']));
    expect(await registerWith('alice', created[1]?.code)).toBe(201);

    const listed = await cli.run(['admin', 'invites', 'list', '--json']);
    const invites = parseJson<InviteJson[]>(listed);
    expect(invites.map((invite) => invite.status).sort()).toEqual(['redeemed', 'unused', 'unused']);
    expect(invites.find((invite) => invite.id === created[1]?.id)).toMatchObject({ status: 'redeemed', redeemedAt: expect.any(String) });
    for (const invite of created) expect(listed.stdout).not.toContain(invite.code);

    const table = await cli.run(['admin', 'invites', 'list']);
    expect(table.code).toBe(0);
    const [header, ...rows] = table.stdout.trim().split('\n');
    expect(header?.split(/\s{2,}/)).toEqual(['ID', 'STATUS', 'CREATED', 'EXPIRES', 'REDEEMED']);
    expect(rows.filter((row) => /\sunused\s/.test(row))).toHaveLength(2);
  });

  it('prints new codes as a table with their expiry, and warns when registration is not invite-only', async () => {
    const run = await cli.run(['admin', 'invites', 'create', '--expires', 'never'], { STARBASE_REGISTRATION: 'open' });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^CODE\s+EXPIRES\n[A-Za-z0-9_-]{22}\s+never\n$/);
    expect(run.stderr).toContain('STARBASE_REGISTRATION is open');
  });

  it('rejects a bad count or duration with exit 2 and creates nothing', async () => {
    for (const args of [['--count', '0'], ['--count', 'many'], ['--expires', '7 days'], ['--expires']]) {
      const run = await cli.run(['admin', 'invites', 'create', ...args]);
      expect({ args, code: run.code }).toEqual({ args, code: 2 });
    }
    expect((await cli.run(['admin', 'invites', 'list'])).stdout.trim()).toBe('no invites');
  });
});
