import { GatewayError } from '../../application/ports/home-server-gateway';
import { err, ok, Result } from '../../domain/protocol/result';
import { abortedByCaller, badResponse, errorFromFailedResponse, networkError } from './gateway-errors';
import { ResolvedGatewayOptions } from './gateway-options';
import { readBodyBytes, readBodyText } from './response-body';

const OCTET_STREAM = 'application/octet-stream';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Error bodies are small problem documents; anything bigger is not worth reading. The largest is
 * an `object_missing` naming all 3000 ids of a head write (about 76 KB).
 */
const MAX_ERROR_BODY_BYTES = 128 * 1024;
/** The slowest upload we still wait for (a 16 MiB blob then gets about 9 minutes). */
const MIN_UPLOAD_BYTES_PER_SECOND = 32 * 1024;
/** The slowest download we still wait for: a 64 KiB answer gets one extra second. */
const MIN_DOWNLOAD_BYTES_PER_SECOND = 64 * 1024;

export interface ExchangeRequest {
  readonly method: HttpMethod;
  /** Already percent-encoded, starting with '/'. */
  readonly path: string;
  /** Session or drop token; never logged, never put in the URL. */
  readonly bearer?: string | null;
  /** Sent as JSON when present. */
  readonly body?: unknown;
  /** Sent as `application/octet-stream` when present (instead of `body`). */
  readonly bytes?: Uint8Array<ArrayBuffer>;
  readonly headers?: Readonly<Record<string, string>>;
  /** True only for calls whose repetition can do no harm (reads, idempotent writes). */
  readonly retryable: boolean;
  /** The largest success body this call can need; the options' maxResponseBytes when absent. */
  readonly maxResponseBytes?: number;
  /** Aborting ends the call at once, retries and the wait between them included, with `aborted`. */
  readonly signal?: AbortSignal;
}

export interface ExchangeSuccess {
  readonly status: number;
  readonly headers: Headers;
  /** Parsed JSON, or undefined for an empty body. */
  readonly body: unknown;
}

export type ExchangeResult = Result<ExchangeSuccess, GatewayError>;

export interface BytesExchangeSuccess {
  readonly status: number;
  readonly headers: Headers;
  readonly bytes: Uint8Array;
}

/**
 * The Blob of each raw body being sent, by the bytes it was made of, while any call sending those
 * bytes is in flight: SendFiles sends every sealed chunk to two servers at once, and one Blob for
 * both cost Chromium 5–6 ms less CPU per 1 MiB chunk than a Blob each (`npm run bench --
 * --only=files`, "raw PUTs twice per chunk"). Kept only while in flight, so bytes changed between
 * two calls one after the other are sent as they are then.
 */
const bodiesInFlight = new Map<Uint8Array, { readonly blob: Blob; calls: number }>();

const takeBodyBlob = (bytes: Uint8Array<ArrayBuffer>): Blob => {
  const entry = bodiesInFlight.get(bytes) ?? { blob: new Blob([bytes]), calls: 0 };
  entry.calls += 1;
  bodiesInFlight.set(bytes, entry);
  return entry.blob;
};

const releaseBodyBlob = (bytes: Uint8Array): void => {
  const entry = bodiesInFlight.get(bytes);
  if (entry === undefined) return;
  entry.calls -= 1;
  if (entry.calls === 0) bodiesInFlight.delete(bytes);
};

/** The abort reason of a call its caller cancelled, told apart from a deadline's. */
const CANCELLED_BY_CALLER = Symbol('cancelled by the caller');

/** `waiting`, or less once `signal` aborts. */
const untilAborted = async (waiting: Promise<void>, signal: AbortSignal | undefined): Promise<void> => {
  if (signal === undefined) return waiting;
  let stop = (): void => undefined;
  const aborted = new Promise<void>((resolve) => {
    stop = resolve;
    signal.addEventListener('abort', stop, { once: true });
  });
  try {
    await Promise.race([waiting, aborted]);
  } finally {
    signal.removeEventListener('abort', stop);
  }
};

