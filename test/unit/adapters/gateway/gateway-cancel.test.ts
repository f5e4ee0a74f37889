/**
 * A person waiting on a server that never answers can stop the wait: a call given a signal ends
 * with `aborted` as soon as it aborts, whether it is waiting for the answer or between retries.
 */
import { FetchHomeServerGateway } from '../../../../src/adapters/gateway/fetch-home-server-gateway';
import { FakeHomeServer, hang, text } from './fake-home-server';
import { sealedEnvelope } from './wire-samples';

const PROFILE = '/api/v1/users/bob/profile';
const CAPTCHA = '/api/v1/users/bob/captcha';
const REQUESTS = '/api/v1/users/bob/friend-requests';
const aborted = { ok: false, error: expect.objectContaining({ code: 'aborted', status: null }) };

describe('FetchHomeServerGateway calls cancelled by their caller', () => {
  let server: FakeHomeServer;

  beforeEach(async () => {
    server = await FakeHomeServer.start();
  });
  afterEach(() => server.close());

  const abortAfter = (ms: number): AbortSignal => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), ms);
    return controller.signal;
  };

  it('ends a read the server never answers at once, long before its 20 s deadline and without retrying it', async () => {
    server.route('GET', PROFILE, hang);
    const gateway = new FetchHomeServerGateway(server.authority, { allowHttp: true });
    const started = Date.now();

    expect(await gateway.getProfile('bob', { signal: abortAfter(100) })).toEqual(aborted);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(server.hits('GET', PROFILE)).toBe(1);
  });

  it('ends a friend request and a captcha read the same way', async () => {
    server.route('POST', REQUESTS, hang);
    server.route('GET', CAPTCHA, hang);
    const gateway = new FetchHomeServerGateway(server.authority, { allowHttp: true });

    expect(await gateway.sendFriendRequest('bob', { captcha: { id: 'c', answer: '1' }, envelope: sealedEnvelope }, { signal: abortAfter(50) })).toEqual(aborted);
    expect(await gateway.getCaptcha('bob', undefined, { signal: abortAfter(50) })).toEqual(aborted);
  });

  it('stops waiting between retries, and tries no more', async () => {
    server.route('GET', PROFILE, text(503, 'Service Unavailable'));
    // A backoff that would never end by itself.
    const gateway = new FetchHomeServerGateway(server.authority, { allowHttp: true, sleep: () => new Promise<void>(() => undefined) });

    expect(await gateway.getProfile('bob', { signal: abortAfter(200) })).toEqual(aborted);
    expect(server.hits('GET', PROFILE)).toBe(1);
  });

  it('asks nothing once the signal has aborted, and still says a deadline is a network error', async () => {
    server.route('GET', PROFILE, hang);
    const gateway = new FetchHomeServerGateway(server.authority, { allowHttp: true, timeoutMs: 100, maxAttempts: 1 });

    expect(await gateway.getProfile('bob', { signal: AbortSignal.abort() })).toEqual(aborted);
    expect(server.hits('GET', PROFILE)).toBe(0);
    const late = await gateway.getProfile('bob', { signal: new AbortController().signal });
    expect(!late.ok && late.error.code).toBe('network_error');
  });
});
