import { connect } from 'node:net';
import { loadConfig, StarbaseConfig } from '../../src/infrastructure/config';
import { composeServer } from '../../src/infrastructure/compose-server';
import { API } from './http-test-client';

/*
 * A program embedding the home server (child process entry of close-lets-the-process-exit.test.ts):
 * it answers one request whose body the server never reads, closes the server and returns. Node
 * then exits by itself only if nothing of the server still holds the event loop.
 */

/** Far beyond the test's patience: a body deadline left running keeps the process alive this long. */
const BODY_GRACE_MS = 10 * 60_000;

const config: StarbaseConfig = {
  ...loadConfig({}, []),
  storage: 'memory',
  captcha: 'pow',
  rateLimits: false,
  logLevel: 'silent',
  webRoot: null,
  host: '127.0.0.1',
  port: 0,
};

/** A text/plain body is refused with 415 before it is read. */
const UNREAD_BODY_HEAD = (length: number): string =>
  `POST ${API}/accounts HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: ${length}\r\n\r\n`;

/** Sends half of a body, waits for the answer's status line, then hangs up. */
const answerOverSocket = async (url: string): Promise<string> => {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  const statusLine = new Promise<string>((resolve, reject) => {
    socket.once('data', (chunk: Buffer) => resolve(chunk.toString('utf8').split('\r\n')[0] ?? ''));
    socket.once('error', reject);
  });
  socket.write(`${UNREAD_BODY_HEAD(100)}${'x'.repeat(50)}`);
  try {
    return await statusLine;
  } finally {
    socket.destroy();
  }
};

const main = async (mode: string | undefined): Promise<void> => {
  const server = await composeServer(config, { rateLimits: false, clientLimits: { bodyGraceMs: BODY_GRACE_MS } });
  const app = await server.httpApp();
  if (mode === 'inject') {
    const answer = await app.inject({ method: 'POST', url: `${API}/accounts`, headers: { 'content-type': 'text/plain' }, payload: 'not json' });
    process.stdout.write(`${answer.statusCode}\n`);
  } else {
    const url = await app.listen({ host: config.host, port: 0 });
    process.stdout.write(`${await answerOverSocket(url)}\n`);
  }
  await server.close();
};

main(process.argv[2]).catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
