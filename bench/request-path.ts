import Fastify from 'fastify';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/infrastructure/config';
import { composeServer } from '../src/infrastructure/compose-server';
import { anIdentityKey, b64u, dropBody } from './server/http-fixtures';
import { measureObjectRequestPath, ObjectInject } from './request-path-objects';
import { acceptDropsAtOnce } from './support/instant-drops';
import { randomBytes } from 'node:crypto';

/*
 * `npm run bench -- --request-path [--storage=memory|sqlite] [--requests=N] [--concurrency=C] [--drops-only | --inbox-only | --objects [--object-bytes=N]]`: the CPU cost of one
 * request through the whole server (Fastify, hooks, schemas, use case, storage), in process with
 * `app.inject` — no sockets, no load generator competing for the two cores — next to a raw Fastify
 * route taking the same body. Run under `node --cpu-prof` (bench/run.mjs does with --cpu-prof) it
 * gives a profile of the request path alone. Microseconds of wall time per request, with C requests
 * in flight (1 by default: sequential).
 */

const API = '/api/v1';
const log = (line: string): void => void process.stdout.write(`${line}\n`);

type Inject = (options: { method: 'GET' | 'POST'; url: string; headers?: Record<string, string>; payload?: string }) => Promise<{ statusCode: number; body: string }>;

/** `concurrency` loops sending one request at a time each; µs of wall time per request over all of them. */
const timePerRequest = async (label: string, requests: number, concurrency: number, send: (index: number) => Promise<number>): Promise<number> => {
  const run = async (count: number): Promise<void> => {
    let next = 0;
    const loop = async (): Promise<void> => {
      while (next < count) {
        const index = next++;
        const status = await send(index);
        if (status >= 300) throw new Error(`${label}: request ${index} answered ${status}`);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, loop));
  };
  await run(Math.min(2000, requests));
  const started = process.hrtime.bigint();
  await run(requests);
  const micros = Number(process.hrtime.bigint() - started) / 1000 / requests;
  log(`  ${label.padEnd(40)} ${micros.toFixed(1).padStart(8)} µs/request  (${Math.round(1e6 / micros)} req/s)`);
  return micros;
};

const call = async (inject: Inject, method: 'GET' | 'POST', url: string, body: unknown, token?: string): Promise<Record<string, unknown>> => {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await inject({ method, url: `${API}${url}`, headers, payload: JSON.stringify(body) });
  if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
  return JSON.parse(response.body) as Record<string, unknown>;
};

