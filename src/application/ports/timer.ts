/** Waiting without blocking: backoffs between retries, reconnection delays. */
export interface Timer {
  /** Resolves after `ms`, or as soon as `signal` aborts; never rejects. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}
