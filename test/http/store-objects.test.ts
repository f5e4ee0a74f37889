import { randomBytes } from 'node:crypto';
import { API, b64u, expectProblem, randomB64u, SignedUp } from './http-test-client';
import { useTestServer } from './use-test-server';

const OCTETS = { 'content-type': 'application/octet-stream' };
const anId = (): string => b64u(randomBytes(16));

describe('the user store (PROTOCOL §8)', () => {
  // Small limits so quotas are reached with small bodies. The head starts at 80 bytes.
  const served = useTestServer({ config: { objectBytes: 2048, storeBytes: 8192, blobBytes: 4096 } });
  let counter = 0;
  const fresh = (): Promise<SignedUp> => served.client.signUp(`keeper-${++counter}`);
  const putObject = (owner: SignedUp, id: string, bytes: Buffer, headers: Record<string, string> = OCTETS) =>
    served.client.request('PUT', `${API}/store/objects/${id}`, { token: owner.token, payload: bytes, headers });
  const getObject = (owner: SignedUp, id: string, headers: Record<string, string> = {}) =>
    served.client.request('GET', `${API}/store/objects/${id}`, { token: owner.token, headers });
  const writeHead = (owner: SignedUp, version: number, objects?: unknown, ciphertext = randomB64u(80)) =>
    served.client.request('PUT', `${API}/blob`, {
      token: owner.token,
      body: objects === undefined ? { ciphertext } : { ciphertext, objects },
      headers: { 'if-match': `"${version}"` },
    });

  describe('PUT /store/objects/{id}', () => {
    it('stages raw bytes (201), answers the same bytes again with 200 and other bytes with 409 object_exists', async () => {
      const alice = await fresh();
      const id = anId();
      const bytes = randomBytes(1000);
      const first = await putObject(alice, id, bytes);
      expect(first.statusCode).toBe(201);
      expect(first.json()).toEqual({ id, bytes: 1000 });
      const retry = await putObject(alice, id, Buffer.from(bytes));
      expect(retry.statusCode).toBe(200);
      expect(retry.json()).toEqual({ id, bytes: 1000 });
      expectProblem(await putObject(alice, id, randomBytes(1000)), 409, 'object_exists');
    });

    it('takes an empty object', async () => {
      const alice = await fresh();
      const response = await putObject(alice, anId(), Buffer.alloc(0));
      expect(response.statusCode).toBe(201);
      expect(response.json()).toMatchObject({ bytes: 0 });
    });

    it('answers 413 payload_too_large past objectBytes', async () => {
      const alice = await fresh();
      expectProblem(await putObject(alice, anId(), randomBytes(2049)), 413, 'payload_too_large');
      expect((await putObject(alice, anId(), randomBytes(2048))).statusCode).toBe(201);
    });

    it('answers 507 store_full once head + objects would pass storeBytes', async () => {
      const alice = await fresh();
      for (let i = 0; i < 3; i++) expect((await putObject(alice, anId(), randomBytes(2048))).statusCode).toBe(201);
      // 80 (head) + 3 × 2048 = 6224; 2048 more would be 8272 > 8192.
      expectProblem(await putObject(alice, anId(), randomBytes(2048)), 507, 'store_full');
      expect((await putObject(alice, anId(), randomBytes(1968))).statusCode).toBe(201);
    });

    it.each([
      ['application/json', JSON.stringify({ bytes: 'AAAA' })],
      ['text/plain', 'hello'],
      ['application/x-www-form-urlencoded', 'a=b'],
    ])('answers %s with 415 unsupported_media_type', async (type, body) => {
      const alice = await fresh();
      expectProblem(await putObject(alice, anId(), Buffer.from(body), { 'content-type': type }), 415, 'unsupported_media_type');
    });

    it('answers a PUT without a body or content type with 415', async () => {
      const alice = await fresh();
      const response = await served.client.request('PUT', `${API}/store/objects/${anId()}`, { token: alice.token });
      expectProblem(response, 415, 'unsupported_media_type');
    });

    it.each(['short', 'a'.repeat(23), 'has+plus/and=padding=', 'x'.repeat(21) + '!'])('answers the id %s with 400', async (id) => {
      const alice = await fresh();
      expectProblem(await putObject(alice, encodeURIComponent(id), randomBytes(10)), 400, 'validation_failed');
    });

    it('needs a session: 401 without one', async () => {
      const response = await served.client.request('PUT', `${API}/store/objects/${anId()}`, { payload: randomBytes(10), headers: OCTETS });
      expectProblem(response, 401, 'unauthorized');
    });
  });

  describe('GET /store/objects/{id}', () => {
    it('returns the bytes with an ETag, immutable caching, and 304 for a matching If-None-Match', async () => {
      const alice = await fresh();
      const id = anId();
      const bytes = randomBytes(1500);
      await putObject(alice, id, bytes);
      const read = await getObject(alice, id);
      expect(read.statusCode).toBe(200);
      expect(read.headers['content-type']).toBe('application/octet-stream');
      expect(read.headers['cache-control']).toBe('private, max-age=31536000, immutable');
      expect(read.headers.etag).toBe(`"${id}"`);
      expect(Buffer.compare(read.rawPayload, bytes)).toBe(0);
      const again = await getObject(alice, id, { 'if-none-match': `"${id}"` });
      expect(again.statusCode).toBe(304);
      expect(again.rawPayload.length).toBe(0);
    });

    it("answers 404 for an unknown id and for another account's object alike", async () => {
      const alice = await fresh();
      const bob = await fresh();
      const id = anId();
      await putObject(alice, id, randomBytes(10));
      const unknown = expectProblem(await getObject(bob, anId()), 404, 'not_found');
      const foreign = expectProblem(await getObject(bob, id), 404, 'not_found');
      expect(foreign).toEqual(unknown);
    });
  });

  describe('DELETE /store/objects/{id}', () => {
    it('deletes a staged object (204), refuses a committed one with 409 object_committed, then 404', async () => {
      const alice = await fresh();
      const staged = anId();
      const committed = anId();
      await putObject(alice, staged, randomBytes(10));
      await putObject(alice, committed, randomBytes(10));
      expect((await writeHead(alice, 1, { commit: [committed] })).statusCode).toBe(200);
      expect((await served.client.request('DELETE', `${API}/store/objects/${staged}`, { token: alice.token })).statusCode).toBe(204);
      expectProblem(await served.client.request('DELETE', `${API}/store/objects/${staged}`, { token: alice.token }), 404, 'not_found');
      expectProblem(await served.client.request('DELETE', `${API}/store/objects/${committed}`, { token: alice.token }), 409, 'object_committed');
      expect((await getObject(alice, committed)).statusCode).toBe(200);
    });
  });

  describe('GET /store/objects', () => {
    it('lists by id a page at a time, by state or both', async () => {
      const alice = await fresh();
      const ids = [anId(), anId(), anId(), anId()].sort();
      for (const id of ids) await putObject(alice, id, randomBytes(5));
      await writeHead(alice, 1, { commit: [ids[1], ids[3]] });
      const list = (query: string) => served.client.request('GET', `${API}/store/objects${query}`, { token: alice.token });
      const first = await list('?limit=3');
      expect(first.statusCode).toBe(200);
      const page = first.json<{ items: { id: string; state: string; bytes: number; createdAt: number }[]; next: string | null }>();
      expect(page.items.map((item) => [item.id, item.state, item.bytes])).toEqual([
        [ids[0], 'staged', 5],
        [ids[1], 'committed', 5],
        [ids[2], 'staged', 5],
      ]);
      expect(page.items[0]?.createdAt).toEqual(expect.any(Number));
      expect(page.next).toBe(ids[2]);
      expect((await list(`?limit=3&after=${page.next}`)).json()).toMatchObject({ items: [{ id: ids[3] }], next: null });
      expect((await list('?state=committed')).json()).toMatchObject({ items: [{ id: ids[1] }, { id: ids[3] }], next: null });
      expect((await list('?state=staged')).json()).toMatchObject({ items: [{ id: ids[0] }, { id: ids[2] }], next: null });
    });

    it.each(['?state=dropped', '?limit=0', '?limit=1001', '?after=nope', '?token=abc'])('answers %s with 400', async (query) => {
      const alice = await fresh();
      expectProblem(await served.client.request('GET', `${API}/store/objects${query}`, { token: alice.token }), 400, 'validation_failed');
    });
  });

  describe('PUT /blob with objects (PROTOCOL §8.2)', () => {
    it('commits and releases with the head in one step', async () => {
      const alice = await fresh();
      const [a, b] = [anId(), anId()];
      await putObject(alice, a, randomBytes(10));
      await putObject(alice, b, randomBytes(10));
      expect((await writeHead(alice, 1, { commit: [a, b] })).json()).toEqual({ version: 2 });
      expect((await writeHead(alice, 2, { release: [a] })).json()).toEqual({ version: 3 });
      expect((await getObject(alice, a)).statusCode).toBe(404);
      expect((await getObject(alice, b)).statusCode).toBe(200);
    });

    it('answers 409 object_missing with every missing id, and changes neither head nor objects', async () => {
      const alice = await fresh();
      const bob = await fresh();
      const [mine, bobs, none] = [anId(), anId(), anId()];
      await putObject(alice, mine, randomBytes(10));
      await putObject(bob, bobs, randomBytes(10));
      const before = (await served.client.request('GET', `${API}/blob`, { token: alice.token })).json();
      const problem = expectProblem(await writeHead(alice, 1, { commit: [mine, bobs], claim: [none] }), 409, 'object_missing');
      expect([...(problem.missing as string[])].sort()).toEqual([bobs, none].sort());
      expect((await served.client.request('GET', `${API}/blob`, { token: alice.token })).json()).toEqual(before);
      expect((await served.client.request('DELETE', `${API}/store/objects/${mine}`, { token: alice.token })).statusCode).toBe(204);
    });

    it('checks the version first: a stale write is 412 even when its objects are missing', async () => {
      const alice = await fresh();
      const problem = expectProblem(await writeHead(alice, 5, { commit: [anId()] }), 412, 'version_conflict');
      expect(problem.currentVersion).toBe(1);
      expectProblem(
        await served.client.request('PUT', `${API}/blob`, { token: alice.token, body: { ciphertext: randomB64u(8), objects: { commit: [anId()] } } }),
        428,
        'precondition_required',
      );
    });

    it('answers 507 store_full when the new head would pass storeBytes, and lets a head that fits through', async () => {
      const alice = await fresh();
      for (let i = 0; i < 3; i++) await putObject(alice, anId(), randomBytes(2048));
      // 3 × 2048 + 2100 > 8192.
      expectProblem(await writeHead(alice, 1, { commit: [] }, randomB64u(2100)), 507, 'store_full');
      expectProblem(await writeHead(alice, 1, undefined, randomB64u(2100)), 507, 'store_full');
      expect((await writeHead(alice, 1, undefined, randomB64u(40))).statusCode).toBe(200);
    });

    it.each([
      ['an id in two lists', (id: string) => ({ commit: [id], release: [id] })],
      ['an unknown list', (id: string) => ({ commit: [id], keep: [id] })],
      ['a malformed id', () => ({ commit: ['not-an-object-id'] })],
      ['1001 ids in one list', () => ({ release: Array.from({ length: 1001 }, anId) })],
    ])('answers %s with 400', async (_what, objects) => {
      const alice = await fresh();
      expectProblem(await writeHead(alice, 1, objects(anId())), 400, 'validation_failed');
    });

    it('keeps version 1 writes (no objects) exactly as they were', async () => {
      const alice = await fresh();
      const ciphertext = randomB64u(100);
      expect((await writeHead(alice, 1, undefined, ciphertext)).json()).toEqual({ version: 2 });
      expect((await served.client.request('GET', `${API}/blob`, { token: alice.token })).json()).toEqual({ version: 2, ciphertext });
    });
  });

  it('removes the store with the account', async () => {
    const alice = await fresh();
    const id = anId();
    await putObject(alice, id, randomBytes(10));
    const deleted = await served.client.request('DELETE', `${API}/account`, { token: alice.token, body: { authKey: alice.authKey } });
    expect(deleted.statusCode).toBe(204);
    expect(await served.server.storage.objects.usage(alice.name)).toEqual({ objects: 0, bytes: 0 });
    expect(await served.server.storage.objects.get(alice.name, id)).toBeNull();
  });
});
