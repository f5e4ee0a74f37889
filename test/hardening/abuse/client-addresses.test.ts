import { FastifyInstance } from 'fastify';
import { loadConfig } from '../../../src/infrastructure/config';
import { API, expectProblem, randomB64u } from '../../http/http-test-client';
import { HardeningServer, startHardeningServer } from '../support/hardening-server';

const MAX_LOGINS = 3;

/** A failed login as it reaches the server: from `remoteAddress`, with whatever X-Forwarded-For it carries. */
const login = (app: FastifyInstance, remoteAddress: string, forwardedFor?: string) =>
  app.inject({
    method: 'POST',
    url: `${API}/sessions`,
    remoteAddress,
    headers: { 'content-type': 'application/json', ...(forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor }) },
    payload: JSON.stringify({ name: 'target', authKey: randomB64u(32) }),
  });

describe('STARBASE_TRUST_PROXY', () => {
  it('takes off, a hop count or the proxies’ addresses, and refuses to trust every hop', () => {
    const trust = (value: string) => loadConfig({ STARBASE_TRUST_PROXY: value }, []).trustProxy;
    expect(trust('off')).toBe(false);
    expect(trust('1')).toBe(1);
    expect(trust('127.0.0.1, ::1,10.0.0.0/8,loopback')).toEqual(['127.0.0.1', '::1', '10.0.0.0/8', 'loopback']);
    for (const refused of ['on', 'true', '0', '11', '10.0.0.0/33', 'proxy.example.org', '127.0.0.1,']) {
      expect(() => trust(refused)).toThrow(/STARBASE_TRUST_PROXY/);
    }
  });
});

/** Rate limits key on the real client, whatever a client writes into X-Forwarded-For (PROTOCOL §5). */
describe.each([
  ['one proxy hop', '1'],
  ['the proxy’s address', '127.0.0.1'],
])('behind a proxy that appends the client address, trusting %s', (_label, setting) => {
  let server: HardeningServer;

  beforeAll(async () => {
    server = await startHardeningServer({
      rateLimits: { login: { max: MAX_LOGINS, windowMs: 60_000 } },
      config: { trustProxy: loadConfig({ STARBASE_TRUST_PROXY: setting }, []).trustProxy },
    });
  });
  afterAll(() => server.close());

  it('limits a client who spoofs a new left-most X-Forwarded-For on every attempt', async () => {
    for (let n = 0; n < MAX_LOGINS; n += 1) {
      expect((await login(server.app, '127.0.0.1', `198.51.100.${n}, 203.0.113.9`)).statusCode).toBe(401);
    }
    expectProblem(await login(server.app, '127.0.0.1', '198.51.100.77, 203.0.113.9'), 429, 'rate_limited');
    expect((await login(server.app, '127.0.0.1', '203.0.113.10')).statusCode).toBe(401);
  });
});

describe('IPv6 clients', () => {
  let server: HardeningServer;

  beforeAll(async () => {
    server = await startHardeningServer({ rateLimits: { login: { max: MAX_LOGINS, windowMs: 60_000 } } });
  });
  afterAll(() => server.close());

  it('share one limit per /64, so rotating addresses within it gains nothing', async () => {
    for (let n = 0; n < MAX_LOGINS; n += 1) expect((await login(server.app, `2001:db8:1:2::${n + 1}`)).statusCode).toBe(401);
    expectProblem(await login(server.app, '2001:db8:1:2:ffff:ffff:ffff:fffe'), 429, 'rate_limited');
    expect((await login(server.app, '2001:db8:1:3::1')).statusCode).toBe(401);
  });

  it('count an IPv4-mapped address as the IPv4 client it is', async () => {
    for (let n = 0; n < MAX_LOGINS; n += 1) expect((await login(server.app, '192.0.2.44')).statusCode).toBe(401);
    expectProblem(await login(server.app, '::ffff:192.0.2.44'), 429, 'rate_limited');
  });
});
