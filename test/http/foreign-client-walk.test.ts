import { bruteForcePowCaptcha } from '../support/brute-force-pow-captcha';
import { startTestServer, TestServer } from '../support/test-server';
import { aKdfBody, anIdentityKeyB64u, aMessageEnvelope, aSealedEnvelope, randomB64u } from './http-test-client';
import { SseReader } from './sse-reader';

/**
 * A client written from PROTOCOL.md alone, over real HTTP with fetch(): Alice and Bob on two
 * home servers, every call of §5 in the order a real client makes them.
 */
describe('a foreign client walks the whole protocol', () => {
  let aliceHome: TestServer;
  let bobHome: TestServer;

  beforeAll(async () => {
    aliceHome = await startTestServer({ listen: true, storage: 'sqlite' });
    bobHome = await startTestServer({ listen: true });
  });
  afterAll(async () => {
    await aliceHome.close();
    await bobHome.close();
  });

  const call = async (base: string, method: string, path: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) => {
    const discovery = (await (await fetch(`${base}/.well-known/starbase`)).json()) as { api: string };
    const response = await fetch(`${base}${discovery.api}${path}`, {
      method,
      headers: {
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...options.headers,
      },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, json: text ? (JSON.parse(text) as Record<string, unknown>) : null };
  };

  it('register → login → blob → drop tokens → captcha → friend request → drops → inbox → events → logout → delete', async () => {
    const alice = aliceHome.url!;
    const bob = bobHome.url!;

    const wellKnown = await (await fetch(`${bob}/.well-known/starbase`)).json();
    expect(wellKnown).toMatchObject({ protocol: 'starbase/2', captcha: 'pow', registration: 'open' });

    // Registration and login on each home server.
    const aliceKey = randomB64u(32);
    const bobKey = randomB64u(32);
    const aliceKdf = aKdfBody();
    const registered = await call(alice, 'POST', '/accounts', {
      body: { name: 'alice', authKey: aliceKey, kdf: aliceKdf, identityKey: anIdentityKeyB64u(), blob: { ciphertext: randomB64u(100) } },
    });
    expect(registered).toMatchObject({ status: 201, json: { address: `alice@${new URL(alice).host}` } });
    expect((await call(bob, 'POST', '/accounts', { body: { name: 'bob', authKey: bobKey, kdf: aKdfBody(), identityKey: anIdentityKeyB64u(), blob: { ciphertext: randomB64u(100) } } })).status).toBe(201);
    expect((await call(alice, 'GET', '/accounts/alice/kdf')).json).toEqual(aliceKdf);
    const aliceSession = (await call(alice, 'POST', '/sessions', { body: { name: 'alice', authKey: aliceKey } })).json as { token: string };
    const bobSession = (await call(bob, 'POST', '/sessions', { body: { name: 'bob', authKey: bobKey } })).json as { token: string };

    // Blob read/write with a conflicting second device.
    const blob = await call(alice, 'GET', '/blob', { token: aliceSession.token });
    expect(blob.headers.get('etag')).toBe('"1"');
    expect((await call(alice, 'PUT', '/blob', { token: aliceSession.token, body: { ciphertext: randomB64u(120) }, headers: { 'if-match': '"1"' } })).json).toEqual({ version: 2 });
    const conflict = await call(alice, 'PUT', '/blob', { token: aliceSession.token, body: { ciphertext: randomB64u(120) }, headers: { 'if-match': '"1"' } });
    expect(conflict).toMatchObject({ status: 412, json: { code: 'version_conflict', currentVersion: 2 } });
    expect(conflict.headers.get('content-type')).toMatch(/^application\/problem\+json/);

    // Alice makes a drop token for Bob at her own server, then requests friendship at Bob's.
    const tA = (await call(alice, 'POST', '/drop-tokens', { token: aliceSession.token, body: {} })).json as { id: string; token: string };
    const profile = await call(bob, 'GET', '/users/bob/profile');
    expect(profile.json).toMatchObject({ address: `bob@${new URL(bob).host}`, openInbox: false });
    const captcha = (await call(bob, 'GET', '/users/bob/captcha')).json as { id: string; salt: string; challenge: string; maxNumber: number };
    const request = await call(bob, 'POST', '/users/bob/friend-requests', {
      body: { captcha: { id: captcha.id, answer: String(bruteForcePowCaptcha(captcha)) }, envelope: aSealedEnvelope() },
    });
    expect(request.status).toBe(202);

    // Bob picks it up from his own inbox and answers with a drop into Alice's inbox using tA, while Alice listens.
    const bobInbox = (await call(bob, 'GET', '/inbox', { token: bobSession.token })).json as { items: Array<{ id: string; kind: string }>; next: null };
    expect(bobInbox.items.map((item) => item.kind)).toEqual(['friend-request']);
    expect((await call(bob, 'POST', '/inbox/ack', { token: bobSession.token, body: { ids: [bobInbox.items[0]!.id] } })).json).toEqual({ deleted: 1 });

    const events = new SseReader(await fetch(`${alice}/api/v1/inbox/events`, { headers: { authorization: `Bearer ${aliceSession.token}` } }));
    await events.readUntil(': subscribed\n\n');
    const accept = await call(alice, 'POST', '/users/alice/drops', { token: tA.token, body: { envelope: aSealedEnvelope() } });
    expect(accept.status).toBe(202);
    expect(await events.readUntil('\n\n')).toBe('event: inbox\ndata: {}\n\n');
    await call(alice, 'POST', '/users/alice/drops', { token: tA.token, body: { envelope: aMessageEnvelope() } });
    await events.readUntil('event: inbox');
    await events.cancel();

    const aliceInbox = (await call(alice, 'GET', '/inbox?limit=10', { token: aliceSession.token })).json as { items: Array<{ id: string; tokenId: string }>; next: null };
    expect(aliceInbox.items.map((item) => item.tokenId)).toEqual([tA.id, tA.id]);
    expect((await call(alice, 'POST', '/inbox/ack', { token: aliceSession.token, body: { ids: aliceInbox.items.map((item) => item.id) } })).json).toEqual({ deleted: 2 });
    expect(((await call(alice, 'GET', '/drop-tokens', { token: aliceSession.token })).json as unknown as Array<{ uses: number }>)[0]!.uses).toBe(2);

    // Logout, then Bob leaves for good.
    expect((await call(alice, 'DELETE', '/sessions/current', { token: aliceSession.token })).status).toBe(204);
    expect((await call(alice, 'GET', '/blob', { token: aliceSession.token })).status).toBe(401);
    expect((await call(bob, 'DELETE', '/account', { token: bobSession.token, body: { authKey: bobKey } })).status).toBe(204);
    expect((await call(bob, 'GET', '/users/bob/profile')).json).toMatchObject({ code: 'not_found' });
  });
});
