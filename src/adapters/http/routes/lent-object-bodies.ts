import { errorCodes, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { BufferPool } from '../../system/buffer-pool';

type ParserDone = (error: Error | null, body?: Buffer) => void;

interface PayloadEvents {
  readonly data: (chunk: Buffer) => void;
  readonly end: () => void;
  /** A stream error is the client's (a body cut short): 400 unless it carries a client status of its own. */
  readonly error: (error: Error) => void;
}

/** Reads `payload` into `events` until the returned stop is called. */
const readPayload = (payload: Readable, events: PayloadEvents): (() => void) => {
  const onError = (error: Error & { statusCode?: number }): void => {
    if (!(typeof error.statusCode === 'number' && error.statusCode >= 400)) error.statusCode = 400;
    events.error(error);
  };
  payload.on('data', events.data);
  payload.on('end', events.end);
  payload.on('error', onError);
  payload.resume();
  return () => {
    payload.removeListener('data', events.data);
    payload.removeListener('end', events.end);
    payload.removeListener('error', onError);
  };
};

/**
 * Raw object bodies read into pooled buffers sized from content-length, each lent to one handler
 * and taken back once it settles. Fastify's `parseAs: 'buffer'` concatenates a fresh 1 MiB Buffer
 * per upload: external memory to which V8 answers with full mark-compacts of the whole server heap.
 * Failures are Fastify's own (413 over the limit, 400 for a body not as long as announced or cut
 * short), as with `parseAs: 'buffer'`.
 */
export class LentObjectBodies {
  private readonly pool = new BufferPool();
  /** The pooled buffer behind each body handed out, to give it back whole. */
  private readonly pooledOf = new WeakMap<Buffer, Buffer>();

  constructor(private readonly limit: number) {}

  /** A Fastify content-type parser (no `parseAs`): gets the request's payload stream. */
  readonly parse = (request: FastifyRequest, payload: Readable, done: ParserDone): void => {
    const announced = Number(request.headers['content-length']);
    if (announced > this.limit) return done(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE());
    if (!Number.isSafeInteger(announced) || announced < 0) return this.collect(payload, done);
    const pooled = this.pool.take(announced);
    let received = 0;
    const finish = (error: Error | null): void => {
      stop();
      if (error) {
        this.pool.give(pooled);
        return done(error);
      }
      const body = pooled.subarray(0, announced);
      this.pooledOf.set(body, pooled);
      done(null, body);
    };
    const stop = readPayload(payload, {
      data: (chunk) => {
        // Node's parser never passes content-length; counted anyway, so a longer body fails as before.
        if (received + chunk.length <= announced) chunk.copy(pooled, received);
        received += chunk.length;
        if (received > this.limit) finish(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE());
      },
      end: () => finish(received === announced ? null : new errorCodes.FST_ERR_CTP_INVALID_CONTENT_LENGTH()),
      error: finish,
    });
  };

  /**
   * Lends `body` (the parsed request body) to `use` and takes it back once the promise `use` returns
   * settles: nothing may hold it after that (an adapter copies what it keeps).
   */
  async lend<T>(body: Buffer, use: (data: Buffer) => Promise<T>): Promise<T> {
    try {
      return await use(body);
    } finally {
      const pooled = this.pooledOf.get(body);
      if (pooled) {
        this.pooledOf.delete(body);
        this.pool.give(pooled);
      }
    }
  }

  /** A body without content-length (chunked): collected as Fastify does, never pooled. */
  private collect(payload: Readable, done: ParserDone): void {
    const chunks: Buffer[] = [];
    let received = 0;
    const finish = (error: Error | null): void => {
      stop();
      done(error, error ? undefined : Buffer.concat(chunks, received));
    };
    const stop = readPayload(payload, {
      data: (chunk) => {
        received += chunk.length;
        if (received > this.limit) finish(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE());
        else chunks.push(chunk);
      },
      end: () => finish(null),
      error: finish,
    });
  }
}
