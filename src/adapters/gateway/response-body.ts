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
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    return err('too_large');
  }
  if (response.body === null) return ok('');
  const reader = response.body.getReader();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const parts: string[] = [];
  let received = 0;
  for (;;) {
    const chunk = await readOrAbort(reader, signal);
    if (chunk.done) break;
    received += chunk.value.byteLength;
    if (received > maxBytes) {
      await reader.cancel();
      return err('too_large');
    }
    const decoded = decodeChunk(decoder, chunk.value);
    if (decoded === null) {
      await reader.cancel();
      return err('not_utf8');
    }
    parts.push(decoded);
  }
  const tail = decodeChunk(decoder, undefined);
  if (tail === null) return err('not_utf8');
  parts.push(tail);
  return ok(parts.join(''));
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
