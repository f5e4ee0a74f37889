import { startTestServer, TestServer } from '../support/test-server';
import { API, aRegistrationBody, aSealedEnvelope, expectProblem, HttpTestClient, randomB64u } from './http-test-client';

describe('rate limits', () => {
  let server: TestServer;
  let client: HttpTestClient;
  const rule = { max: 2, windowMs: 60_000 };

  beforeAll(async () => {
    server = await startTestServer({
      rateLimits: {
        login: rule,
        register: rule,
        captchaPerClient: { max: 100, windowMs: 60_000 },
        captchaLoadPerRecipient: rule,
        friendRequestPerClient: rule,
        openInboxDropPerClient: rule,
      },
    });
    client = new HttpTestClient(server.app);
  });
  afterAll(() => server.close());

  it('limits logins per client address with 429 rate_limited and Retry-After', async () => {
    for (let i = 0; i < 2; i++) expect((await client.login('whoever', randomB64u(32))).statusCode).toBe(401);
    const limited = await client.login('whoever', randomB64u(32));
    const problem = expectProblem(limited, 429, 'rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(problem.retryAfter).toBe(Number(limited.headers['retry-after']));
  });

  it('counts each client address on its own', async () => {
    const elsewhere = await server.app.inject({
      method: 'POST',
      url: `${API}/sessions`,
      remoteAddress: '192.0.2.7',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'whoever', authKey: randomB64u(32) }),
    });
    expect(elsewhere.statusCode).toBe(401);
  });

  it('limits registrations', async () => {
    for (let i = 0; i < 2; i++) {
      expect((await client.request('POST', `${API}/accounts`, { body: aRegistrationBody(`rl-user-${i}`) })).statusCode).toBe(201);
    }
    expectProblem(await client.request('POST', `${API}/accounts`, { body: aRegistrationBody('rl-user-9') }), 429, 'rate_limited');
  });

  it('makes captchas for a recipient under load harder instead of refusing them', async () => {
    const fetchFrom = (remoteAddress: string) => server.app.inject({ method: 'GET', url: `${API}/users/rl-user-0/captcha`, remoteAddress });
    const work = async (remoteAddress: string) => {
      const answer = await fetchFrom(remoteAddress);
      expect(answer.statusCode).toBe(200);
      return answer.json<{ maxNumber: number }>().maxNumber;
    };
    const usual = await work('192.0.2.1');
    expect(await work('192.0.2.2')).toBe(usual);
    expect(await work('192.0.2.3')).toBe(usual * 2);
    expect(await work('192.0.2.4')).toBe(usual * 2);
    expect(await work('192.0.2.5')).toBe(usual * 4);
  });

  it('limits friend requests per client address before looking at the captcha', async () => {
    const body = { captcha: { id: 'unknown', answer: '1' }, envelope: aSealedEnvelope() };
    for (let i = 0; i < 2; i++) {
      expectProblem(await client.request('POST', `${API}/users/rl-user-1/friend-requests`, { body }), 400, 'captcha_invalid');
    }
    expectProblem(await client.request('POST', `${API}/users/rl-user-1/friend-requests`, { body }), 429, 'rate_limited');
  });

});

describe('open-inbox drop rate limit', () => {
  let server: TestServer;
  let client: HttpTestClient;

  beforeAll(async () => {
    server = await startTestServer({ rateLimits: { openInboxDropPerClient: { max: 2, windowMs: 60_000 } } });
    client = new HttpTestClient(server.app);
  });
  afterAll(() => server.close());

  it('limits open-inbox drops per client address, but never drops that carry a friend’s token', async () => {
    const owner = await client.signUp('rl-open');
    await client.request('PATCH', `${API}/account`, { token: owner.token, body: { openInbox: true } });
    const friend = await client.issueDropToken(owner);
    const drop = (token?: string) =>
      server.app.inject({
        method: 'POST',
        url: `${API}/users/rl-open/drops`,
        remoteAddress: '198.51.100.4',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        payload: JSON.stringify({ envelope: aSealedEnvelope() }),
      });
    for (let i = 0; i < 2; i++) expect((await drop()).statusCode).toBe(202);
    expectProblem(await drop(), 429, 'rate_limited');
    for (let i = 0; i < 3; i++) expect((await drop(friend.token)).statusCode).toBe(202);
  });

  it('counts object drops without a token against the same limit (they are refused anyway), never those with one', async () => {
    const owner = await client.signUp('rl-objects');
    const friend = await client.issueDropToken(owner);
    const dropObject = (token?: string) =>
      server.app.inject({
        method: 'POST',
        url: `${API}/users/rl-objects/objects`,
        remoteAddress: '198.51.100.5',
        headers: { 'content-type': 'application/octet-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        payload: Buffer.alloc(100),
      });
    for (let i = 0; i < 2; i++) expectProblem(await dropObject(), 401, 'unauthorized');
    expectProblem(await dropObject(), 429, 'rate_limited');
    for (let i = 0; i < 3; i++) expect((await dropObject(friend.token)).statusCode).toBe(202);
  });
});
