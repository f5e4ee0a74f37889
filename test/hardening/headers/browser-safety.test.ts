import { LightMyRequestResponse } from 'fastify';
import { request as httpRequest } from 'node:http';
import { aMessageEnvelope, API, HttpTestClient, SignedUp } from '../../http/http-test-client';
import { HardeningServer, startHardeningServer } from '../support/hardening-server';

/** Written out by hand, not imported: loosening the policy in the code must fail this test. */
const EXPECTED_CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self' https: http://127.0.0.1:* http://localhost:*",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join(';');

const API_METHODS = ['DELETE', 'GET', 'PATCH', 'POST', 'PUT'];
const REQUEST_HEADERS = ['authorization', 'content-type', 'if-match'];

type Headers = Record<string, string | string[] | number | undefined>;

/** What every response must carry, whatever it answers: success, problem, framework error, stream. */
const expectBrowserSafe = (label: string, headers: Headers) => {
  const problems: string[] = [];
  const expectHeader = (name: string, wanted: string) => {
    if (String(headers[name]) !== wanted) problems.push(`${name}: ${String(headers[name])} (wanted ${wanted})`);
  };
  expectHeader('content-security-policy', EXPECTED_CSP);
  expectHeader('x-content-type-options', 'nosniff');
  expectHeader('referrer-policy', 'no-referrer');
  expectHeader('x-frame-options', 'DENY');
  expectHeader('access-control-allow-origin', '*');
  for (const forbidden of ['x-powered-by', 'server', 'set-cookie', 'access-control-allow-credentials', 'x-aspnet-version']) {
    if (headers[forbidden] !== undefined) problems.push(`${forbidden} present: ${String(headers[forbidden])}`);
  }
  expect({ label, problems }).toEqual({ label, problems: [] });
};

describe('headers and browser safety', () => {
  let server: HardeningServer;
  let client: HttpTestClient;
  let owner: SignedUp;

  beforeAll(async () => {
    server = await startHardeningServer({ listen: true });
    client = new HttpTestClient(server.app);
    owner = await client.signUp('owner');
  });
  afterAll(() => server.close());

  it('every kind of answer carries the security headers and no cookie, version or credential header', async () => {
    const answers: Array<[string, LightMyRequestResponse]> = [
      ['discovery', await client.request('GET', '/.well-known/starbase')],
      ['blob read', await client.request('GET', `${API}/blob`, { token: owner.token })],
      ['blob conflict', await client.request('PUT', `${API}/blob`, { token: owner.token, headers: { 'if-match': '"99"' }, body: { ciphertext: 'AAAA' } })],
      ['login', await client.login('owner', owner.authKey)],
      ['unauthorized', await client.request('GET', `${API}/inbox`)],
      ['validation', await client.request('POST', `${API}/sessions`, { body: { name: 1 } })],
      ['media type', await client.request('POST', `${API}/sessions`, { body: 'x', headers: { 'content-type': 'text/plain' } })],
      ['unknown route', await client.request('GET', '/nothing-here')],
      ['bad URL (router error)', await server.app.inject({ method: 'GET', url: `${API}/users/%E0%A4%A/profile` })],
      ['over-long parameter (router error)', await server.app.inject({ method: 'GET', url: `${API}/users/${'a'.repeat(500)}/profile` })],
      ['drop accepted', await client.request('POST', `${API}/users/owner/drops`, { token: (await client.issueDropToken(owner)).token, body: { envelope: aMessageEnvelope() } })],
      ['logout', await client.request('DELETE', `${API}/sessions/current`, { token: (await client.login('owner', owner.authKey)).json<{ token: string }>().token })],
    ];
    for (const [label, answer] of answers) expectBrowserSafe(label, answer.headers);
  });

  it('API answers are never cached', async () => {
    for (const answer of [await client.request('GET', `${API}/blob`, { token: owner.token }), await client.request('GET', `${API}/inbox`)]) {
      expect(answer.headers['cache-control']).toBe('no-store');
    }
  });

  it('the event stream carries them too', async () => {
    const headers = await new Promise<Headers>((resolve, reject) => {
      const url = new URL(`${server.url}${API}/inbox/events`);
      const call = httpRequest(url, { headers: { authorization: `Bearer ${owner.token}`, origin: 'https://elsewhere.example' } }, (response) => {
        resolve(response.headers);
        response.destroy();
      });
      call.on('error', reject);
      call.end();
    });
    expect(String(headers['content-type'])).toMatch(/^text\/event-stream/);
    expectBrowserSafe('event stream', headers);
  });

  it('a preflight from any origin offers exactly the methods and headers in use, without credentials', async () => {
    const preflight = await client.request('OPTIONS', `${API}/blob`, {
      headers: { origin: 'https://app.example', 'access-control-request-method': 'PUT', 'access-control-request-headers': 'authorization, if-match, content-type' },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('*');
    expect(String(preflight.headers['access-control-allow-methods']).split(/, */).sort()).toEqual(API_METHODS);
    expect(String(preflight.headers['access-control-allow-headers']).toLowerCase().split(/, */).sort()).toEqual(REQUEST_HEADERS);
    expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();
    expect(preflight.headers['set-cookie']).toBeUndefined();
  });

  it('the methods offered are exactly the methods the API routes use', () => {
    const routes = server.app.printRoutes({ commonPrefix: false, method: undefined as unknown as 'GET' });
    const used = new Set([...routes.matchAll(/\(([A-Z, ]+)\)/g)].flatMap((match) => match[1]!.split(/, */)).filter((method) => !['HEAD', 'OPTIONS'].includes(method)));
    expect([...used].sort()).toEqual(API_METHODS);
  });

  it('ETag and Retry-After are readable cross-origin', async () => {
    const read = await client.request('GET', `${API}/blob`, { token: owner.token, headers: { origin: 'https://app.example' } });
    expect(read.headers.etag).toMatch(/^"[0-9]+"$/);
    expect(String(read.headers['access-control-expose-headers']).toLowerCase().split(/, */).sort()).toEqual(['etag', 'retry-after']);
  });
});
