import { CAPTCHA_TTL_MS } from '../../src/domain/home-server/captcha';
import { bruteForcePowCaptcha } from '../support/brute-force-pow-captcha';
import { FakeClock } from '../support/fakes';
import { startTestServer, TestServer } from '../support/test-server';
import { API, aMessageEnvelope, aSealedEnvelope, expectProblem, HttpTestClient, randomB64u } from './http-test-client';

describe('public user endpoints', () => {
  let server: TestServer;
  let client: HttpTestClient;
  const clock = new FakeClock();

  beforeAll(async () => {
    server = await startTestServer({ clock, config: { envelopeBytes: 2048, inboxItems: 3 } });
    client = new HttpTestClient(server.app);
    await client.signUp('bob');
  });
  afterAll(() => server.close());

  describe('GET /users/{name}/profile', () => {
    it('shows address, identity key and inbox mode', async () => {
      const response = await client.request('GET', `${API}/users/bob/profile`, { headers: { host: '127.0.0.1:8082' } });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ address: 'bob@127.0.0.1:8082', identityKey: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), openInbox: false });
    });

    it('answers 404 for an unknown name', async () => {
      expectProblem(await client.request('GET', `${API}/users/nobody/profile`), 404, 'not_found');
    });
  });

  describe('GET /users/{name}/captcha (pow)', () => {
    it('issues a proof-of-work challenge without its answer', async () => {
      const response = await client.request('GET', `${API}/users/bob/captcha`);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({
        id: expect.any(String),
        kind: 'pow',
        algorithm: 'SHA-256',
        salt: expect.any(String),
        challenge: expect.stringMatching(/^[0-9a-f]{64}$/),
        maxNumber: 1000,
        expiresAt: clock.now() + CAPTCHA_TTL_MS,
      });
    });

    it('answers 404 for an unknown name', async () => {
      expectProblem(await client.request('GET', `${API}/users/nobody/captcha`), 404, 'not_found');
    });
  });

  describe('POST /users/{name}/friend-requests', () => {
    it('accepts a sealed request with a solved captcha, once', async () => {
      const captcha = await client.solvedCaptcha('bob');
      const body = { captcha, envelope: aSealedEnvelope() };
      const first = await client.request('POST', `${API}/users/bob/friend-requests`, { body });
      expect(first.statusCode).toBe(202);
      expect(first.json()).toEqual({ id: expect.any(String) });
      expectProblem(await client.request('POST', `${API}/users/bob/friend-requests`, { body }), 400, 'captcha_invalid');
    });

    it('accepts the proof-of-work answer as a number too', async () => {
      const captcha = await client.solvedCaptcha('bob');
      const body = { captcha: { id: captcha.id, answer: Number(captcha.answer) }, envelope: aSealedEnvelope() };
      expect((await client.request('POST', `${API}/users/bob/friend-requests`, { body })).statusCode).toBe(202);
    });

    it('answers a wrong answer with captcha_invalid', async () => {
      const captcha = await client.solvedCaptcha('bob');
      const wrong = String((Number(captcha.answer) + 1) % 1001);
      const body = { captcha: { id: captcha.id, answer: wrong }, envelope: aSealedEnvelope() };
      expectProblem(await client.request('POST', `${API}/users/bob/friend-requests`, { body }), 400, 'captcha_invalid');
    });

    it('does not accept a captcha issued for another recipient', async () => {
      await client.signUp('carol');
      const captcha = await client.solvedCaptcha('carol');
      const body = { captcha, envelope: aSealedEnvelope() };
      expectProblem(await client.request('POST', `${API}/users/bob/friend-requests`, { body }), 400, 'captcha_invalid');
    });

    it('answers an expired captcha with captcha_expired', async () => {
      const captcha = await client.solvedCaptcha('bob');
      clock.advance(CAPTCHA_TTL_MS + 1);
      const body = { captcha, envelope: aSealedEnvelope() };
      expectProblem(await client.request('POST', `${API}/users/bob/friend-requests`, { body }), 400, 'captcha_expired');
    });

    it('requires a sealed envelope (with epk) and rejects extra fields', async () => {
      const captcha = await client.solvedCaptcha('bob');
      expectProblem(await client.request('POST', `${API}/users/bob/friend-requests`, { body: { captcha, envelope: aMessageEnvelope() } }), 400, 'validation_failed');
      const extra = { captcha, envelope: { ...aSealedEnvelope(), from: 'alice@x' } };
      expectProblem(await client.request('POST', `${API}/users/bob/friend-requests`, { body: extra }), 400, 'validation_failed');
      expectProblem(await client.request('POST', `${API}/users/bob/friend-requests`, { body: { envelope: aSealedEnvelope() } }), 400, 'validation_failed');
    });

    it('answers an oversized envelope with 413', async () => {
      const captcha = await client.solvedCaptcha('bob');
      const body = { captcha, envelope: aSealedEnvelope(4096) };
      expectProblem(await client.request('POST', `${API}/users/bob/friend-requests`, { body }), 413, 'payload_too_large');
    });
  });

  describe('POST /users/{name}/drops', () => {
    it('refuses a drop without a token into a closed inbox, accepts it into an open one', async () => {
      const dana = await client.signUp('dana');
      expectProblem(await client.request('POST', `${API}/users/dana/drops`, { body: { envelope: aMessageEnvelope() } }), 401, 'unauthorized');
      await client.request('PATCH', `${API}/account`, { token: dana.token, body: { openInbox: true } });
      const open = await client.request('POST', `${API}/users/dana/drops`, { body: { envelope: aSealedEnvelope() } });
      expect(open.statusCode).toBe(202);
    });

    it('answers an unknown token with 401 and an unknown recipient with 404', async () => {
      await client.signUp('erin');
      expectProblem(await client.request('POST', `${API}/users/erin/drops`, { token: randomB64u(32), body: { envelope: aMessageEnvelope() } }), 401, 'unauthorized');
      expectProblem(await client.request('POST', `${API}/users/nobody/drops`, { token: randomB64u(32), body: { envelope: aMessageEnvelope() } }), 404, 'not_found');
    });

    it('answers an oversized envelope with 413, however large', async () => {
      const frank = await client.signUp('frank');
      const token = await client.issueDropToken(frank);
      const justOver = await client.request('POST', `${API}/users/frank/drops`, { token: token.token, body: { envelope: aMessageEnvelope(1600) } });
      expectProblem(justOver, 413, 'payload_too_large');
      const huge = await client.request('POST', `${API}/users/frank/drops`, { token: token.token, body: { envelope: aMessageEnvelope(1024 * 1024) } });
      expectProblem(huge, 413, 'payload_too_large');
    });

    it('answers a full inbox with 507 inbox_full', async () => {
      const gina = await client.signUp('gina');
      const token = await client.issueDropToken(gina);
      for (let i = 0; i < 3; i++) {
        const drop = await client.request('POST', `${API}/users/gina/drops`, { token: token.token, body: { envelope: aMessageEnvelope() } });
        expect(drop.statusCode).toBe(202);
      }
      const full = await client.request('POST', `${API}/users/gina/drops`, { token: token.token, body: { envelope: aMessageEnvelope() } });
      expectProblem(full, 507, 'inbox_full');
    });

    it('rejects an envelope of another version or with bad base64url', async () => {
      const hank = await client.signUp('hank');
      const token = await client.issueDropToken(hank);
      const v2 = { envelope: { ...aMessageEnvelope(), v: 2 } };
      expectProblem(await client.request('POST', `${API}/users/hank/drops`, { token: token.token, body: v2 }), 400, 'validation_failed');
      const badNonce = { envelope: { ...aMessageEnvelope(), nonce: 'a+b/c=d' } };
      expectProblem(await client.request('POST', `${API}/users/hank/drops`, { token: token.token, body: badNonce }), 400, 'validation_failed');
      // 64 bytes spell 86 characters whose last one carries 4 unused bits: 'B' sets one of them.
      const strayBits = { envelope: { ...aMessageEnvelope(), ct: `${randomB64u(64).slice(0, 85)}B` } };
      expectProblem(await client.request('POST', `${API}/users/hank/drops`, { token: token.token, body: strayBits }), 400, 'validation_failed');
      expect((await server.storage.inbox.list('hank', 0, 10)).items).toHaveLength(0);
    });
  });
});

