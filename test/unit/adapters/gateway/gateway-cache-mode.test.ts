import { FetchHomeServerGateway } from '../../../../src/adapters/gateway/fetch-home-server-gateway';
import { b64u, SESSION } from './wire-samples';

/**
 * The cache mode each call asks fetch for. Writes keep the default mode: with `no-store` Chromium
 * skips its CORS preflight cache and sends an OPTIONS before every chunk dropped on a friend's
 * server (the files bench's SendFiles trace: 11 preflights for 10 chunks, none without it).
 */
describe('FetchHomeServerGateway cache modes', () => {
  const requests: { readonly method: string; readonly cache: RequestCache | undefined }[] = [];
  const gateway = new FetchHomeServerGateway('127.0.0.1:1', {
    allowHttp: true,
    maxAttempts: 1,
    fetch: (_url, init) => {
      requests.push({ method: init?.method ?? 'GET', cache: init?.cache });
      const body = init?.method === 'GET' ? { address: 'bob@x', identityKey: b64u(32), openInbox: false } : { id: 'o1', size: 3 };
      return Promise.resolve(new Response(JSON.stringify(body), { status: init?.method === 'GET' ? 200 : 201, headers: { 'content-type': 'application/json' } }));
    },
  });

  beforeEach(() => requests.splice(0));

  it('reads without the HTTP cache', async () => {
    await gateway.getProfile('bob');
    expect(requests).toEqual([{ method: 'GET', cache: 'no-store' }]);
  });

  it('leaves the cache mode of a drop and of an own-store write to the default, so a preflight is reused', async () => {
    await gateway.dropObject('bob', 'drop-token', new Uint8Array([1, 2, 3]));
    await gateway.putObject(SESSION, 'o1', new Uint8Array([1, 2, 3]));
    expect(requests).toEqual([
      { method: 'POST', cache: undefined },
      { method: 'PUT', cache: undefined },
    ]);
  });
});
