import { API, HttpTestClient, SignedUp } from '../../http/http-test-client';
import { HardeningServer, startHardeningServer } from '../support/hardening-server';
import { fetchJson } from '../support/fetch-client';

const WRITERS = 8;
const WRITES_EACH = 6;

interface Document {
  readonly entries: string[];
}

const encode = (document: Document): string => Buffer.from(JSON.stringify(document)).toString('base64url');
const decode = (ciphertext: string): Document => {
  const text = Buffer.from(ciphertext, 'base64url').toString('utf8');
  return text === '' ? { entries: [] } : (JSON.parse(text) as Document);
};

/**
 * PROTOCOL §5/§6: the blob is a compare-and-set register. Many devices of one user write at once
 * over real HTTP; each loser gets 412 with the current version, re-reads, merges, retries.
 */
describe.each(['memory', 'sqlite'] as const)('many clients of one user writing the blob at once (%s)', (storage) => {
  let server: HardeningServer;
  let owner: SignedUp;

  beforeAll(async () => {
    server = await startHardeningServer({ storage, listen: true });
    owner = await new HttpTestClient(server.app).signUp('busy-owner');
    // Registration's blob is not a document of ours: start from an empty one.
    const first = await fetchJson<{ version: number }>(`${server.url}${API}/blob`, { token: owner.token });
    const reset = await fetchJson(`${server.url}${API}/blob`, {
      method: 'PUT',
      token: owner.token,
      headers: { 'if-match': `"${first.body.version}"` },
      body: { ciphertext: encode({ entries: [] }) },
    });
    expect(reset.status).toBe(200);
  });
  afterAll(() => server.close());

  const read = async (): Promise<{ version: number; document: Document }> => {
    const answer = await fetchJson<{ version: number; ciphertext: string }>(`${server.url}${API}/blob`, { token: owner.token });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('etag')).toBe(`"${answer.body.version}"`);
    return { version: answer.body.version, document: decode(answer.body.ciphertext) };
  };

  it('loses no update: every loser gets 412 with the current version, merges and succeeds', async () => {
    const startVersion = (await read()).version;
    const conflicts: Array<{ sent: number; current: number }> = [];

    const writer = async (id: number) => {
      let { version, document } = await read();
      let written = 0;
      while (written < WRITES_EACH) {
        const merged: Document = { entries: [...document.entries, `writer-${id}/${written}`] };
        const answer = await fetchJson<{ version?: number; currentVersion?: number; code?: string }>(`${server.url}${API}/blob`, {
          method: 'PUT',
          token: owner.token,
          headers: { 'if-match': `"${version}"` },
          body: { ciphertext: encode(merged) },
        });
        if (answer.status === 200) {
          expect(answer.body.version).toBe(version + 1);
          ({ version, document } = { version: version + 1, document: merged });
          written += 1;
          continue;
        }
        expect(answer.status).toBe(412);
        expect(answer.body.code).toBe('version_conflict');
        conflicts.push({ sent: version, current: answer.body.currentVersion ?? -1 });
        ({ version, document } = await read());
      }
    };

    await Promise.all(Array.from({ length: WRITERS }, (_, id) => writer(id)));

    const final = await read();
    expect(final.version).toBe(startVersion + WRITERS * WRITES_EACH);
    const expected = Array.from({ length: WRITERS }, (_, id) => Array.from({ length: WRITES_EACH }, (__, n) => `writer-${id}/${n}`)).flat();
    expect([...final.document.entries].sort()).toEqual(expected.sort());
    expect(conflicts.length).toBeGreaterThan(0);
    for (const conflict of conflicts) expect(conflict.current).toBeGreaterThan(conflict.sent);
  });
});