describe('image captcha', () => {
  let server: TestServer;
  let client: HttpTestClient;

  beforeAll(async () => {
    server = await startTestServer({ captcha: 'image' });
    client = new HttpTestClient(server.app);
    await client.signUp('ivy');
  });
  afterAll(() => server.close());

  it('is a PNG whose answer appears nowhere in the response, and accepts the answer in any case', async () => {
    const response = await client.request('GET', `${API}/users/ivy/captcha`);
    expect(response.statusCode).toBe(200);
    const captcha = response.json<{ id: string; kind: string; image: string }>();
    expect(captcha.kind).toBe('image');
    expect(captcha.image).toMatch(/^data:image\/png;base64,/);
    const png = Buffer.from(captcha.image.split(',')[1]!, 'base64');
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');

    const stored = await server.storage.captchas.find(captcha.id);
    const answer = stored!.answer;
    expect(answer).toMatch(/^[A-Z0-9]{5,6}$/);
    for (const form of [answer, answer.toLowerCase(), Buffer.from(answer).toString('base64')]) {
      expect(response.body).not.toContain(form);
      expect(png.toString('latin1')).not.toContain(form);
    }
    expect(captcha.id).not.toContain(answer);

    const body = { captcha: { id: captcha.id, answer: ` ${answer.toLowerCase()} ` }, envelope: { v: 1, epk: 'A'.repeat(42) + 'E', nonce: 'A'.repeat(16), ct: 'A'.repeat(64) } };
    const request = await client.request('POST', `${API}/users/ivy/friend-requests`, { body });
    expect(request.statusCode).toBe(202);
  });
});

