/*
 * The baseline of the files bench (issue 15): Fastify with CORS as the home server has it and two
 * routes that do nothing with the bytes. PUT /raw/upload takes a raw application/octet-stream body
 * and answers its length; GET /raw/download answers 1 MiB of random bytes. One URL each, so the
 * browser asks a CORS preflight once and caches it: the ceiling of a page's PUTs to another origin.
 * Prints `listening on <url>` once ready; stops on SIGTERM.
 */
import cors from '@fastify/cors';
import Fastify from 'fastify';
import { randomBytes } from 'node:crypto';

const CHUNK_BYTES = 1024 * 1024;

const start = async (): Promise<void> => {
  const app = Fastify({ logger: false, bodyLimit: 4 * CHUNK_BYTES });
  await app.register(cors, { origin: '*', methods: ['GET', 'PUT'], allowedHeaders: ['Content-Type'], maxAge: 600 });
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  const download = randomBytes(CHUNK_BYTES);
  app.put('/raw/upload', async (request, reply) => reply.code(201).send({ bytes: (request.body as Buffer).length }));
  app.get('/raw/download', async (_request, reply) => reply.type('application/octet-stream').send(download));
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  process.stdout.write(`raw file server listening on ${address}\n`);
  process.on('SIGTERM', () => {
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
};

start().catch((error: unknown) => {
  process.stderr.write(`raw file server failed: ${String(error)}\n`);
  process.exit(1);
});
