import { createServer, Server, Socket } from 'node:net';
import { AddressInfo } from 'node:net';

/**
 * A hostile server on a real socket: it answers every HTTP request with a 200 status line and
 * JSON headers at once, then sends the body one byte every `intervalMs`, forever. A client whose
 * timeout restarts on every chunk never finishes reading from it.
 */
export interface DribblingServer {
  readonly authority: string;
  /** Requests seen, as their request lines (`GET /api/v1/users/x/profile HTTP/1.1`). */
  readonly requests: readonly string[];
  /** Sockets still open right now. */
  openSockets(): number;
  close(): Promise<void>;
}

export const startDribblingServer = async (intervalMs: number): Promise<DribblingServer> => {
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    let head = '';
    let answered = false;
    socket.on('data', (data) => {
      if (answered) return;
      head += data.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      answered = true;
      requests.push(head.slice(0, head.indexOf('\r\n')));
      socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\r\n');
      const body = '{"address":"' + 'x'.repeat(1_000_000);
      let sent = 0;
      const timer = setInterval(() => {
        if (socket.destroyed) {
          clearInterval(timer);
          timers.delete(timer);
          return;
        }
        socket.write(body[sent % body.length] ?? 'x');
        sent += 1;
      }, intervalMs);
      timers.add(timer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    authority: `127.0.0.1:${port}`,
    requests,
    openSockets: () => [...sockets].filter((socket) => !socket.destroyed).length,
    close: async () => {
      for (const timer of timers) clearInterval(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
