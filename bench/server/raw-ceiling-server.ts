/*
 * The ceiling: Fastify with nothing but a route that parses the same 1 KiB JSON body as a drop
 * and answers 202, as the home server does. No schema, no auth, no storage, no logging — what the
 * framework itself costs on this machine, measured in the same run as the real routes.
 * The object routes take and give raw application/octet-stream bodies as the user store's do,
 * with nothing behind them: the baseline for PUT and GET /store/objects. GET /raw/inbox answers the
 * very page a starbase server answered for GET /inbox (set once with PUT /raw/inbox): the baseline
 * for sending that page, with no session check and no storage behind it.
 * Prints `listening on <url>` once ready; stops on SIGTERM.
 */
import Fastify from 'fastify';
import { randomUUID } from 'node:crypto';

/**
 * What GET /raw/objects/{id} answers: the very bytes the bench stores as objects (1 MiB of 0x5a).
 * Not random bytes: autocannon reads a random 1 MiB body about 15× slower than a constant one
 * (13 ms against under 1 ms at one connection), which made this baseline slower than the real route.
 */
const RAW_OBJECT_BYTES = 1024 * 1024;
const RAW_OBJECT_FILL = 0x5a;

const start = async (): Promise<void> => {
  const app = Fastify({ logger: false });
  app.post('/api/v1/users/:name/drops', async (_request, reply) => reply.code(202).send({ id: randomUUID() }));
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: 4 * 1024 * 1024 }, (_request, body, done) => done(null, body));
  const stored = Buffer.alloc(RAW_OBJECT_BYTES, RAW_OBJECT_FILL);
  app.put<{ Params: { id: string } }>('/raw/objects/:id', async (request, reply) =>
    reply.code(201).send({ id: request.params.id, bytes: (request.body as Buffer).length }),
  );
  app.get('/raw/objects/:id', async (_request, reply) => reply.type('application/octet-stream').send(stored));
  let inboxPage = '{}';
  app.put<{ Body: unknown }>('/raw/inbox', async (request, reply) => {
    inboxPage = JSON.stringify(request.body);
    return reply.code(204).send();
  });
  app.get('/raw/inbox', async (_request, reply) => reply.type('application/json; charset=utf-8').send(inboxPage));
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  process.stdout.write(`raw ceiling listening on ${address}\n`);
  process.on('SIGTERM', () => {
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
};

start().catch((error: unknown) => {
  process.stderr.write(`raw ceiling server failed: ${String(error)}\n`);
  process.exit(1);
});
