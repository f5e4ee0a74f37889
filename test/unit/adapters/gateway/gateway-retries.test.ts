import { FetchHomeServerGateway } from '../../../../src/adapters/gateway/fetch-home-server-gateway';
import { GatewayOptions } from '../../../../src/adapters/gateway/gateway-options';
import { FakeHomeServer, hang, json, noContent, problem, text } from './fake-home-server';
import { b64u, kdfBody, messageEnvelope, sealedEnvelope, SESSION } from './wire-samples';

const PROFILE = '/api/v1/users/bob/profile';
const profile = { address: 'bob@x', identityKey: b64u(32), openInbox: false };
const unavailable = text(503, 'Service Unavailable');

describe('FetchHomeServerGateway retries and timeouts', () => {
  let server: FakeHomeServer;
  /** The waits the gateway asked for: a fake sleep, so no test waits for real. */
  let waits: number[];

  const gatewayWith = (options: GatewayOptions = {}) =>
    new FetchHomeServerGateway(server.authority, {
      allowHttp: true,
      sleep: async (ms) => {
        waits.push(ms);
      },
      ...options,
    });

  beforeEach(async () => {
    server = await FakeHomeServer.start();
    waits = [];
  });
  afterEach(() => server.close());

  it('retries a GET after a 503 and returns the later success', async () => {
    server.route('GET', PROFILE, unavailable, json(200, profile));
    expect(await gatewayWith().getProfile('bob')).toEqual({ ok: true, value: profile });
    expect(server.hits('GET', PROFILE)).toBe(2);
  });

  it('gives up after maxAttempts with the last error, backing off more each time', async () => {
    server.route('GET', PROFILE, unavailable);
    const found = await gatewayWith({ maxAttempts: 4, retryBaseDelayMs: 100, random: () => 0.5 }).getProfile('bob');
    expect(!found.ok && found.error).toMatchObject({ code: 'network_error', status: 503 });
    expect(server.hits('GET', PROFILE)).toBe(4);
    expect(waits).toEqual([75, 150, 300]);
  });

  it('never retries a drop, a friend request, a registration or a session', async () => {
    server.route('POST', '/api/v1/users/bob/drops', unavailable);
    server.route('POST', '/api/v1/users/bob/friend-requests', problem(429, 'rate_limited', {}, { 'retry-after': '1' }));
    server.route('POST', '/api/v1/accounts', unavailable);
    server.route('POST', '/api/v1/sessions', text(504, 'Gateway Timeout'));
    const gateway = gatewayWith();

    const dropped = await gateway.drop('bob', null, { envelope: messageEnvelope });
    const requested = await gateway.sendFriendRequest('bob', { captcha: { id: 'c', answer: '1' }, envelope: sealedEnvelope });
    await gateway.register({ name: 'al', authKey: b64u(32), kdf: kdfBody, identityKey: b64u(32), blob: { ciphertext: '' } });
    await gateway.openSession({ name: 'al', authKey: b64u(32) });

    expect(!dropped.ok && dropped.error.code).toBe('network_error');
    expect(!requested.ok && requested.error).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 1 });
    expect(server.hits('POST', '/api/v1/users/bob/drops')).toBe(1);
    expect(server.hits('POST', '/api/v1/users/bob/friend-requests')).toBe(1);
    expect(server.hits('POST', '/api/v1/accounts')).toBe(1);
    expect(server.hits('POST', '/api/v1/sessions')).toBe(1);
    expect(waits).toEqual([]);
  });

  it('never retries a blob write or an account deletion', async () => {
    server.route('PUT', '/api/v1/blob', unavailable);
    server.route('DELETE', '/api/v1/account', unavailable);
    const gateway = gatewayWith();
    await gateway.writeBlob(SESSION, { expectedVersion: 1, ciphertext: '' });
    await gateway.deleteAccount(SESSION, { authKey: b64u(32) });
    expect(server.hits('PUT', '/api/v1/blob')).toBe(1);
    expect(server.hits('DELETE', '/api/v1/account')).toBe(1);
  });

  it('retries the idempotent ack and DELETEs of a session or drop token', async () => {
    server.route('POST', '/api/v1/inbox/ack', unavailable, json(200, { deleted: 1 }));
    server.route('DELETE', '/api/v1/sessions/current', unavailable, noContent);
    server.route('DELETE', '/api/v1/drop-tokens/t1', unavailable, noContent);
    const gateway = gatewayWith();
    expect((await gateway.ackInbox(SESSION, ['i1'])).ok).toBe(true);
    expect((await gateway.closeSession(SESSION)).ok).toBe(true);
    expect((await gateway.revokeDropToken(SESSION, 't1')).ok).toBe(true);
    expect(server.hits('POST', '/api/v1/inbox/ack')).toBe(2);
  });

  it('does not retry definite answers such as 404 or 401', async () => {
    server.route('GET', PROFILE, problem(404, 'not_found'));
    server.route('GET', '/api/v1/blob', problem(401, 'unauthorized'));
    const gateway = gatewayWith();
    await gateway.getProfile('bob');
    await gateway.readBlob(SESSION);
    expect(server.hits('GET', PROFILE)).toBe(1);
    expect(server.hits('GET', '/api/v1/blob')).toBe(1);
  });

  it('waits as long as Retry-After says on a 429 before retrying', async () => {
    server.route('GET', PROFILE, problem(429, 'rate_limited', {}, { 'retry-after': '2' }), json(200, profile));
    expect((await gatewayWith().getProfile('bob')).ok).toBe(true);
    expect(waits).toEqual([2000]);
  });

  it('accepts Retry-After as an HTTP date', async () => {
    const now = Date.parse('2030-01-01T00:00:00Z');
    server.route(
      'GET',
      PROFILE,
      problem(429, 'rate_limited', {}, { 'retry-after': 'Tue, 01 Jan 2030 00:00:05 GMT' }),
      json(200, profile),
    );
    expect((await gatewayWith({ now: () => now }).getProfile('bob')).ok).toBe(true);
    expect(waits).toEqual([5000]);
  });

  it('does not wait for a Retry-After above the cap and returns the 429 at once', async () => {
    server.route('GET', PROFILE, problem(429, 'rate_limited', {}, { 'retry-after': '3600' }));
    const found = await gatewayWith({ maxRetryAfterSeconds: 30 }).getProfile('bob');
    expect(found).toEqual({
      ok: false,
      error: { code: 'rate_limited', status: 429, detail: 'fake rate_limited', retryAfterSeconds: 3600 },
    });
    expect(server.hits('GET', PROFILE)).toBe(1);
  });

  it('times out a call whose answer never comes, as a network_error, and retries a GET', async () => {
    server.route('GET', PROFILE, hang, json(200, profile));
    expect(await gatewayWith({ timeoutMs: 100 }).getProfile('bob')).toEqual({ ok: true, value: profile });
    expect(server.hits('GET', PROFILE)).toBe(2);
  });

  it('times out a POST without retrying it', async () => {
    server.route('POST', '/api/v1/users/bob/drops', hang);
    const dropped = await gatewayWith({ timeoutMs: 100 }).drop('bob', null, { envelope: messageEnvelope });
    expect(dropped).toEqual({ ok: false, error: { code: 'network_error', status: null, detail: expect.stringMatching(/^no answer within 10\d ms$/) } });
    expect(server.hits('POST', '/api/v1/users/bob/drops')).toBe(1);
  });

  it('times out a body that stops half way', async () => {
    server.route('GET', PROFILE, (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"address":');
    });
    const found = await gatewayWith({ timeoutMs: 100, maxAttempts: 1 }).getProfile('bob');
    expect(!found.ok && found.error.code).toBe('network_error');
  });

  it('keeps waiting for a body that arrives slowly but steadily', async () => {
    const body = JSON.stringify(profile);
    const pieces = [body.slice(0, 10), body.slice(10, 20), body.slice(20, 30), body.slice(30, 40), body.slice(40)];
    server.route('GET', PROFILE, async (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      for (const piece of pieces) {
        response.write(piece);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      response.end();
    });
    const found = await gatewayWith({ timeoutMs: 300, maxAttempts: 1 }).getProfile('bob');
    expect(found).toEqual({ ok: true, value: profile });
  });

  it('refuses to follow redirects, which could carry the bearer token elsewhere', async () => {
    server.route('GET', '/api/v1/blob', text(302, '', { location: 'http://127.0.0.1:1/steal' }));
    const read = await gatewayWith({ maxAttempts: 1 }).readBlob(SESSION);
    expect(!read.ok && read.error.code).toBe('network_error');
    expect(server.seen).toHaveLength(1);
  });
});