describe('a server that takes both captcha kinds (STARBASE_CAPTCHA=both)', () => {
  let server: TestServer;
  let client: HttpTestClient;
  const envelope = aSealedEnvelope();

  beforeAll(async () => {
    server = await startTestServer({ captcha: 'both' });
    client = new HttpTestClient(server.app);
    await client.signUp('jan');
  });
  afterAll(() => server.close());

  it('hands out a picture by default and names proof of work as the alternative', async () => {
    const response = await client.request('GET', `${API}/users/jan/captcha`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ kind: 'image', alternatives: ['pow'] });
  });

  it('hands out proof of work on request, and accepts its solution', async () => {
    const response = await client.request('GET', `${API}/users/jan/captcha?kind=pow`);
    expect(response.statusCode).toBe(200);
    const captcha = response.json<{ id: string; kind: string; salt: string; challenge: string; maxNumber: number; alternatives: string[] }>();
    expect(captcha).toMatchObject({ kind: 'pow', alternatives: ['image'] });
    const sent = await client.request('POST', `${API}/users/jan/friend-requests`, {
      body: { captcha: { id: captcha.id, answer: bruteForcePowCaptcha(captcha) }, envelope },
    });
    expect(sent.statusCode).toBe(202);
  });

  it('refuses an unknown kind as a validation error', async () => {
    expectProblem(await client.request('GET', `${API}/users/jan/captcha?kind=riddle`), 400, 'validation_failed');
  });
});

describe('a server with one captcha kind', () => {
  it('ignores the wish for another kind and names no alternatives', async () => {
    const server = await startTestServer({ captcha: 'image' });
    try {
      const client = new HttpTestClient(server.app);
      await client.signUp('kim');
      const response = await client.request('GET', `${API}/users/kim/captcha?kind=pow`);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ kind: 'image' });
      expect(response.json()).not.toHaveProperty('alternatives');
    } finally {
      await server.close();
    }
  });
});
