import { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { RateLimitRules } from '../../../src/adapters/http/rate-limits';
import { aRegistrationBody, aSealedEnvelope, API, expectProblem, HttpTestClient, randomB64u } from '../../http/http-test-client';
import { HardeningServer, startHardeningServer } from '../support/hardening-server';

const MAX = 3;
const roomy = { max: 10_000, windowMs: 60_000 };
const only = (rule: keyof RateLimitRules): RateLimitRules => ({
  login: roomy,
  register: roomy,
  captchaPerClient: roomy,
  captchaLoadPerRecipient: roomy,
  friendRequestPerClient: roomy,
  openInboxDropPerClient: roomy,
  [rule]: { max: MAX, windowMs: 60_000 },
});

interface Caller {
  readonly app: FastifyInstance;
  readonly client: HttpTestClient;
}

type Call = (caller: Caller, from: string, recipient: string) => Promise<LightMyRequestResponse>;

/** inject's remoteAddress is the client address the limits key on. */
const fromAddress = (app: FastifyInstance, address: string) => (method: 'GET' | 'POST', url: string, body?: unknown) =>
  app.inject({ method, url, remoteAddress: address, ...(body === undefined ? {} : { payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } }) });

const login: Call = ({ app }, from) => fromAddress(app, from)('POST', `${API}/sessions`, { name: 'target', authKey: randomB64u(32) });
const register: Call = ({ app }, from) => fromAddress(app, from)('POST', `${API}/accounts`, aRegistrationBody(`n${randomB64u(6).toLowerCase().replace(/[^a-z0-9]/g, 'x')}`));
const captcha: Call = ({ app }, from, recipient) => fromAddress(app, from)('GET', `${API}/users/${recipient}/captcha`);
const friendRequest: Call = async ({ app, client }, from, recipient) =>
  fromAddress(app, from)('POST', `${API}/users/${recipient}/friend-requests`, { captcha: await client.solvedCaptcha(recipient), envelope: aSealedEnvelope() });

const openInboxDrop: Call = ({ app }, from, recipient) => fromAddress(app, from)('POST', `${API}/users/${recipient}/drops`, { envelope: aSealedEnvelope() });

/** PROTOCOL §5, §10: logins, registrations, captchas, friend requests and open-inbox drops are rate-limited; the answer is 429 with Retry-After. */
describe.each([
  ['login', login, 'per client'],
  ['register', register, 'per client'],
  ['captchaPerClient', captcha, 'per client'],
  ['friendRequestPerClient', friendRequest, 'per client'],
  ['openInboxDropPerClient', openInboxDrop, 'per client'],
] as const)('rate limit %s', (rule, call, scope) => {
  let server: HardeningServer;
  let client: HttpTestClient;

  beforeAll(async () => {
    server = await startHardeningServer({ rateLimits: only(rule) });
    client = new HttpTestClient(server.app);
    for (const name of ['target', 'other-target']) {
      await fromAddress(server.app, '10.9.9.9')('POST', `${API}/accounts`, aRegistrationBody(name));
    }
  });
  afterAll(() => server.close());

  it(`answers the call after ${MAX} with 429 rate_limited and a Retry-After the body repeats, ${scope}`, async () => {
    for (let n = 0; n < MAX; n += 1) expect((await call({ app: server.app, client }, '10.0.0.1', 'target')).statusCode).toBeLessThan(429);
    const limited = await call({ app: server.app, client }, '10.0.0.1', 'target');
    const body = expectProblem(limited, 429, 'rate_limited');
    const retryAfter = Number(limited.headers['retry-after']);
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
    expect(body.retryAfter).toBe(retryAfter);

    if (scope === 'per client') {
      expect((await call({ app: server.app, client }, '10.0.0.2', 'target')).statusCode).toBeLessThan(429);
    } else {
      expectProblem(await call({ app: server.app, client }, '10.0.0.2', 'target'), 429, 'rate_limited');
      expect((await call({ app: server.app, client }, '10.0.0.2', 'other-target')).statusCode).toBeLessThan(429);
    }
  });
});
