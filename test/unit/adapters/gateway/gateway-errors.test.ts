import { FetchHomeServerGateway } from '../../../../src/adapters/gateway/fetch-home-server-gateway';
import { PROBLEM_CODES, ProblemCode } from '../../../../src/domain/protocol/server-error-codes';
import { FakeHomeServer, json, problem, text } from './fake-home-server';
import { b64u, discoveryBody, SESSION } from './wire-samples';

const STATUS_OF: Record<ProblemCode, number> = {
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  name_taken: 409,
  version_conflict: 412,
  precondition_required: 428,
  captcha_invalid: 400,
  captcha_expired: 400,
  payload_too_large: 413,
  inbox_full: 507,
  rate_limited: 429,
  registration_closed: 403,
  unsupported_media_type: 415,
  object_exists: 409,
  object_missing: 409,
  object_committed: 409,
  store_full: 507,
};

describe('FetchHomeServerGateway error mapping', () => {
  let server: FakeHomeServer;
  let gateway: FetchHomeServerGateway;

  beforeEach(async () => {
    server = await FakeHomeServer.start();
    gateway = new FetchHomeServerGateway(server.authority, { allowHttp: true, maxAttempts: 1 });
  });
  afterEach(() => server.close());

  it.each(PROBLEM_CODES.map((code) => [code, STATUS_OF[code]] as const))(
    'maps problem code %s (HTTP %i) to the same GatewayError code',
    async (code, status) => {
      server.route('GET', '/api/v1/users/bob/profile', problem(status, code));
      expect(await gateway.getProfile('bob')).toEqual({
        ok: false,
        error: { code, status, detail: `fake ${code}` },
      });
    },
  );

  it('keeps the server version of a version_conflict', async () => {
    server.route('PUT', '/api/v1/blob', problem(412, 'version_conflict', { currentVersion: 9 }));
    const written = await gateway.writeBlob(SESSION, { expectedVersion: 7, ciphertext: b64u(40) });
    expect(written).toEqual({
      ok: false,
      error: { code: 'version_conflict', status: 412, detail: 'fake version_conflict', currentVersion: 9 },
    });
  });

  it('reads how long to wait from Retry-After, or else from the retryAfter member', async () => {
    server.route(
      'POST',
      '/api/v1/sessions',
      problem(429, 'rate_limited', {}, { 'retry-after': '17' }),
      problem(429, 'rate_limited', { retryAfter: 4 }),
    );
    const request = { name: 'alice', authKey: b64u(32) };
    const first = await gateway.openSession(request);
    const second = await gateway.openSession(request);
    expect(!first.ok && first.error.retryAfterSeconds).toBe(17);
    expect(!second.ok && second.error.retryAfterSeconds).toBe(4);
  });

  it('takes a 429 as rate_limited even without a problem body', async () => {
    server.route('POST', '/api/v1/sessions', text(429, 'slow down', { 'retry-after': '3' }));
    const opened = await gateway.openSession({ name: 'alice', authKey: b64u(32) });
    expect(opened).toEqual({
      ok: false,
      error: { code: 'rate_limited', status: 429, detail: 'too many requests', retryAfterSeconds: 3 },
    });
  });

  it('passes on a server bug reported as code internal', async () => {
    server.route('GET', '/.well-known/starbase', problem(500, 'internal'));
    const found = await gateway.discover();
    expect(!found.ok && found.error.code).toBe('internal');
  });

  it.each([
    ['an unknown code', problem(400, 'made_up_code')],
    ['an HTML page', text(500, '<html>oops</html>', { 'content-type': 'text/html' })],
    ['broken JSON', text(400, '{"code":', { 'content-type': 'application/problem+json' })],
    ['a JSON array', json(403, ['forbidden'])],
  ])('makes %s in an error answer a bad_response with the status', async (_label, responder) => {
    server.route('GET', '/api/v1/users/bob/profile', responder);
    const found = await gateway.getProfile('bob');
    expect(!found.ok && found.error.code).toBe('bad_response');
    expect(!found.ok && found.error.status).not.toBeNull();
  });

  it('treats a proxy page on 502/503/504 as a network_error', async () => {
    server.route('GET', '/api/v1/users/bob/profile', text(502, 'Bad Gateway', { 'content-type': 'text/html' }));
    const found = await gateway.getProfile('bob');
    expect(found).toEqual({
      ok: false,
      error: { code: 'network_error', status: 502, detail: 'HTTP 502 from the server or a proxy' },
    });
  });

  it('shortens an over-long detail', async () => {
    server.route('GET', '/api/v1/users/bob/profile', problem(404, 'not_found', { detail: 'x'.repeat(5000) }));
    const found = await gateway.getProfile('bob');
    expect(!found.ok && found.error.detail.length).toBeLessThan(400);
  });

  it('reports an unreachable server as network_error without a status', async () => {
    const authority = server.authority;
    await server.close();
    const found = await new FetchHomeServerGateway(authority, { allowHttp: true, maxAttempts: 1 }).getProfile('bob');
    expect(!found.ok && found.error.code).toBe('network_error');
    expect(!found.ok && found.error.status).toBeNull();
    server = await FakeHomeServer.start();
  });

  describe('success answers that are not PROTOCOL', () => {
    it.each([
      ['not JSON', text(200, 'hello', { 'content-type': 'application/json' })],
      ['null', json(200, null)],
      ['missing fields', json(200, { protocol: 'starbase/1' })],
      ['a wrong type', json(200, { ...discoveryBody, limits: { ...discoveryBody.limits, blobBytes: 'big' } })],
      ['an unknown protocol', json(200, { ...discoveryBody, protocol: 'starbase/3' })],
      ['extra fields', json(200, { ...discoveryBody, extra: 1 })],
      ['an empty body', text(200, '')],
      ['invalid UTF-8', text(200, Buffer.from([0x22, 0xff, 0x22]), { 'content-type': 'application/json' })],
    ])('are a bad_response: %s', async (_label, responder) => {
      server.route('GET', '/.well-known/starbase', responder);
      const found = await gateway.discover();
      expect(!found.ok && found.error).toMatchObject({ code: 'bad_response', status: 200 });
    });

    it('refuses a body that is not UTF-8', async () => {
      server.route('GET', '/.well-known/starbase', text(200, Buffer.from([0x22, 0xff, 0x22])));
      expect(await gateway.discover()).toEqual({
        ok: false,
        error: { code: 'bad_response', status: 200, detail: 'answer is not UTF-8' },
      });
    });

    it('refuses a body above the configured size', async () => {
      server.route('GET', '/.well-known/starbase', json(200, { ...discoveryBody, padding: 'x'.repeat(10_000) }));
      const small = new FetchHomeServerGateway(server.authority, { allowHttp: true, maxResponseBytes: 1000 });
      expect(await small.discover()).toEqual({
        ok: false,
        error: { code: 'bad_response', status: 200, detail: 'answer too large' },
      });
    });

    it('refuses inbox items with malformed envelopes', async () => {
      const item = { id: 'i1', kind: 'drop', tokenId: null, receivedAt: 1, envelope: { v: 1, nonce: '***', ct: 'x' } };
      server.route('GET', '/api/v1/inbox', json(200, { items: [item], next: null }));
      const page = await gateway.listInbox(SESSION);
      expect(!page.ok && page.error.code).toBe('bad_response');
    });
  });
});
