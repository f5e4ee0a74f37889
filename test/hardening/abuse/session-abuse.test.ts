import { randomBytes } from 'node:crypto';
import { SESSION_TTL_MS } from '../../../src/domain/home-server/session';
import { aKdfBody, API, expectProblem, HttpTestClient, randomB64u, SignedUp } from '../../http/http-test-client';
import { FakeClock } from '../../support/fakes';
import { HardeningServer, startHardeningServer } from '../support/hardening-server';
import { claimsOf, forgeJwt } from '../support/jwt-forge';

/** PROTOCOL §5 sessions: pinned algorithm, audience, issuer, ≤ 1 h, a recorded jti that revocation removes. */
describe('session and JWT abuse', () => {
  let server: HardeningServer;
  let client: HttpTestClient;
  let alice: SignedUp;
  let bob: SignedUp;
  let serverKey: Uint8Array;
  const clock = new FakeClock();

  beforeAll(async () => {
    server = await startHardeningServer({ clock });
    client = new HttpTestClient(server.app);
    alice = await client.signUp('alice');
    bob = await client.signUp('bob');
    // Read through the storage port, as someone who stole the database would: the worst case.
    serverKey = await server.storage.secrets.getOrCreate('session-signing-key', () => {
      throw new Error('the server should have created its signing key at the first login');
    });
  });
  afterAll(() => server.close());

  const blobWith = (token: string) => client.request('GET', `${API}/blob`, { token });
  const HS256 = { alg: 'HS256', typ: 'JWT' };
  const nowS = () => Math.floor(clock.now() / 1000);

  describe('forged tokens', () => {
    it('control: a token built like the server builds it, over a recorded session, is accepted', async () => {
      const token = forgeJwt(HS256, claimsOf(alice.token), serverKey);
      expect((await blobWith(token)).statusCode).toBe(200);
    });

    it.each([
      ['alg none', { alg: 'none', typ: 'JWT' }, {}, 'none'],
      ['alg none, no typ', { alg: 'none' }, {}, 'none'],
      ['HS512 with the right key (algorithm pinned)', { alg: 'HS512', typ: 'JWT' }, {}, 'server'],
      ['HS384 with the right key', { alg: 'HS384', typ: 'JWT' }, {}, 'server'],
      ['signed with another key', HS256, {}, 'other'],
      ['a wrong audience', HS256, { aud: 'starbase/2' }, 'server'],
      ['an audience list without ours', HS256, { aud: ['other'] }, 'server'],
      ['no audience', HS256, { aud: undefined }, 'server'],
      ['a wrong issuer', HS256, { iss: 'evil' }, 'server'],
      ['no jti', HS256, { jti: undefined }, 'server'],
      ['a jti the server never recorded', HS256, { jti: 'never-issued' }, 'server'],
      ["bob as subject over alice's session", HS256, { sub: 'bob' }, 'server'],
      ['an expired exp', HS256, { exp: 'past' }, 'server'],
      ['no exp', HS256, { exp: undefined }, 'server'],
      ['an iat older than an hour', HS256, { iat: 'old' }, 'server'],
    ] as const)('rejects %s', async (_label, header, overrides, signer) => {
      const claims: Record<string, unknown> = { ...claimsOf(alice.token) };
      for (const [name, value] of Object.entries(overrides)) {
        if (value === undefined) delete claims[name];
        else if (value === 'past') claims[name] = nowS() - 10;
        else if (value === 'old') claims[name] = nowS() - 3601;
        else claims[name] = value;
      }
      const key = signer === 'none' ? null : signer === 'server' ? serverKey : new Uint8Array(randomBytes(32));
      expectProblem(await blobWith(forgeJwt(header, claims, key)), 401, 'unauthorized');
    });
  });

  describe('lifetime and revocation', () => {
    it('a session dies after an hour, even when its token claims a longer life', async () => {
      const login = await client.login('alice', alice.authKey);
      const { token } = login.json<{ token: string }>();
      const longLived = forgeJwt(HS256, { ...claimsOf(token), exp: nowS() + 24 * 3600 }, serverKey);
      expect((await blobWith(longLived)).statusCode).toBe(200);
      clock.advance(SESSION_TTL_MS);
      expectProblem(await blobWith(token), 401, 'unauthorized');
      expectProblem(await blobWith(longLived), 401, 'unauthorized');
    });

    it('logout kills that session only', async () => {
      const first = (await client.login('bob', bob.authKey)).json<{ token: string }>().token;
      const second = (await client.login('bob', bob.authKey)).json<{ token: string }>().token;
      expect((await client.request('DELETE', `${API}/sessions/current`, { token: first })).statusCode).toBe(204);
      expectProblem(await blobWith(first), 401, 'unauthorized');
      expectProblem(await client.request('DELETE', `${API}/sessions/current`, { token: first }), 401, 'unauthorized');
      expect((await blobWith(second)).statusCode).toBe(200);
    });

    it('a password change kills every session, and the old key no longer logs in', async () => {
      const carol = await client.signUp('carol');
      const other = (await client.login('carol', carol.authKey)).json<{ token: string }>().token;
      const blob = (await blobWith(carol.token)).json<{ version: number }>();
      const newKey = randomB64u(32);
      const change = await client.request('PUT', `${API}/account/credentials`, {
        token: carol.token,
        body: { currentAuthKey: carol.authKey, authKey: newKey, kdf: aKdfBody(), blob: { version: blob.version, ciphertext: randomB64u(60) } },
      });
      expect(change.statusCode).toBe(200);
      expectProblem(await blobWith(carol.token), 401, 'unauthorized');
      expectProblem(await blobWith(other), 401, 'unauthorized');
      expectProblem(await client.login('carol', carol.authKey), 401, 'unauthorized');
      expect((await client.login('carol', newKey)).statusCode).toBe(201);
    });

    it('deleting the account kills every session, and they stay dead for a new account of the same name', async () => {
      const dave = await client.signUp('dave');
      const other = (await client.login('dave', dave.authKey)).json<{ token: string }>().token;
      expect((await client.request('DELETE', `${API}/account`, { token: dave.token, body: { authKey: dave.authKey } })).statusCode).toBe(204);
      expectProblem(await blobWith(dave.token), 401, 'unauthorized');
      await client.signUp('dave');
      expectProblem(await blobWith(dave.token), 401, 'unauthorized');
      expectProblem(await blobWith(other), 401, 'unauthorized');
    });

    it('a session token is not a drop token and a drop token is not a session', async () => {
      const erin = await client.signUp('erin');
      const dropToken = await client.issueDropToken(erin);
      const drop = await client.request('POST', `${API}/users/erin/drops`, { token: erin.token, body: { envelope: { v: 1, nonce: randomB64u(12), ct: randomB64u(32) } } });
      expectProblem(drop, 401, 'unauthorized');
      expectProblem(await blobWith(dropToken.token), 401, 'unauthorized');
    });
  });
});