const main = async (): Promise<void> => {
  const storage = process.argv.find((arg) => arg.startsWith('--storage='))?.slice('--storage='.length) ?? 'memory';
  if (storage !== 'memory' && storage !== 'sqlite') throw new Error('--storage=memory|sqlite');
  const requests = Number(process.argv.find((arg) => arg.startsWith('--requests='))?.slice('--requests='.length) ?? 20000);
  const concurrency = Number(process.argv.find((arg) => arg.startsWith('--concurrency='))?.slice('--concurrency='.length) ?? 1);
  const dataDir = mkdtempSync(join(tmpdir(), 'starbase-request-path-'));
  const config = {
    ...loadConfig({ STARBASE_REGISTRATION: 'open', STARBASE_CAPTCHA: 'pow', STARBASE_INBOX_ITEMS: '1000000', STARBASE_INBOX_BYTES: String(2 ** 36) }, []),
    storage,
    dataDir,
    rateLimits: false,
    logLevel: 'warn',
    webRoot: null,
  } as const;
  const server = await composeServer(config, { rateLimits: false });
  const app = await server.httpApp();
  const raw = Fastify({ logger: false });
  raw.post('/api/v1/users/:name/drops', async (_request, reply) => reply.code(202).send({ id: randomUUID() }));
  // As bench/server/raw-ceiling-server.ts: the very page GET /inbox answered, sent as the same text.
  let rawPage = '{}';
  raw.get('/raw/inbox', async (_request, reply) => reply.type('application/json; charset=utf-8').send(rawPage));
  await raw.ready();
  try {
    const inject = app.inject.bind(app) as unknown as Inject;
    const register = async (name: string): Promise<string> => {
      const authKey = b64u(randomBytes(32));
      await call(inject, 'POST', '/accounts', {
        name,
        authKey,
        kdf: { algorithm: 'argon2id', salt: b64u(randomBytes(16)), memoryKiB: 65536, iterations: 3, parallelism: 1 },
        identityKey: anIdentityKey(),
        blob: { ciphertext: b64u(randomBytes(64)) },
      });
      return String((await call(inject, 'POST', '/sessions', { name, authKey })).token);
    };
    const session = await register('recipient');
    if (process.argv.includes('--objects')) {
      const objectBytes = Number(process.argv.find((arg) => arg.startsWith('--object-bytes='))?.slice('--object-bytes='.length) ?? 1024 * 1024);
      await measureObjectRequestPath(app.inject.bind(app) as unknown as ObjectInject, session, requests, objectBytes);
      return;
    }
    const tokens = await Promise.all(Array.from({ length: 64 }, async () => String((await call(inject, 'POST', '/drop-tokens', {}, session)).token)));
    const body = dropBody(1024);
    const dropHeaders = tokens.map((token) => ({ 'content-type': 'application/json', authorization: `Bearer ${token}` }));
    const reader = await register('reader');
    const readerToken = String((await call(inject, 'POST', '/drop-tokens', {}, reader)).token);
    for (let i = 0; i < 60; i++) {
      await inject({ method: 'POST', url: `${API}/users/reader/drops`, headers: { 'content-type': 'application/json', authorization: `Bearer ${readerToken}` }, payload: body });
    }

    log(`request path, in process (app.inject), ${storage} storage, ${requests} requests each, ${concurrency} at a time`);
    const rawInject = raw.inject.bind(raw) as unknown as Inject;
    const inboxOnly = process.argv.includes('--inbox-only');
    const ceiling = inboxOnly
      ? null
      : await timePerRequest('raw Fastify route, same body', requests, concurrency, async () =>
          (await rawInject({ method: 'POST', url: `${API}/users/recipient/drops`, headers: { 'content-type': 'application/json' }, payload: body })).statusCode,
        );
    const drop = inboxOnly
      ? null
      : await timePerRequest('POST /users/{name}/drops', requests, concurrency, async (i) =>
          (await inject({ method: 'POST', url: `${API}/users/recipient/drops`, headers: dropHeaders[i % dropHeaders.length]!, payload: body })).statusCode,
        );
    if (drop !== null) {
      acceptDropsAtOnce(server);
      const layer = await timePerRequest('POST drops, HTTP layer alone', requests, concurrency, async (i) =>
        (await inject({ method: 'POST', url: `${API}/users/recipient/drops`, headers: dropHeaders[i % dropHeaders.length]!, payload: body })).statusCode,
      );
      if (ceiling !== null) log(`  drop / raw = ${(drop / ceiling).toFixed(2)}, HTTP layer alone / raw = ${(layer / ceiling).toFixed(2)}`);
    }
    if (process.argv.includes('--drops-only')) return;
    const inboxPage = (await inject({ method: 'GET', url: `${API}/inbox?limit=50`, headers: { authorization: `Bearer ${reader}` } })).body;
    rawPage = inboxPage;
    const rawGet = await timePerRequest('raw GET, the same inbox page', requests, concurrency, async () =>
      (await rawInject({ method: 'GET', url: '/raw/inbox' })).statusCode,
    );
    const page = await timePerRequest('GET /inbox?limit=50', requests, concurrency, async () =>
      (await inject({ method: 'GET', url: `${API}/inbox?limit=50`, headers: { authorization: `Bearer ${reader}` } })).statusCode,
    );
    log(`  inbox page / raw GET of the same page = ${(page / rawGet).toFixed(2)}`);
  } finally {
    await raw.close();
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
