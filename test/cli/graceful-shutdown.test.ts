import { request } from 'node:http';
import { API, aRegistrationBody } from '../http/http-test-client';
import { freshDataDir, removeDir, useCli } from './cli-harness';

interface Answer {
  readonly status: number;
  readonly connection: string | undefined;
  readonly body: string;
}

describe('starbase serve: graceful shutdown', () => {
  let dataDir: string;
  const cli = useCli(() => dataDir);

  beforeEach(() => {
    dataDir = freshDataDir();
  });
  afterEach(() => removeDir(dataDir));

  it('finishes a request that is in flight when SIGTERM arrives, closes its connection, then exits 0', async () => {
    const server = await cli.serve({ STARBASE_LOG_LEVEL: 'info' });
    const body = JSON.stringify(aRegistrationBody('alice'));
    const half = Math.floor(body.length / 2);

    const url = new URL(`${server.url}${API}/accounts`);
    const slow = request({
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    });
    const answered = new Promise<Answer>((resolve, reject) => {
      slow.on('response', (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, connection: response.headers.connection, body: text }));
      });
      slow.on('error', reject);
    });
    slow.write(body.slice(0, half));
    // The server logs each request as it starts: from here on it is in flight.
    await server.waitForLine(/^(?=.*"msg":"incoming request")(?=.*"url":"\/api\/v1\/accounts").*$/);

    server.child.kill('SIGTERM');
    await server.waitForLine(/SIGTERM: shutting down/);
    expect(server.child.exitCode).toBeNull();
    slow.end(body.slice(half));

    const answer = await answered;
    expect(answer.status).toBe(201);
    // Without this, the client's keep-alive socket would hold the process open after the response.
    expect(answer.connection).toBe('close');
    expect(JSON.parse(answer.body)).toEqual({ address: expect.stringMatching(/^alice@/) });
    expect(await server.exited).toBe(0);
  });

  it('exits 0 on SIGTERM when idle, and closes the database cleanly', async () => {
    const server = await cli.serve();
    expect(await server.stop()).toBe(0);
    const stats = await cli.run(['admin', 'stats', '--json']);
    expect(stats).toMatchObject({ code: 0 });
  });
});
