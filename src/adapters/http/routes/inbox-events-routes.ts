import { FastifyInstance, FastifyReply } from 'fastify';
import { AccountEvent } from '../../../application/ports/inbox-notifier';
import { BLOB_EVENT, INBOX_EVENT } from '../../../domain/protocol/wire/inbox';
import { bearerToken, ownerOf } from '../authentication';
import { clientKeyOf } from '../client-address';
import { RouteContext } from '../route-context';
import { StreamSlots, tooManyStreamsProblem } from '../stream-slots';

/** One open `/inbox/events` stream; `end` is idempotent. */
interface EventStream {
  end(): void;
}

/**
 * `GET /inbox/events`: a server-sent event stream, read with fetch() and the Authorization header.
 * The heartbeat keeps proxies from timing the stream out and re-checks the session, so logout,
 * password change and account deletion also end the streams they revoke. Streams are capped per
 * account and per client address (each holds a connection and a timer); the rest get 429.
 */
export const inboxEventsRoutes = (app: FastifyInstance, ctx: RouteContext): void => {
  const open = new Set<EventStream>();
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
    for (const stream of [...open]) stream.end();
  });

  const perAccount = new StreamSlots(ctx.settings.clientLimits.eventStreamsPerAccount);
  const perClient = new StreamSlots(ctx.settings.clientLimits.eventStreamsPerAddress);

  app.get('/inbox/events', { onRequest: ctx.authenticated, exposeHeadRoute: false }, async (request, reply) => {
    if (closing) {
      // Authenticated while the server began closing, after the sweep above: a stream, or a kept-alive
      // connection after it, would hold the server's close open. The client reconnects (elsewhere).
      startStream(reply, open, { closeConnection: true }).end();
      return;
    }
    const token = bearerToken(request) ?? '';
    const owner = ownerOf(request).name;
    const client = clientKeyOf(request.ip);
    if (!perAccount.take(owner)) throw tooManyStreamsProblem('this account');
    if (!perClient.take(client)) {
      perAccount.release(owner);
      throw tooManyStreamsProblem('this client address');
    }
    const stream = startStream(reply, open);
    stream.onEnd(() => {
      perAccount.release(owner);
      perClient.release(client);
    });
    const { jti } = ownerOf(request);
    const unsubscribe = ctx.notifier.subscribe(owner, (event) => {
      const frame = eventFrame(event, jti);
      if (frame !== null) stream.write(frame);
    });
    const heartbeat = setInterval(() => {
      void ctx.useCases.authenticateSession.execute({ token }).then(
        (result) => (result.ok ? stream.write(': heartbeat\n\n') : stream.end()),
        (error: unknown) => {
          request.log.error({ err: error }, 'inbox events: session re-check failed');
          stream.end();
        },
      );
    }, ctx.settings.eventsHeartbeatMs);
    stream.onEnd(() => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  });
};

/** The SSE frame for an event, or null when this stream's own session caused it. */
const eventFrame = (event: AccountEvent, jti: string): string | null => {
  if (event.kind === 'inbox') return `event: ${INBOX_EVENT}\ndata: {}\n\n`;
  if (event.origin === jti) return null;
  return `event: ${BLOB_EVENT}\ndata: ${JSON.stringify({ version: event.version })}\n\n`;
};

const startStream = (reply: FastifyReply, open: Set<EventStream>, { closeConnection = false } = {}) => {
  reply.hijack();
  const raw = reply.raw;
  const endListeners: Array<() => void> = [];
  let ended = false;
  const stream = {
    write(chunk: string): void {
      if (!ended) raw.write(chunk);
    },
    end(): void {
      if (ended) return;
      ended = true;
      open.delete(stream);
      for (const listener of endListeners) listener();
      raw.end();
    },
    onEnd(listener: () => void): void {
      if (ended) listener();
      else endListeners.push(listener);
    },
  };
  open.add(stream);
  // The response's close, not the request's: the request closes as soon as its (empty) body is read.
  raw.on('close', () => stream.end());
  // Hijacked replies skip Fastify's send path: carry over the headers hooks set (CORS).
  const carried = Object.entries(reply.getHeaders()).filter((entry): entry is [string, string | number | string[]] => entry[1] !== undefined);
  raw.writeHead(200, {
    ...Object.fromEntries(carried),
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    'x-accel-buffering': 'no',
    ...(closeConnection ? { connection: 'close' } : {}),
  });
  raw.write('retry: 3000\n: subscribed\n\n');
  return stream;
};
