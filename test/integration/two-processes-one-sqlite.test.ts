import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleServer, RunningServer, startServerProcess } from '../hardening/crash/server-process';
import { fetchJson } from '../hardening/support/fetch-client';
import { aMessageEnvelope, aRegistrationBody, API } from '../http/http-test-client';

/*
 * Two `starbase serve` processes on one SQLite file (WAL). docs/scaling.md explains why this is
 * not an offered mode (event streams and rate limits stay per process, and writes do not scale);
 * this shows the part that does hold: the data. Drops taken by either process land in one inbox,
 * and the inbox quota stays exact, because the check and the insert share SQLite's file-wide
 * write lock whichever process holds it.
 */

const INBOX_ITEMS = 40;
const DROPS = 100;

describe('two server processes on one SQLite file', () => {
  let dir: string;
  const servers: RunningServer[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'starbase-two-processes-'));
    const bundle = bundleServer(join(dir, 'build'));
    const env = { STARBASE_INBOX_ITEMS: String(INBOX_ITEMS) };
    // One after the other: the first creates and migrates the file.
    servers.push(await startServerProcess(bundle, join(dir, 'data'), env));
    servers.push(await startServerProcess(bundle, join(dir, 'data'), env));
  }, 60_000);

  afterAll(async () => {
    for (const server of servers) await server.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores drops taken by either process in one inbox, within the quota exactly', async () => {
    const [a, b] = servers as [RunningServer, RunningServer];
    const registration = aRegistrationBody('shared');
    expect((await fetchJson(`${a.url}${API}/accounts`, { method: 'POST', body: registration })).status).toBe(201);
    // Logged in on B: the session made by one process is valid on the other.
    const session = await fetchJson<{ token: string }>(`${b.url}${API}/sessions`, { method: 'POST', body: { name: 'shared', authKey: registration.authKey } });
    const tokens = await Promise.all(
      [a, b, a, b].map(async (server) => (await fetchJson<{ token: string }>(`${server.url}${API}/drop-tokens`, { method: 'POST', token: session.body.token })).body.token),
    );

    const answers = await Promise.all(
      Array.from({ length: DROPS }, (_, i) =>
        fetchJson<{ id: string }>(`${(i % 2 === 0 ? a : b).url}${API}/users/shared/drops`, {
          method: 'POST',
          token: tokens[i % tokens.length],
          body: { envelope: aMessageEnvelope() },
        }),
      ),
    );

    const accepted = answers.filter((answer) => answer.status === 202);
    expect(accepted).toHaveLength(INBOX_ITEMS);
    expect(answers.filter((answer) => answer.status === 507)).toHaveLength(DROPS - INBOX_ITEMS);
    for (const server of [a, b]) {
      const page = await fetchJson<{ items: { id: string }[] }>(`${server.url}${API}/inbox?limit=500`, { token: session.body.token });
      expect(page.body.items.map((item) => item.id).sort()).toEqual(accepted.map((answer) => answer.body.id).sort());
    }
  }, 60_000);
});