type SuccessReader<T> = (response: Response, maxBytes: number, signal: AbortSignal) => Promise<Result<T, GatewayError>>;

/** One server's HTTP calls: JSON (or raw bytes) in and out, bearer auth, per-attempt deadlines and size caps, safe retries. */
export class HttpExchange {
  constructor(
    private readonly baseUrl: string,
    private readonly options: ResolvedGatewayOptions,
  ) {}

  send(request: ExchangeRequest): Promise<ExchangeResult> {
    return this.withRetries(request, (response, maxBytes, signal) => this.readJson(response, maxBytes, signal));
  }

  /** As `send`, for an answer of raw bytes (problem+json still for failures). */
  sendForBytes(request: ExchangeRequest): Promise<Result<BytesExchangeSuccess, GatewayError>> {
    return this.withRetries(request, async (response, maxBytes, signal) => {
      const bytes = await this.readBody(response, maxBytes, signal, readBodyBytes);
      if (!bytes.ok) return bytes;
      if (!bytes.value.ok) return err(badResponse(response.status, 'answer too large'));
      return ok({ status: response.status, headers: response.headers, bytes: bytes.value.value });
    });
  }

  private async withRetries<T>(request: ExchangeRequest, readSuccess: SuccessReader<T>): Promise<Result<T, GatewayError>> {
    for (let attempt = 1; ; attempt++) {
      if (request.signal?.aborted === true) return err(abortedByCaller());
      const outcome = await this.attempt(request, readSuccess);
      if (outcome.ok || !request.retryable || attempt >= this.options.maxAttempts) return outcome;
      const delay = this.retryDelayMs(outcome.error, attempt);
      if (delay === null) return outcome;
      await untilAborted(this.options.sleep(delay), request.signal);
    }
  }

  /** null: not worth retrying (a definite answer, or a Retry-After longer than we wait). */
  private retryDelayMs(error: GatewayError, attempt: number): number | null {
    if (error.code !== 'network_error' && error.code !== 'rate_limited') return null;
    if (error.retryAfterSeconds !== undefined) {
      return error.retryAfterSeconds <= this.options.maxRetryAfterSeconds ? error.retryAfterSeconds * 1000 : null;
    }
    const backoff = this.options.retryBaseDelayMs * 2 ** (attempt - 1);
    return Math.round(backoff / 2 + (this.options.random() * backoff) / 2);
  }

  /**
   * Two absolute deadlines, never extended by progress: the response headers must arrive within
   * the timeout (stretched by the time the request body may take to upload), and then the whole
   * answer within the timeout plus the time its size cap takes at the slowest rate we accept. A
   * server that dribbles one byte every few seconds therefore cannot hold a call open for longer.
   */
  private async attempt<T>(request: ExchangeRequest, readSuccess: SuccessReader<T>): Promise<Result<T, GatewayError>> {
    const controller = new AbortController();
    const body = request.bytes === undefined ? (request.body === undefined ? undefined : JSON.stringify(request.body)) : takeBodyBlob(request.bytes);
    const uploadBytes = body === undefined ? 0 : typeof body === 'string' ? body.length : body.size;
    const uploadAllowanceMs = Math.ceil((uploadBytes / MIN_UPLOAD_BYTES_PER_SECOND) * 1000);
    const abort = (reason: unknown) => () => controller.abort(reason);
    const cancel = abort(CANCELLED_BY_CALLER);
    request.signal?.addEventListener('abort', cancel, { once: true });
    let timer = setTimeout(abort(`no answer within ${this.options.timeoutMs + uploadAllowanceMs} ms`), this.options.timeoutMs + uploadAllowanceMs);
    try {
      let response: Response;
      try {
        response = await this.options.fetch(this.baseUrl + request.path, this.requestInit(request, body, controller.signal));
      } catch (error) {
        return err(this.lost(error, controller.signal));
      }
      clearTimeout(timer);
      const maxBytes = response.ok ? (request.maxResponseBytes ?? this.options.maxResponseBytes) : MAX_ERROR_BODY_BYTES;
      const bodyDeadlineMs = this.options.timeoutMs + Math.ceil((maxBytes / MIN_DOWNLOAD_BYTES_PER_SECOND) * 1000);
      timer = setTimeout(abort(`the answer did not arrive within ${bodyDeadlineMs} ms`), bodyDeadlineMs);
      return response.ok ? await readSuccess(response, maxBytes, controller.signal) : await this.readFailure(response, controller.signal);
    } finally {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', cancel);
      if (request.bytes !== undefined) releaseBodyBlob(request.bytes);
    }
  }

