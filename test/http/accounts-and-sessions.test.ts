import { decodeJwt, SignJWT } from 'jose';
import { aKdfBody, API, aRegistrationBody, expectProblem, HttpTestClient, randomB64u } from './http-test-client';
import { startTestServer, TestServer } from '../support/test-server';
import { useTestServer } from './use-test-server';

describe('accounts and sessions', () => {
  let server: TestServer;
  let client: HttpTestClient;

  beforeAll(async () => {
    server = await startTestServer({ config: { blobBytes: 2048 } });
    client = new HttpTestClient(server.app);
  });
  afterAll(() => server.close());

  describe('POST /accounts', () => {
    it('registers and answers 201 with the address under the Host reached', async () => {
      const response = await client.request('POST', `${API}/accounts`, {
        body: aRegistrationBody('reg-alice'),
        headers: { host: 'Chat.Example.org:443' },
      });
      expect(response.statusCode).toBe(201);
      expect(response.json()).toEqual({ address: 'reg-alice@chat.example.org' });
    });

    it('answers 409 name_taken for a registered name', async () => {
      await client.register('reg-bob');
      expectProblem((await client.register('reg-bob')).response, 409, 'name_taken');
    });

    it('rejects unknown fields with 400 validation_failed instead of ignoring them', async () => {
      const body = { ...aRegistrationBody('reg-carol'), admin: true };
      expectProblem(await client.request('POST', `${API}/accounts`, { body }), 400, 'validation_failed');
      const nested = aRegistrationBody('reg-carol');
      expectProblem(
        await client.request('POST', `${API}/accounts`, { body: { ...nested, kdf: { ...nested.kdf, extra: 1 } } }),
        400,
        'validation_failed',
      );
    });

    it.each([
      ['a name outside the PROTOCOL §2 pattern', { name: 'Not A Name' }],
      ['an authKey that is not base64url', { authKey: '!'.repeat(43) }],
      ['an authKey of the wrong length', { authKey: randomB64u(16) }],
      ['a non-canonical base64url key', { identityKey: `${randomB64u(31)}AB`.slice(0, 42) + 'B' }],
      ['KDF parameters below the floor', { kdf: { ...aKdfBody(), memoryKiB: 1024 } }],
      ['another KDF algorithm', { kdf: { ...aKdfBody(), algorithm: 'scrypt' } }],
      ['a low-order identity key', { identityKey: Buffer.alloc(32).toString('base64url') }],
      // Issue 11: X25519 ignores bit 255, so such a key is a second spelling of another key.
      ['an identity key with bit 255 set', { identityKey: Buffer.from([...Buffer.alloc(31, 9), 0x89]).toString('base64url') }],
      ['an identity key spelling a u-coordinate of p or more', { identityKey: Buffer.from([0xf0, ...Buffer.alloc(30, 0xff), 0x7f]).toString('base64url') }],
      ['a number given as a string', { kdf: { ...aKdfBody(), iterations: '3' } }],
    ])('rejects %s with 400 validation_failed', async (_case, override) => {
      const body = { ...aRegistrationBody('reg-dave'), ...override };
      expectProblem(await client.request('POST', `${API}/accounts`, { body }), 400, 'validation_failed');
    });

    it('rejects malformed JSON with 400, never a 5xx', async () => {
      expectProblem(await client.request('POST', `${API}/accounts`, { body: '{"name": ' }), 400, 'validation_failed');
      expectProblem(await client.request('POST', `${API}/accounts`, { body: '{"__proto__": {"x": 1}}' }), 400, 'validation_failed');
    });

    it('rejects a body that is not JSON with 415 unsupported_media_type', async () => {
      const response = await client.request('POST', `${API}/accounts`, {
        body: 'name=eve',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expectProblem(response, 415, 'unsupported_media_type');
      const text = await client.request('POST', `${API}/sessions`, { body: 'hello', headers: { 'content-type': 'text/plain' } });
      expectProblem(text, 415, 'unsupported_media_type');
    });

    it('rejects a blob over the configured limit with 413 payload_too_large', async () => {
      const body = { ...aRegistrationBody('reg-frank'), blob: { ciphertext: randomB64u(2049) } };
      expectProblem(await client.request('POST', `${API}/accounts`, { body }), 413, 'payload_too_large');
      const huge = { ...aRegistrationBody('reg-frank'), blob: { ciphertext: randomB64u(64 * 1024) } };
      expectProblem(await client.request('POST', `${API}/accounts`, { body: huge }), 413, 'payload_too_large');
    });
  });

  describe('GET /accounts/{name}/kdf', () => {
    it('returns the registered parameters', async () => {
      const body = aRegistrationBody('kdf-alice');
      await client.request('POST', `${API}/accounts`, { body });
      const response = await client.request('GET', `${API}/accounts/kdf-alice/kdf`);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual(body.kdf);
    });

    it('returns a stable decoy with default parameters for an unknown name', async () => {
      const first = await client.request('GET', `${API}/accounts/nobody-here/kdf`);
      const second = await client.request('GET', `${API}/accounts/nobody-here/kdf`);
      const other = await client.request('GET', `${API}/accounts/nobody-else/kdf`);
      expect(first.statusCode).toBe(200);
      expect(first.json()).toEqual(second.json());
      expect(first.json<{ salt: string }>().salt).not.toBe(other.json<{ salt: string }>().salt);
      expect(first.json()).toMatchObject({ algorithm: 'argon2id', memoryKiB: 65536, iterations: 3, parallelism: 1 });
    });

    it('rejects a malformed name with 400', async () => {
      expectProblem(await client.request('GET', `${API}/accounts/UPPER/kdf`), 400, 'validation_failed');
    });
  });

  describe('POST /sessions and DELETE /sessions/current', () => {
    it('issues a JWT with audience, jti and a lifetime of at most an hour', async () => {
      const { authKey } = await client.register('sess-alice');
      const response = await client.login('sess-alice', authKey);
      expect(response.statusCode).toBe(201);
      const { token, expiresAt } = response.json<{ token: string; expiresAt: number }>();
      const claims = decodeJwt(token);
      expect(claims).toMatchObject({ sub: 'sess-alice', aud: 'starbase/1', jti: expect.any(String) });
      expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(3600);
      expect(Math.abs(expiresAt - claims.exp! * 1000)).toBeLessThan(1000);
    });

    it('answers the same 401 for a wrong key and an unknown name', async () => {
      await client.register('sess-bob');
      const wrongKey = expectProblem(await client.login('sess-bob', randomB64u(32)), 401, 'unauthorized');
      const unknown = expectProblem(await client.login('sess-nobody', randomB64u(32)), 401, 'unauthorized');
      expect(wrongKey).toEqual(unknown);
    });

    it('logout makes the token stop working', async () => {
      const alice = await client.signUp('sess-carol');
      expect((await client.request('GET', `${API}/blob`, { token: alice.token })).statusCode).toBe(200);
      expect((await client.request('DELETE', `${API}/sessions/current`, { token: alice.token })).statusCode).toBe(204);
      expectProblem(await client.request('GET', `${API}/blob`, { token: alice.token }), 401, 'unauthorized');
    });

    it('never accepts a token from the URL', async () => {
      const alice = await client.signUp('sess-dave');
      const response = await client.request('GET', `${API}/blob?access_token=${alice.token}`);
      expectProblem(response, 401, 'unauthorized');
      expect(response.headers['www-authenticate']).toBe('Bearer');
    });

    it.each([
      ['no Authorization header', undefined],
      ['another scheme', 'Basic YWxpY2U6cHc='],
      ['a garbage token', 'Bearer not.a.jwt'],
    ])('answers 401 for %s', async (_case, header) => {
      const response = await client.request('GET', `${API}/blob`, header === undefined ? {} : { headers: { authorization: header } });
      expectProblem(response, 401, 'unauthorized');
    });

    it('rejects tokens signed with another key or algorithm', async () => {
      const alice = await client.signUp('sess-erin');
      const claims = decodeJwt(alice.token);
      const forged = await new SignJWT({ ...claims }).setProtectedHeader({ alg: 'HS256' }).sign(new Uint8Array(32));
      expectProblem(await client.request('GET', `${API}/blob`, { token: forged }), 401, 'unauthorized');
      const [, payload] = alice.token.split('.');
      const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;
      expectProblem(await client.request('GET', `${API}/blob`, { token: unsigned }), 401, 'unauthorized');
    });
  });
});

describe('registration modes', () => {
  describe('closed', () => {
    const served = useTestServer({ config: { registration: 'closed' } });

    it('a closed server refuses registrations with 403 registration_closed and says so', async () => {
      const { client } = served;
      expect((await client.request('GET', '/.well-known/starbase')).json()).toMatchObject({ registration: 'closed' });
      expectProblem(await client.request('POST', `${API}/accounts`, { body: aRegistrationBody('closed-alice') }), 403, 'registration_closed');
    });
  });

  describe('invite', () => {
    const served = useTestServer({ config: { registration: 'invite' } });

    it('an invite server says so and refuses registrations without a valid invite code with 403 forbidden', async () => {
      const { client } = served;
      expect((await client.request('GET', '/.well-known/starbase')).json()).toMatchObject({ registration: 'invite' });
      const withUnknownCode = { ...aRegistrationBody('invited-alice'), invite: 'some-code' };
      expectProblem(await client.request('POST', `${API}/accounts`, { body: withUnknownCode }), 403, 'forbidden');
      expectProblem(await client.request('POST', `${API}/accounts`, { body: aRegistrationBody('invited-alice') }), 403, 'forbidden');
    });
  });
});
