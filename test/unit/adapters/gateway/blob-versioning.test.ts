import { FetchHomeServerGateway } from '../../../../src/adapters/gateway/fetch-home-server-gateway';
import { FakeHomeServer, json, serveBlob } from './fake-home-server';
import { b64u, SESSION } from './wire-samples';

describe('FetchHomeServerGateway blob versioning (If-Match / ETag)', () => {
  let server: FakeHomeServer;
  let gateway: FetchHomeServerGateway;

  beforeEach(async () => {
    server = await FakeHomeServer.start();
    gateway = new FetchHomeServerGateway(server.authority, { allowHttp: true, maxAttempts: 1 });
  });
  afterEach(() => server.close());

  it('reads the blob with its version and writes the next one with If-Match', async () => {
    serveBlob(server, SESSION, { version: 3, ciphertext: b64u(40, 'A') });
    const read = await gateway.readBlob(SESSION);
    expect(read).toEqual({ ok: true, value: { version: 3, ciphertext: b64u(40, 'A') } });

    const written = await gateway.writeBlob(SESSION, { expectedVersion: 3, ciphertext: b64u(40, 'B') });
    expect(written).toEqual({ ok: true, value: { version: 4 } });
    expect(await gateway.readBlob(SESSION)).toEqual({ ok: true, value: { version: 4, ciphertext: b64u(40, 'B') } });
  });

  it('reports a stale write as version_conflict with the server version', async () => {
    const blob = serveBlob(server, SESSION, { version: 5, ciphertext: b64u(40) });
    const written = await gateway.writeBlob(SESSION, { expectedVersion: 4, ciphertext: b64u(40, 'B') });
    expect(!written.ok && written.error).toMatchObject({ code: 'version_conflict', status: 412, currentVersion: 5 });
    expect(blob.ciphertext).toBe(b64u(40));
  });

  it('needs the session token for the blob', async () => {
    serveBlob(server, SESSION, { version: 1, ciphertext: b64u(40) });
    const read = await gateway.readBlob('someone-else');
    expect(!read.ok && read.error.code).toBe('unauthorized');
  });

  it('refuses a blob whose ETag disagrees with its version', async () => {
    server.route('GET', '/api/v1/blob', json(200, { version: 3, ciphertext: b64u(40) }, { etag: '"2"' }));
    const read = await gateway.readBlob(SESSION);
    expect(!read.ok && read.error).toMatchObject({ code: 'bad_response', status: 200 });
  });

  it('accepts a blob without ETag, since a browser may not be allowed to see it', async () => {
    server.route('GET', '/api/v1/blob', json(200, { version: 3, ciphertext: b64u(40) }));
    expect((await gateway.readBlob(SESSION)).ok).toBe(true);
  });

  it('refuses a write answer that is not the next version', async () => {
    server.route('PUT', '/api/v1/blob', json(200, { version: 9 }));
    const written = await gateway.writeBlob(SESSION, { expectedVersion: 3, ciphertext: b64u(40) });
    expect(!written.ok && written.error.code).toBe('bad_response');
  });

  it('treats an expectedVersion that is not a positive integer as a bug', async () => {
    await expect(gateway.writeBlob(SESSION, { expectedVersion: 0, ciphertext: '' })).rejects.toThrow(RangeError);
    await expect(gateway.writeBlob(SESSION, { expectedVersion: 1.5, ciphertext: '' })).rejects.toThrow(RangeError);
  });
});
