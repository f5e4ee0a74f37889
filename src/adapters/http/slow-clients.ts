import { FastifyInstance, FastifyReply, FastifyServerOptions } from 'fastify';
import type { IncomingMessage, ServerOptions } from 'node:http';
import type { Server, Socket } from 'node:net';
import { clientKeyOf } from './client-address';
import { HttpProblem } from './problem';

/** How long and how slowly a client may hold a connection (PROTOCOL §1: every peer is hostile). */
export interface ClientLimits {
  /** Time to send the request line and headers. */
  readonly headersMs: number;
  /** A body may start slowly for this long… */
  readonly bodyGraceMs: number;
  /** …then must keep arriving at this average rate, or the request ends with 408. */
  readonly minBodyBytesPerSecond: number;
  /** A connection with no traffic either way is closed after this long (event streams send heartbeats). */
  readonly idleMs: number;
  /** Open connections from one client address; null: no cap (behind a reverse proxy, which caps them). */
  readonly connectionsPerAddress: number | null;
  /** Open `/inbox/events` streams of one account (its devices and tabs)… */
  readonly eventStreamsPerAccount: number;
  /** …and from one client address, whatever the accounts (also behind a proxy). */
  readonly eventStreamsPerAddress: number;
}

export const DEFAULT_CLIENT_LIMITS: ClientLimits = {
  headersMs: 10_000,
  bodyGraceMs: 10_000,
  minBodyBytesPerSecond: 16 * 1024,
  idleMs: 60_000,
  connectionsPerAddress: 64,
  eventStreamsPerAccount: 10,
  eventStreamsPerAddress: 20,
};

/**
 * Node's own timeouts, as a backstop behind the body deadline below. Both go to createServer:
 * Node compares `headersTimeout` with `requestTimeout` and, when the first is larger, swaps them
 * (ConnectionsList::Expired), so a `requestTimeout` set alone (below the 60 s default headers
 * timeout) silently turns into the headers timeout and the body gets 60 s more, checked only every
 * 30 s. That is why Fastify's `requestTimeout` alone did not end a body sent one byte every 10 s.
 */
export interface ServerTimeouts extends Pick<FastifyServerOptions, 'connectionTimeout' | 'requestTimeout'> {
  readonly http: ServerOptions;
}

export const serverTimeouts = (limits: ClientLimits, largestBodyBytes: number): ServerTimeouts => {
  const requestTimeout = limits.headersMs + bodyDeadlineMs(limits, largestBodyBytes) + 1_000;
  return {
    connectionTimeout: limits.idleMs,
    requestTimeout,
    http: { headersTimeout: limits.headersMs, requestTimeout, connectionsCheckingInterval: 1_000 },
  };
};

/** The latest a body of this size may finish at the minimum rate. */
const bodyDeadlineMs = (limits: ClientLimits, bytes: number): number =>
  limits.bodyGraceMs + Math.ceil((bytes / limits.minBodyBytesPerSecond) * 1000);

const CHECK_EVERY_MS = 1_000;

/** A request body being read, as the deadline's sweep looks at it. */
interface BodyUnderWatch {
  readonly startedAt: number;
  readonly bytesAtStart: number;
  readonly socket: Socket;
  /** What the socket delivers, ended once the body is read… */
  readonly body: IncomingMessage;
  /** …and what the body parser reads from it, where the 408 goes. */
  readonly payload: NodeJS.EventEmitter;
  readonly reply: FastifyReply;
}

/**
 * Ends a request whose body trickles in (a slow-loris holding a connection and a parser) with a
 * 408 problem and a closed connection: after the grace period its bytes must keep up with the
 * minimum rate. Node's timers alone are coarse and only a backstop (see serverTimeouts).
 * One sweep a second looks at every body being read, rather than a timer and four listeners per
 * request for bodies that nearly always arrive in one packet (BENCHMARKS.md, "The HTTP layer alone").
 */
export const installBodyDeadline = (app: FastifyInstance, limits: ClientLimits): void => {
  const watched = new Set<BodyUnderWatch>();
  let sweeper: NodeJS.Timeout | undefined;
  const tooSlow = (watch: BodyUnderWatch, now: number): boolean => {
    const elapsedMs = now - watch.startedAt;
    if (elapsedMs < limits.bodyGraceMs) return false;
    const owed = ((elapsedMs - limits.bodyGraceMs) / 1000) * limits.minBodyBytesPerSecond;
    return watch.socket.bytesRead - watch.bytesAtStart < owed;
  };
  const sweep = (): void => {
    const now = Date.now();
    for (const watch of watched) {
      // A body read in full stays watched until its answer is sent; its handler may take its time.
      if (watch.body.readableEnded || watch.body.destroyed) watched.delete(watch);
      else if (tooSlow(watch, now)) {
        watched.delete(watch);
        watch.reply.header('connection', 'close');
        watch.payload.emit('error', new HttpProblem(408, 'validation_failed', 'Request timeout', `The request body arrived slower than ${limits.minBodyBytesPerSecond} bytes/s.`));
      }
    }
    if (watched.size === 0) {
      clearInterval(sweeper);
      sweeper = undefined;
    }
  };
  app.addHook('preParsing', (request, reply, payload, done) => {
    const length = Number(request.headers['content-length'] ?? NaN);
    const hasBody = length > 0 || request.headers['transfer-encoding'] !== undefined;
    const socket = request.raw.socket as Socket | null;
    if (!hasBody || !socket) {
      done(null, payload);
      return;
    }
    const watch: BodyUnderWatch = { startedAt: Date.now(), bytesAtStart: socket.bytesRead, socket, body: request.raw, payload, reply };
    watched.add(watch);
    // Also when the answer goes before the body was read (415, 401, 413…), which leaves it unread.
    reply.raw.once('close', () => watched.delete(watch));
    sweeper ??= setInterval(sweep, CHECK_EVERY_MS);
    done(null, payload);
  });
  app.addHook('onClose', (_instance, done) => {
    clearInterval(sweeper);
    done();
  });
};

/**
 * At most `max` open connections per client address (an IPv6 client by its /64); the next one is
 * closed at once. Only for clients that connect directly: behind a reverse proxy every connection
 * comes from the proxy, which must cap them itself (README).
 */
export const capConnectionsPerAddress = (server: Server, max: number): void => {
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = clientKeyOf(socket.remoteAddress ?? '');
    const count = (open.get(address) ?? 0) + 1;
    if (count > max) {
      socket.destroy();
      return;
    }
    open.set(address, count);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left === 0) open.delete(address);
      else open.set(address, left);
    });
  });
};
