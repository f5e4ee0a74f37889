import { connect, Socket } from 'node:net';
import { aMessageEnvelope, HttpTestClient } from '../../http/http-test-client';
import { HardeningServer, startHardeningServer } from '../support/hardening-server';

/** What a raw socket saw: everything the server sent, and whether (and when) it closed the connection. */
interface SocketWatch {
  readonly socket: Socket;
  received(): string;
  closed(): Promise<number>;
}

const openSocket = async (url: string): Promise<SocketWatch> => {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const startedAt = Date.now();
  let text = '';
  socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  socket.on('error', () => undefined);
  const closedAt = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now() - startedAt)));
  return { socket, received: () => text, closed: () => closedAt };
};

/** Resolves with 'open' if the socket is still open after `ms`. */
const stillOpenAfter = async (watch: SocketWatch, ms: number): Promise<number | 'open'> => {
  let timer: NodeJS.Timeout | undefined;
  const open = new Promise<'open'>((resolve) => (timer = setTimeout(() => resolve('open'), ms)));
  try {
    return await Promise.race([watch.closed(), open]);
  } finally {
    // Once the socket closed, a still running timer would keep the jest worker alive for up to `ms`.
    clearTimeout(timer);
  }
};

/** PROTOCOL §1 (every peer is hostile): a client cannot hold a connection open by sending slowly. */
describe('slow clients, over real sockets', () => {
  let server: HardeningServer;
  let url: string;

  beforeAll(async () => {
    server = await startHardeningServer({
      listen: true,
      rateLimits: {},
      clientLimits: { bodyGraceMs: 1_000, minBodyBytesPerSecond: 100, headersMs: 2_000, connectionsPerAddress: 8 },
    });
    url = server.url ?? '';
    await new HttpTestClient(server.app).signUp('carol');
  });
  afterAll(() => server.close());

  it('ends a request whose body arrives one byte per second with a 408 problem and closes the connection', async () => {
    const watch = await openSocket(url);
    watch.socket.write(
      'POST /api/v1/users/nobody/friend-requests HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 2000\r\n\r\n',
    );
    const drip = setInterval(() => watch.socket.write(' '), 1_000);
    try {
      expect(await stillOpenAfter(watch, 10_000)).not.toBe('open');
    } finally {
      clearInterval(drip);
      watch.socket.destroy();
    }
    expect(watch.received()).toMatch(/^HTTP\/1\.1 408 /);
    expect(watch.received()).toContain('application/problem+json');
  });

  it('refuses a large drop with a bad token before reading its body', async () => {
    const watch = await openSocket(url);
    watch.socket.write(
      'POST /api/v1/users/carol/drops HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer made-up\r\n' +
        'Content-Type: application/json\r\nContent-Length: 60000\r\n\r\n',
    );
    try {
      expect(await stillOpenAfter(watch, 10_000)).not.toBe('open');
    } finally {
      watch.socket.destroy();
    }
    expect(watch.received()).toMatch(/^HTTP\/1\.1 401 /);
    expect(watch.received()).toContain('application/problem+json');
  });

  it('closes a connection that never finishes its headers', async () => {
    const watch = await openSocket(url);
    watch.socket.write('GET /api/v1/users/nobody/profile HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    const drip = setInterval(() => watch.socket.write('X-Slow: 1\r\n'), 500);
    try {
      expect(await stillOpenAfter(watch, 10_000)).not.toBe('open');
    } finally {
      clearInterval(drip);
      watch.socket.destroy();
    }
  });

  it('keeps at most its cap of connections from one client address open, and serves the others', async () => {
    const held = await Promise.all(Array.from({ length: 8 }, () => openSocket(url)));
    const extra = await openSocket(url);
    try {
      expect(await stillOpenAfter(extra, 3_000)).not.toBe('open');
      for (const watch of held) expect(await stillOpenAfter(watch, 0)).toBe('open');
    } finally {
      for (const watch of [...held, extra]) watch.socket.destroy();
    }
    await Promise.all(held.map((watch) => watch.closed()));
    const answer = await fetch(`${url}/api/v1/users/nobody/profile`);
    expect(answer.status).toBe(404);
  });

  it('answers a body that arrived in time, however long its storage then takes', async () => {
    let slowAppends = false;
    const slowStorage = await startHardeningServer({
      listen: true,
      clientLimits: { bodyGraceMs: 1_000, minBodyBytesPerSecond: 100 },
      afterStorageCall: async ({ port, method }) => {
        if (slowAppends && port === 'inbox' && method === 'append') await new Promise((resolve) => setTimeout(resolve, 3_000));
      },
    });
    try {
      const client = new HttpTestClient(slowStorage.app);
      const { token } = await client.issueDropToken(await client.signUp('dave'));
      slowAppends = true;
      const answer = await fetch(`${slowStorage.url ?? ''}/api/v1/users/dave/drops`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ envelope: aMessageEnvelope() }),
      });
      expect(answer.status).toBe(202);
    } finally {
      await slowStorage.close();
    }
  });
});
