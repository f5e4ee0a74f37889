/*
 * The ceiling: Fastify with nothing but a route that parses the same 1 KiB JSON body as a drop
 * and answers 202, as the home server does. No schema, no auth, no storage, no logging — what the
 * framework itself costs on this machine, measured in the same run as the real routes.
 * Prints `listening on <url>` once ready; stops on SIGTERM.
 */
import Fastify from 'fastify';
import { randomUUID } from 'node:crypto';

const start = async (): Promise<void> => {
  const app = Fastify({ logger: false });
  app.post('/api/v1/users/:name/drops', async (_request, reply) => reply.code(202).send({ id: randomUUID() }));
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
