/** `fetch` as the gateway calls it; injectable so tests and other runtimes can supply their own. */
export type FetchFunction = (url: string, init: RequestInit) => Promise<Response>;

export interface GatewayOptions {
  /** Defaults to the global fetch (browsers, Node ≥ 18). */
  readonly fetch?: FetchFunction;
  /**
   * Talk plain http:// to every authority instead of https://. Only for loopback servers and tests
   * (PROTOCOL §2): with it, tokens and ciphertext cross the network unprotected.
   */
  readonly allowHttp?: boolean;
  /**
   * Per attempt: the longest wait for the response headers; the whole body must then arrive
   * within this plus the time its size cap takes at 64 KiB/s. Both are absolute deadlines.
   */
  readonly timeoutMs?: number;
  /** Attempts of a call that is safe to repeat (the first one included). */
  readonly maxAttempts?: number;
  /** First backoff delay between retries; doubled each time, with jitter. */
  readonly retryBaseDelayMs?: number;
  /** A Retry-After above this is not waited for: the call fails with its error at once. */
  readonly maxRetryAfterSeconds?: number;
  /**
   * Success bodies of blob and inbox reads above this are refused as `bad_response`; every other
   * call has its own smaller cap (at most this).
   */
  readonly maxResponseBytes?: number;
  /** Connecting to `/inbox/events` must not take longer than this. */
  readonly eventStreamConnectTimeoutMs?: number;
  /**
   * An event stream silent for this long (not even a heartbeat comment) is considered dead. The
   * starbase server sends a heartbeat every 15 s.
   */
  readonly eventStreamIdleTimeoutMs?: number;
  /** Waiting between retries; injectable so tests need not wait. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** In [0, 1); jitter for backoff. */
  readonly random?: () => number;
  /** ms since the epoch; for Retry-After given as an HTTP date. */
  readonly now?: () => number;
}

export type ResolvedGatewayOptions = Required<GatewayOptions>;

const sleepWithTimer = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Wrapped so a browser's fetch is never called with the wrong `this` ("Illegal invocation"). */
const globalFetch: FetchFunction = (url, init) => globalThis.fetch(url, init);

export const resolveGatewayOptions = (options: GatewayOptions = {}): ResolvedGatewayOptions => ({
  fetch: options.fetch ?? globalFetch,
  allowHttp: options.allowHttp ?? false,
  timeoutMs: options.timeoutMs ?? 20_000,
  maxAttempts: options.maxAttempts ?? 3,
  retryBaseDelayMs: options.retryBaseDelayMs ?? 300,
  maxRetryAfterSeconds: options.maxRetryAfterSeconds ?? 30,
  maxResponseBytes: options.maxResponseBytes ?? 64 * 1024 * 1024,
  eventStreamConnectTimeoutMs: options.eventStreamConnectTimeoutMs ?? 20_000,
  eventStreamIdleTimeoutMs: options.eventStreamIdleTimeoutMs ?? 45_000,
  sleep: options.sleep ?? sleepWithTimer,
  random: options.random ?? Math.random,
  now: options.now ?? Date.now,
});
