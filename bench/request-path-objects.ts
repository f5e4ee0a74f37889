import Fastify from 'fastify';

/*
 * `npm run bench -- --request-path --objects [--object-bytes=N]`: the CPU cost of PUT and GET
 * /store/objects/{id} of N bytes (1 MiB by default) through the whole server, in process with `app.inject`, next to a raw Fastify route taking
 * and giving the same octet-stream body. Each PUT stages a new object; its DELETE (untimed) keeps
 * the store from growing, so garbage from a growing heap is not billed to the route.
 */

const API = '/api/v1';
const OCTET = 'application/octet-stream';

type InjectResponse = { statusCode: number; body: string; rawPayload: Buffer };
export type ObjectInject = (options: {
  method: 'GET' | 'PUT' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  payload?: Buffer;
}) => Promise<InjectResponse>;

const log = (line: string): void => void process.stdout.write(`${line}\n`);

const objectId = (n: number): string => `bench${n.toString(36)}`.padEnd(22, '0');

/**
 * Untimed, between calls. An in-process `inject` of the memory store settles in microtasks alone, so
 * a loop of them never reaches the event loop's check phase: each response's stream (with its
 * 1 MiB body as a Buffer and a string) waits there in a setImmediate until the loop ends: with
 * `--requests=3000` the GETs ran the heap out at its 4 GB limit. A server on sockets yields there
 * between reads.
 */
const drainImmediates = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Mean µs per timed call over `requests` calls, after `requests / 10` untimed warm-up calls. */
const microsPerCall = async (label: string, requests: number, send: (index: number) => Promise<number>, after?: (index: number) => Promise<void>): Promise<number> => {
  let timed = 0n;
  const warmup = Math.ceil(requests / 10);
  for (let i = 0; i < warmup + requests; i++) {
    const started = process.hrtime.bigint();
    const status = await send(i);
    if (i >= warmup) timed += process.hrtime.bigint() - started;
    if (status >= 300) throw new Error(`${label}: request ${i} answered ${status}`);
    if (after) await after(i);
    await drainImmediates();
  }
  const micros = Number(timed) / 1000 / requests;
  log(`  ${label.padEnd(40)} ${micros.toFixed(1).padStart(8)} µs/request  (${Math.round(1e6 / micros)} req/s)`);
  return micros;
};

export const measureObjectRequestPath = async (inject: ObjectInject, sessionToken: string, requests: number, objectBytes: number): Promise<void> => {
  const body = Buffer.alloc(objectBytes, 0x5a);
  const raw = Fastify({ logger: false });
  raw.addContentTypeParser(OCTET, { parseAs: 'buffer', bodyLimit: 4 * 1024 * 1024 }, (_request, payload, done) => done(null, payload));
  raw.put<{ Params: { id: string } }>('/raw/objects/:id', async (request, reply) =>
    reply.code(201).send({ id: request.params.id, bytes: (request.body as Buffer).length }),
  );
  raw.get('/raw/objects/:id', async (_request, reply) => reply.type(OCTET).send(body));
  await raw.ready();
  try {
    const rawInject = raw.inject.bind(raw) as unknown as ObjectInject;
    const owner = { authorization: `Bearer ${sessionToken}` };
    const put = { ...owner, 'content-type': OCTET };
    log(`objects of ${objectBytes} bytes, ${requests} requests each, one at a time`);
    const rawPut = await microsPerCall('raw PUT octet-stream', requests, async (i) =>
      (await rawInject({ method: 'PUT', url: `/raw/objects/${objectId(i)}`, headers: { 'content-type': OCTET }, payload: body })).statusCode,
    );
    const storePut = await microsPerCall(
      'PUT /store/objects/{id}',
      requests,
      async (i) => (await inject({ method: 'PUT', url: `${API}/store/objects/${objectId(i)}`, headers: put, payload: body })).statusCode,
      async (i) => {
        const deleted = await inject({ method: 'DELETE', url: `${API}/store/objects/${objectId(i)}`, headers: owner });
        if (deleted.statusCode !== 204) throw new Error(`DELETE answered ${deleted.statusCode}`);
      },
    );
    const readId = objectId(requests * 2);
    const staged = await inject({ method: 'PUT', url: `${API}/store/objects/${readId}`, headers: put, payload: body });
    if (staged.statusCode !== 201) throw new Error(`staging the read object answered ${staged.statusCode}`);
    const rawGet = await microsPerCall('raw GET octet-stream', requests, async () => (await rawInject({ method: 'GET', url: '/raw/objects/any' })).statusCode);
    const storeGet = await microsPerCall('GET /store/objects/{id}', requests, async () => {
      const response = await inject({ method: 'GET', url: `${API}/store/objects/${readId}`, headers: owner });
      if (response.rawPayload.length !== objectBytes) throw new Error(`GET gave ${response.rawPayload.length} bytes`);
      return response.statusCode;
    });
    log(`  raw / PUT = ${(rawPut / storePut).toFixed(2)}×, raw / GET = ${(rawGet / storeGet).toFixed(2)}×`);
  } finally {
    await raw.close();
  }
};
