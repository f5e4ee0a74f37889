/**
 * Issue 11 F1: every call has an absolute deadline, whatever a hostile server does with its body.
 * The server here is a real socket that sends one byte of body at a time, well inside the idle
 * timeout, so only a deadline that progress does not extend can end the call.
 */
import { FetchHomeServerGateway } from '../../../../src/adapters/gateway/fetch-home-server-gateway';
import { DribblingServer, startDribblingServer } from '../../../support/dribbling-server';

jest.setTimeout(30_000);

describe('gateway deadlines against a server that dribbles its answer', () => {
  let server: DribblingServer;

  beforeEach(async () => {
    server = await startDribblingServer(200);
  });
  afterEach(() => server.close());

  it('ends a profile read at its deadline as a network_error, and closes the connection', async () => {
    const gateway = new FetchHomeServerGateway(server.authority, { allowHttp: true, timeoutMs: 1000, maxAttempts: 1 });
    const started = Date.now();
    const found = await gateway.getProfile('mallory');
    expect(found).toEqual({ ok: false, error: expect.objectContaining({ code: 'network_error' }) });
    // Headers at once, then 1 s plus one second for a 64 KiB answer at 64 KiB/s: about 2 s, never open-ended.
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(server.requests).toEqual([expect.stringMatching(/^GET \/api\/v1\/users\/mallory\/profile /)]);
  });

  it('ends a drop (a POST to a friend\'s server) the same way', async () => {
    const gateway = new FetchHomeServerGateway(server.authority, { allowHttp: true, timeoutMs: 1000 });
    const dropped = await gateway.drop('bob', 'token', { envelope: { v: 1, nonce: 'AAAAAAAAAAAAAAAA', ct: 'A'.repeat(400) } });
    expect(!dropped.ok && dropped.error.code).toBe('network_error');
  });
});
