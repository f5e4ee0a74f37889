import fc from 'fast-check';
import { startTestServer, TestServer } from '../support/test-server';
import { API, HttpTestClient, SignedUp } from './http-test-client';

/** PROTOCOL §3: bad input never yields a 5xx, and every rejection is a problem document. */
describe('arbitrary input never yields a 5xx', () => {
  let server: TestServer;
  let owner: SignedUp;
  let peersDropToken: string;

  beforeAll(async () => {
    server = await startTestServer();
    const client = new HttpTestClient(server.app);
    owner = await client.signUp('fuzz-owner');
    peersDropToken = (await client.issueDropToken(await client.signUp('fuzz-peer'))).token;
  });
  afterAll(() => server.close());

  /** `dropToken`: sent with a drop token of fuzz-peer instead of the owner's session. */
  const routes: Array<{ method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; path: string; owner: boolean; dropToken?: boolean }> = [
    { method: 'POST', path: '/accounts', owner: false },
    { method: 'POST', path: '/sessions', owner: false },
    { method: 'PUT', path: '/blob', owner: true },
    { method: 'PATCH', path: '/account', owner: true },
    { method: 'PUT', path: '/account/credentials', owner: true },
    { method: 'POST', path: '/drop-tokens', owner: true },
    { method: 'POST', path: '/users/fuzz-peer/friend-requests', owner: false },
    { method: 'POST', path: '/users/fuzz-peer/drops', owner: false },
    { method: 'POST', path: '/users/fuzz-peer/objects', owner: false, dropToken: true },
    { method: 'POST', path: '/users/fuzz-peer/objects', owner: false },
    { method: 'POST', path: '/inbox/ack', owner: true },
  ];

  const b64uish = fc.string({ unit: fc.constantFrom(...'AZaz09-_+/=. '.split('')), maxLength: 60 });
  const plausible = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.jsonValue({ maxDepth: 2 }),
      b64uish,
      fc.constantFrom(1, -1, 0, 2 ** 53, 1.5, 'argon2id', true, null),
      fc.dictionary(fc.constantFrom('name', 'authKey', 'kdf', 'identityKey', 'blob', 'ciphertext', 'envelope', 'captcha', 'ids', 'v', 'epk', 'nonce', 'ct', 'id', 'answer', 'openInbox', 'version', 'objects', '__proto__', 'constructor'), tie('value'), { maxKeys: 6 }),
    ),
  })).value;

  it('on every JSON route', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        plausible,
        fc.option(fc.oneof(fc.constantFrom('"1"', '"2"', '*', 'W/"1"'), fc.string({ maxLength: 12 })), { nil: undefined }),
        fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/octet-stream', ''),
        fc.boolean(),
        async (route, body, ifMatch, contentType, rawText) => {
          const response = await server.app.inject({
            method: route.method,
            url: `${API}${route.path}`,
            headers: {
              ...(route.owner ? { authorization: `Bearer ${owner.token}` } : {}),
              ...(route.dropToken ? { authorization: `Bearer ${peersDropToken}` } : {}),
              ...(contentType ? { 'content-type': contentType } : {}),
              ...(ifMatch === undefined ? {} : { 'if-match': ifMatch }),
            },
            payload: rawText ? JSON.stringify(body).slice(0, -1) : JSON.stringify(body),
          });
          expect(response.statusCode).toBeLessThan(500);
          if (response.statusCode >= 400) expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('on every path and query', async () => {
    await fc.assert(
      fc.asyncProperty(
        // Not /inbox/events: a successful stream never ends by itself.
        fc.constantFrom('/inbox', '/inbox/', '/users/', '/accounts/', '/drop-tokens/', '/blob'),
        fc.string({ maxLength: 40 }),
        fc.string({ maxLength: 40 }),
        async (prefix, segment, query) => {
          const response = await server.app.inject({
            method: 'GET',
            url: `${API}${prefix}${encodeURIComponent(segment)}?${query}`,
            headers: { authorization: `Bearer ${owner.token}` },
          });
          expect(response.statusCode).toBeLessThan(500);
        },
      ),
      { numRuns: 300 },
    );
  });
});
