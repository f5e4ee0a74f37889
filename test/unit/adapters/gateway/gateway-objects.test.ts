import { FetchHomeServerGateway } from '../../../../src/adapters/gateway/fetch-home-server-gateway';
import { WIRE_CEILINGS } from '../../../../src/domain/protocol/wire';
import { DribblingServer, startDribblingServer } from '../../../support/dribbling-server';
import { FakeHomeServer, hang, json, noContent, problem, requireBearer, Responder, text } from './fake-home-server';
import { discoveryBody, SESSION } from './wire-samples';

jest.setTimeout(30_000);

const ID = 'AAAAAAAAAAAAAAAAAAAAAA';
const OTHER_ID = 'BBBBBBBBBBBBBBBBBBBBBA';
const OBJECT_PATH = `/api/v1/store/objects/${ID}`;
const ascii = (value: string): Uint8Array => new TextEncoder().encode(value);

const objectBody =
  (body: Buffer, headers: Record<string, string> = {}): Responder =>
  (request, response) =>
    text(200, body, { 'content-type': 'application/octet-stream', etag: `"${ID}"`, ...headers })(request, response);

/** A body of `bytes` bytes in chunks, without a Content-Length: only counting what arrives can stop it. */
const chunkedObject =
  (bytes: number): Responder =>
  (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/octet-stream' });
    const chunk = Buffer.alloc(64 * 1024, 7);
    let sent = 0;
    const more = (): void => {
      while (sent < bytes && !response.destroyed) {
        sent += chunk.length;
        if (!response.write(chunk)) {
          response.once('drain', more);
          return;
        }
      }
      response.end();
    };
    response.on('error', () => undefined);
    more();
  };

