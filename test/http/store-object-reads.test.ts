import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, unlinkSync } from 'node:fs';
import { IncomingMessage, request } from 'node:http';
import { join } from 'node:path';
import { objectsDirOf } from '../../src/adapters/storage/sqlite/sqlite-object-files';
import { sqliteFileIn } from '../../src/adapters/storage/sqlite/sqlite-storage';
import { API, b64u, expectProblem, SignedUp } from './http-test-client';
import { useTestServer } from './use-test-server';

const OCTETS = { 'content-type': 'application/octet-stream' };
const MiB = 1024 * 1024;
const anId = (): string => b64u(randomBytes(16));

/** A GET over a real socket whose body is read only once `resume` is called: the server cannot send it all before. */
const slowGet = (url: string, token: string): Promise<{ response: IncomingMessage; resume: () => Promise<Buffer> }> =>
  new Promise((resolve, reject) => {
    const sent = request(url, { headers: { authorization: `Bearer ${token}` }, agent: false }, (response) =>
      resolve({
        response,
        resume: () =>
          new Promise((done, failed) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () => done(Buffer.concat(chunks)));
            response.on('error', failed);
          }),
      }),
    );
    sent.on('error', reject);
    sent.end();
  });

describe('GET /store/objects/{id} on SQLite, whose bytes are read into reused buffers', () => {
  // Objects far larger than what the loopback socket buffers hold, so a response waits on its reader.
  const served = useTestServer({ storage: 'sqlite', listen: true, config: { objectBytes: 12 * MiB, storeBytes: 256 * MiB } });
  let counter = 0;
  const fresh = (): Promise<SignedUp> => served.client.signUp(`reader-${++counter}`);
  const putObject = async (owner: SignedUp, bytes: Buffer): Promise<string> => {
    const id = anId();
    const put = await served.client.request('PUT', `${API}/store/objects/${id}`, { token: owner.token, payload: bytes, headers: OCTETS });
    expect(put.statusCode).toBe(201);
    return id;
  };
  const getObject = (owner: SignedUp, id: string, headers: Record<string, string> = {}) =>
    served.client.request('GET', `${API}/store/objects/${id}`, { token: owner.token, headers });
  const urlOf = (id: string): string => `${served.server.url}${API}/store/objects/${id}`;
  /** Unlinks the file holding `bytes`, as the deletion of its row does after a GET has read the row. */
  const unlinkFileOf = (bytes: Buffer): void => {
    const dir = objectsDirOf(sqliteFileIn(served.server.config.dataDir))!;
    for (const shard of readdirSync(dir)) {
      for (const name of readdirSync(join(dir, shard))) {
        const path = join(dir, shard, name);
        if (readFileSync(path).equals(bytes)) return unlinkSync(path);
      }
    }
    throw new Error('no file holds these bytes');
  };

  it('never lends a buffer still being sent to a slow reader to another GET: the bytes of both arrive intact', async () => {
    const alice = await fresh();
    const slowBytes = randomBytes(12 * MiB);
    const quickBytes = randomBytes(12 * MiB);
    const slowId = await putObject(alice, slowBytes);
    const quickId = await putObject(alice, quickBytes);

    const slow = await slowGet(urlOf(slowId), alice.token);
    expect(slow.response.statusCode).toBe(200);
    // Reads of other objects of the same size while the first response still waits for its reader.
    for (let round = 0; round < 3; round++) {
      const quick = await fetch(urlOf(quickId), { headers: { authorization: `Bearer ${alice.token}` } });
      expect(Buffer.from(await quick.arrayBuffer()).equals(quickBytes)).toBe(true);
    }
    expect((await slow.resume()).equals(slowBytes)).toBe(true);
  });

  it('answers HEAD with the length and no body, and the next GET in full', async () => {
    const alice = await fresh();
    const bytes = randomBytes(2 * MiB);
    const id = await putObject(alice, bytes);
    const head = await fetch(urlOf(id), { method: 'HEAD', headers: { authorization: `Bearer ${alice.token}` } });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(bytes.length));
    expect((await head.arrayBuffer()).byteLength).toBe(0);
    const get = await fetch(urlOf(id), { headers: { authorization: `Bearer ${alice.token}` } });
    expect(Buffer.from(await get.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('answers 404 for an object deleted between its row and its file', async () => {
    const alice = await fresh();
    const bytes = randomBytes(MiB);
    const id = await putObject(alice, bytes);
    unlinkFileOf(bytes);
    expectProblem(await getObject(alice, id), 404, 'not_found');
  });

  it('answers a matching If-None-Match with 304 from the row alone, without reading the file', async () => {
    const alice = await fresh();
    const bytes = randomBytes(MiB);
    const id = await putObject(alice, bytes);
    unlinkFileOf(bytes);
    const unchanged = await getObject(alice, id, { 'if-none-match': `"${id}"` });
    expect(unchanged.statusCode).toBe(304);
    expect(unchanged.headers.etag).toBe(`"${id}"`);
    expect(unchanged.rawPayload.length).toBe(0);
    const unknown = anId();
    expectProblem(await getObject(alice, unknown, { 'if-none-match': `"${unknown}"` }), 404, 'not_found');
  });
});