  private requestInit(request: ExchangeRequest, body: string | Blob | undefined, signal: AbortSignal): RequestInit {
    const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
    if (request.bearer !== undefined && request.bearer !== null) headers['authorization'] = `Bearer ${request.bearer}`;
    if (body !== undefined) headers['content-type'] = typeof body === 'string' ? 'application/json' : OCTET_STREAM;
    return {
      method: request.method,
      headers,
      // Raw bytes as a Blob: Chromium uploaded ten 1 MiB Blob bodies on loopback in 0.08–0.14 s, the
      // same bytes as Uint8Array bodies in 0.8–1.8 s (`npm run bench -- --only=files`).
      ...(body === undefined ? {} : { body }),
      signal,
      // PROTOCOL has no redirects; following one could carry the bearer token somewhere else.
      redirect: 'error',
      credentials: 'omit',
      // Only answers to GETs could be stored. A write's cache mode must stay the default: Chromium
      // skips its CORS preflight cache for a no-store request, and sent an OPTIONS before every
      // chunk dropped on a friend's server (`npm run bench -- --only=files`, the SendFiles trace).
      ...(request.method === 'GET' ? { cache: 'no-store' as const } : {}),
      // A friend's server need not learn which page the client runs on.
      referrerPolicy: 'no-referrer',
    };
  }

  /** The body read with `read`; err only when reading failed on the way (a network error). */
  private async readBody<T>(
    response: Response,
    maxBytes: number,
    signal: AbortSignal,
    read: (response: Response, maxBytes: number, signal: AbortSignal) => Promise<T>,
  ): Promise<Result<T, GatewayError>> {
    try {
      return ok(await read(response, maxBytes, signal));
    } catch (error) {
      return err(this.lost(error, signal));
    }
  }

  private async readFailure(response: Response, signal: AbortSignal): Promise<Result<never, GatewayError>> {
    const text = await this.readBody(response, MAX_ERROR_BODY_BYTES, signal, readBodyText);
    if (!text.ok) return text;
    return err(
      errorFromFailedResponse(
        {
          status: response.status,
          contentType: response.headers.get('content-type'),
          retryAfterHeader: response.headers.get('retry-after'),
          text: text.value.ok ? text.value.value : null,
        },
        this.options.now(),
      ),
    );
  }

  private async readJson(response: Response, maxBytes: number, signal: AbortSignal): Promise<ExchangeResult> {
    const { status } = response;
    const read = await this.readBody(response, maxBytes, signal, readBodyText);
    if (!read.ok) return read;
    const text = read.value;
    if (!text.ok) return err(badResponse(status, text.error === 'too_large' ? 'answer too large' : 'answer is not UTF-8'));
    if (text.value === '') return ok({ status, headers: response.headers, body: undefined });
    let body: unknown;
    try {
      body = JSON.parse(text.value);
    } catch {
      return err(badResponse(status, 'answer is not JSON'));
    }
    return ok({ status, headers: response.headers, body });
  }

  /** Why no usable answer came: the caller's cancel, else the network (or our own deadline). */
  private lost(error: unknown, signal: AbortSignal): GatewayError {
    return signal.aborted && signal.reason === CANCELLED_BY_CALLER ? abortedByCaller() : networkError(this.describeFailure(error, signal));
  }

  private describeFailure(error: unknown, signal: AbortSignal): string {
    if (signal.aborted) return typeof signal.reason === 'string' ? signal.reason : 'the call took too long';
    const reason = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : '';
    return reason === '' ? 'could not reach the server' : `could not reach the server (${reason})`;
  }
}
