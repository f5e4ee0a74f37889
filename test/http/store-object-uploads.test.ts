import { randomBytes } from 'node:crypto';
import { API, b64u, expectProblem, randomB64u, SignedUp } from './http-test-client';
import { useTestServer } from './use-test-server';

const OCTETS = { 'content-type': 'application/octet-stream' };
const KiB = 1024;
const anId = (): string => b64u(randomBytes(16));

describe.each(['memory', 'sqlite'] as const)('uploads on %s, whose bodies are read into reused buffers', (storage) => {
  // Large enough bodies to be read into pooled buffers.
  const served = useTestServer({ storage, listen: true, config: { objectBytes: 256 * KiB, storeBytes: 16 * 1024 * KiB, inboxBytes: 16 * 1024 * KiB, tokenBytes: 16 * 1024 * KiB },
  });
  let counter = 0;
  const fresh = (): Promise<SignedUp> => served.client.signUp(`uploader-${++counter}`);
  const putObject = (owner: SignedUp, id: string, bytes: Buffer, headers: Record<string, string> = OCTETS) =>
    served.client.request('PUT', `${API}/store/objects/${id}`, { token: owner.token, payload: bytes, headers });
  const getObject = (owner: SignedUp, id: string) => served.client.request('GET', `${API}/store/objects/${id}`, { token: owner.token });

  /** Over a real socket, so bodies arrive in pieces and their reads interleave with other uploads' writes. */
  const send = async (method: 'PUT' | 'POST', path: string, token: string, bytes: Buffer): Promise<Response> => {
    const response = await fetch(`${served.server.url}${API}${path}`, {
      method,
      headers: { ...OCTETS, authorization: `Bearer ${token}` },
      body: new Uint8Array(bytes),
    });
    return response;
  };
  const upload = async (owner: SignedUp, id: string, bytes: Buffer): Promise<number> => {
    const response = await send('PUT', `/store/objects/${id}`, owner.token, bytes);
    await response.arrayBuffer();
    return response.status;
  };

  it('stores every one of many concurrent uploads of different bytes intact', async () => {
    const alice = await fresh();
    const uploads = Array.from({ length: 24 }, (_, index) => ({ id: anId(), bytes: randomBytes(index % 2 === 0 ? 256 * KiB : 200 * KiB) }));
    for (let round = 0; round < 3; round++) {
      const batch = uploads.slice(round * 8, round * 8 + 8);
      const statuses = await Promise.all(batch.map(({ id, bytes }) => upload(alice, id, bytes)));
      expect(statuses).toEqual(batch.map(() => 201));
    }
    for (const { id, bytes } of uploads) expect((await getObject(alice, id)).rawPayload.equals(bytes)).toBe(true);
  });

  it('stores every one of many concurrent drops of different bytes intact, as its owner claims them', async () => {
    const bob = await fresh();
    const { token } = await served.client.issueDropToken(bob);
    const chunks = Array.from({ length: 8 }, (_, index) => randomBytes(index % 2 === 0 ? 256 * KiB : 200 * KiB));
    const responses = await Promise.all(chunks.map((bytes) => send('POST', `/users/${bob.name}/objects`, token, bytes)));
    expect(responses.map((response) => response.status)).toEqual(chunks.map(() => 202));
    const ids = await Promise.all(responses.map(async (response) => ((await response.json()) as { id: string }).id));
    const claimed = await served.client.request('PUT', `${API}/blob`, {
      token: bob.token,
      body: { ciphertext: randomB64u(80), objects: { claim: ids } },
      headers: { 'if-match': '"1"' },
    });
    expect(claimed.statusCode).toBe(200);
    for (const [index, id] of ids.entries()) expect((await getObject(bob, id)).rawPayload.equals(chunks[index]!)).toBe(true);
  });

  it('answers a body shorter than its content-length with 400, and the uploads after it are intact', async () => {
    const alice = await fresh();
    const short = await putObject(alice, anId(), randomBytes(100 * KiB), { ...OCTETS, 'content-length': String(150 * KiB) });
    expect(short.statusCode).toBe(400);
    const id = anId();
    const bytes = randomBytes(150 * KiB);
    expect((await putObject(alice, id, bytes)).statusCode).toBe(201);
    expect((await getObject(alice, id)).rawPayload.equals(bytes)).toBe(true);
  });

  it('answers 413 payload_too_large for a content-length past objectBytes', async () => {
    const alice = await fresh();
    expectProblem(await putObject(alice, anId(), randomBytes(256 * KiB + 1)), 413, 'payload_too_large');
  });
});