describe('FetchHomeServerGateway object calls', () => {
  let server: FakeHomeServer;
  let gateway: FetchHomeServerGateway;

  beforeEach(async () => {
    server = await FakeHomeServer.start();
    gateway = new FetchHomeServerGateway(server.authority, { allowHttp: true, sleep: async () => undefined });
  });
  afterEach(() => server.close());

  it('puts the raw bytes as application/octet-stream with the session, and retries a lost answer (a same-bytes PUT is safe)', async () => {
    server.route('PUT', OBJECT_PATH, text(503, 'a proxy page'), requireBearer(SESSION, json(200, { id: ID, bytes: 5 })));
    expect(await gateway.putObject(SESSION, ID, ascii('hello'))).toEqual({ ok: true, value: { id: ID, bytes: 5 } });
    expect(server.hits('PUT', OBJECT_PATH)).toBe(2);
    const sent = server.last('PUT', OBJECT_PATH);
    expect([sent.headers['content-type'], sent.body]).toEqual(['application/octet-stream', 'hello']);
  });

  it('refuses a PUT answer that names another id or size', async () => {
    server.route('PUT', OBJECT_PATH, json(201, { id: OTHER_ID, bytes: 5 }), json(201, { id: ID, bytes: 4 }));
    expect(await gateway.putObject(SESSION, ID, ascii('hello'))).toMatchObject({ ok: false, error: { code: 'bad_response' } });
    expect(await gateway.putObject(SESSION, ID, ascii('hello'))).toMatchObject({ ok: false, error: { code: 'bad_response' } });
  });

  it.each([
    [409, 'object_exists'],
    [413, 'payload_too_large'],
    [507, 'store_full'],
    [415, 'unsupported_media_type'],
  ])('surfaces a PUT answered %i %s as that code, without retrying', async (status, code) => {
    server.route('PUT', OBJECT_PATH, problem(status, code));
    expect(await gateway.putObject(SESSION, ID, ascii('x'))).toMatchObject({ ok: false, error: { code, status } });
    expect(server.hits('PUT', OBJECT_PATH)).toBe(1);
  });

  it('gets the bytes exactly, asking for octet-stream', async () => {
    const bytes = Buffer.from([0, 255, 128, 10, 13, 0xc3]);
    server.route('GET', OBJECT_PATH, requireBearer(SESSION, objectBody(bytes)));
    expect(await gateway.getObject(SESSION, ID)).toEqual({ ok: true, value: new Uint8Array(bytes) });
    expect(server.last('GET', OBJECT_PATH).headers.accept).toBe('application/octet-stream');
  });

  it('refuses an object under another ETag or of another content type', async () => {
    server.route('GET', OBJECT_PATH, objectBody(Buffer.from('x'), { etag: `"${OTHER_ID}"` }), objectBody(Buffer.from('{}'), { 'content-type': 'application/json' }));
    expect(await gateway.getObject(SESSION, ID)).toMatchObject({ ok: false, error: { code: 'bad_response', status: 200 } });
    expect(await gateway.getObject(SESSION, ID)).toMatchObject({ ok: false, error: { code: 'bad_response', status: 200 } });
  });

  it('cuts a GET body at the objectBytes the server advertised', async () => {
    server.route('GET', '/.well-known/starbase', json(200, { ...discoveryBody, protocol: 'starbase/2', limits: { ...discoveryBody.limits, objectBytes: 2048 } }));
    server.route('GET', OBJECT_PATH, objectBody(Buffer.alloc(2048)), objectBody(Buffer.alloc(2049)), chunkedObject(4096));
    expect((await gateway.discover()).ok).toBe(true);
    expect(await gateway.getObject(SESSION, ID)).toMatchObject({ ok: true, value: { length: 2048 } });
    expect(await gateway.getObject(SESSION, ID)).toMatchObject({ ok: false, error: { code: 'bad_response', detail: 'answer too large' } });
    expect(await gateway.getObject(SESSION, ID)).toMatchObject({ ok: false, error: { code: 'bad_response', detail: 'answer too large' } });
  });

  it('cuts a GET body at the largest objectBytes any server may set, before discovery', async () => {
    server.route('GET', OBJECT_PATH, chunkedObject(WIRE_CEILINGS.objectBytes + 64 * 1024));
    expect(await gateway.getObject(SESSION, ID)).toMatchObject({ ok: false, error: { code: 'bad_response', detail: 'answer too large' } });
  });

  it('lists with state, after and limit in the query, and deletes with the session', async () => {
    const listing = { items: [{ id: ID, bytes: 5, createdAt: 1_700_000_000_000, state: 'staged' }], next: ID };
    server.route('GET', '/api/v1/store/objects', requireBearer(SESSION, json(200, listing)));
    server.route('DELETE', OBJECT_PATH, requireBearer(SESSION, noContent));
    expect(await gateway.listObjects(SESSION, { state: 'staged', after: OTHER_ID, limit: 1 })).toEqual({ ok: true, value: listing });
    expect(Object.fromEntries(server.last('GET', '/api/v1/store/objects').query)).toEqual({ state: 'staged', after: OTHER_ID, limit: '1' });
    expect(await gateway.deleteObject(SESSION, ID)).toEqual({ ok: true, value: undefined });
  });

  it('refuses a listing that is not PROTOCOL', async () => {
    server.route('GET', '/api/v1/store/objects', json(200, { items: [{ id: 'short', bytes: 1, createdAt: 1, state: 'staged' }], next: null }));
    expect(await gateway.listObjects(SESSION)).toMatchObject({ ok: false, error: { code: 'bad_response' } });
  });

  it('surfaces a head write\'s 409 object_missing with its ids, dropping a malformed list', async () => {
    server.route(
      'PUT',
      '/api/v1/blob',
      problem(409, 'object_missing', { missing: [ID, OTHER_ID] }),
      problem(409, 'object_missing', { missing: ['not an id'] }),
    );
    const input = { expectedVersion: 3, ciphertext: 'AAAA', objects: { commit: [ID], claim: [OTHER_ID] } };
    expect(await gateway.writeBlob(SESSION, input)).toEqual({ ok: false, error: expect.objectContaining({ code: 'object_missing', missing: [ID, OTHER_ID] }) });
    expect(JSON.parse(server.last('PUT', '/api/v1/blob').body)).toEqual({ ciphertext: 'AAAA', objects: { commit: [ID], claim: [OTHER_ID] } });
    const malformed = await gateway.writeBlob(SESSION, input);
    expect(!malformed.ok && [malformed.error.code, malformed.error.missing]).toEqual(['object_missing', undefined]);
  });

  it('gives an upload the time its size takes at 32 KiB/s on top of the timeout', async () => {
    const slow = new FetchHomeServerGateway(server.authority, { allowHttp: true, timeoutMs: 500, maxAttempts: 1 });
    server.route('PUT', OBJECT_PATH, hang);
    const put = await slow.putObject(SESSION, ID, new Uint8Array(64 * 1024));
    // 500 ms + 64 KiB at 32 KiB/s.
    expect(put).toMatchObject({ ok: false, error: { code: 'network_error', detail: 'no answer within 2500 ms' } });
  });

  const DROP_PATH = '/api/v1/users/bob/objects';
  const DROP_TOKEN = 'a-friends-drop-token';

  it('drops a chunk as raw octet-stream with the drop token, and never retries it (a repeat would count twice)', async () => {
    server.route('POST', DROP_PATH, requireBearer(DROP_TOKEN, json(202, { id: ID })), text(503, 'a proxy page'));
    expect(await gateway.dropObject('bob', DROP_TOKEN, ascii('chunk'))).toEqual({ ok: true, value: { id: ID } });
    const sent = server.last('POST', DROP_PATH);
    expect([sent.headers['content-type'], sent.body]).toEqual(['application/octet-stream', 'chunk']);
    expect(await gateway.dropObject('bob', DROP_TOKEN, ascii('chunk'))).toMatchObject({ ok: false, error: { code: 'network_error' } });
    expect(server.hits('POST', DROP_PATH)).toBe(2);
  });

  it.each([
    [401, 'unauthorized'],
    [404, 'not_found'],
    [413, 'payload_too_large'],
    [415, 'unsupported_media_type'],
    [507, 'inbox_full'],
  ])('surfaces a drop answered %i %s as that code', async (status, code) => {
    server.route('POST', DROP_PATH, problem(status, code));
    expect(await gateway.dropObject('bob', DROP_TOKEN, ascii('x'))).toMatchObject({ ok: false, error: { code, status } });
  });

  it('refuses a drop answer without a proper id', async () => {
    server.route('POST', DROP_PATH, json(202, { id: 'short' }));
    expect(await gateway.dropObject('bob', DROP_TOKEN, ascii('x'))).toMatchObject({ ok: false, error: { code: 'bad_response' } });
  });

  it('gives a drop the time its size takes at 32 KiB/s on top of the timeout', async () => {
    const slow = new FetchHomeServerGateway(server.authority, { allowHttp: true, timeoutMs: 500, maxAttempts: 1 });
    server.route('POST', DROP_PATH, hang);
    const dropped = await slow.dropObject('bob', DROP_TOKEN, new Uint8Array(64 * 1024));
    expect(dropped).toMatchObject({ ok: false, error: { code: 'network_error', detail: 'no answer within 2500 ms' } });
  });

  it('acknowledges with the dropped objects to discard, and without the member when there are none', async () => {
    server.route('POST', '/api/v1/inbox/ack', json(200, { deleted: 1 }), json(200, { deleted: 0 }));
    expect(await gateway.ackInbox(SESSION, ['item-1'], [ID])).toEqual({ ok: true, value: { deleted: 1 } });
    expect(JSON.parse(server.last('POST', '/api/v1/inbox/ack').body)).toEqual({ ids: ['item-1'], objects: [ID] });
    await gateway.ackInbox(SESSION, ['item-2']);
    expect(JSON.parse(server.last('POST', '/api/v1/inbox/ack').body)).toEqual({ ids: ['item-2'] });
  });
});

describe('object reads against a server that dribbles its answer', () => {
  let dribbling: DribblingServer;

  beforeEach(async () => {
    dribbling = await startDribblingServer(200);
  });
  afterEach(() => dribbling.close());

  it('ends at the absolute deadline (the timeout plus the cap at 64 KiB/s)', async () => {
    const gateway = new FetchHomeServerGateway(dribbling.authority, { allowHttp: true, timeoutMs: 1000, maxAttempts: 1, maxResponseBytes: 64 * 1024 });
    const read = await gateway.getObject(SESSION, ID);
    expect(read).toMatchObject({ ok: false, error: { code: 'network_error', detail: 'the answer did not arrive within 2000 ms' } });
    expect(dribbling.requests).toEqual([expect.stringMatching(/^GET \/api\/v1\/store\/objects\/A{22} /)]);
  });
});
