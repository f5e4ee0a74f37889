import { err, ok, Result } from '../../domain/protocol/result';

export type BodyReadFailure = 'too_large' | 'not_utf8';

/**
 * The body as text, refusing more than `maxBytes` so a hostile server cannot exhaust memory.
 * Network failures while reading reject, like fetch itself, and so does `signal` aborting: the
 * read stops then even if the body stream itself ignores the abort.
 */
export const readBodyText = async (
  response: Response,
  maxBytes: number,
  signal?: AbortSignal,
): Promise<Result<string, BodyReadFailure>> => {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const parts: string[] = [];
  const read = await readChunks(response, maxBytes, signal, (chunk) => {
    const decoded = decodeChunk(decoder, chunk);
    if (decoded !== null) parts.push(decoded);
    return decoded !== null;
  });
  if (!read.ok) return read;
  if (!read.value) return err('not_utf8');
  const tail = decodeChunk(decoder, undefined);
  if (tail === null) return err('not_utf8');
  parts.push(tail);
  return ok(parts.join(''));
};

/** The body as bytes, with the same cap, deadline and failures as readBodyText. */
export const readBodyBytes = async (
  response: Response,
  maxBytes: number,
  signal?: AbortSignal,
): Promise<Result<Uint8Array, 'too_large'>> => {
  const chunks: Uint8Array[] = [];
  const read = await readChunks(response, maxBytes, signal, (chunk) => chunks.push(chunk) > 0);
  if (!read.ok) return read;
  const bytes = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.byteLength, 0));
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return ok(bytes);
};

/**
 * Feeds the body to `take` chunk by chunk, stopping past `maxBytes` (also when the declared length
 * says so up front) or when `take` refuses a chunk: ok(false) then, ok(true) after the last chunk.
 */
const readChunks = async (
  response: Response,
  maxBytes: number,
  signal: AbortSignal | undefined,
  take: (chunk: Uint8Array) => boolean,
): Promise<Result<boolean, 'too_large'>> => {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    return err('too_large');
  }
  if (response.body === null) return ok(true);
  const reader = response.body.getReader();
  let received = 0;
  for (;;) {
    const chunk = await readOrAbort(reader, signal);
    if (chunk.done) return ok(true);
    received += chunk.value.byteLength;
    if (received > maxBytes) {
      await reader.cancel();
      return err('too_large');
    }
    if (!take(chunk.value)) {
      await reader.cancel();
      return ok(false);
    }
  }
};

/** null when the bytes are not valid UTF-8 (the decoder is fatal). */
const decodeChunk = (decoder: TextDecoder, bytes: Uint8Array | undefined): string | null => {
  try {
    return bytes === undefined ? decoder.decode() : decoder.decode(bytes, { stream: true });
  } catch (error) {
    // By name, not instanceof: the decoder's TypeError may come from another realm (workers, jest's vm).
    if (isNamed(error, 'TypeError')) return null;
    throw error;
  }
};

const isNamed = (error: unknown, name: string): boolean =>
  typeof error === 'object' && error !== null && (error as { readonly name?: unknown }).name === name;

const readOrAbort = async (
  reader: ReadableStreamDefaultReader<Uint8Array>,
  signal: AbortSignal | undefined,
): Promise<ReadableStreamReadResult<Uint8Array>> => {
  if (signal === undefined) return reader.read();
  if (signal.aborted) {
    void reader.cancel().catch(() => undefined);
    throw new Error('aborted');
  }
  let onAbort = (): void => undefined;
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = () => {
      void reader.cancel().catch(() => undefined);
      reject(new Error('aborted'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([reader.read(), aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
};
