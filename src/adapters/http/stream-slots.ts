import { HttpProblem } from './problem';

/** Long-lived streams counted per key (an account, a client address), each key with its own cap. */
export class StreamSlots {
  private readonly open = new Map<string, number>();

  constructor(private readonly max: number) {}

  /** Takes a slot for `key`, or answers false when it holds `max` already. */
  take(key: string): boolean {
    const held = this.open.get(key) ?? 0;
    if (held >= this.max) return false;
    this.open.set(key, held + 1);
    return true;
  }

  release(key: string): void {
    const left = (this.open.get(key) ?? 1) - 1;
    if (left <= 0) this.open.delete(key);
    else this.open.set(key, left);
  }
}

const RETRY_AFTER_SECONDS = 30;

export const tooManyStreamsProblem = (whose: string): HttpProblem =>
  new HttpProblem(
    429,
    'rate_limited',
    'Rate limited',
    `Too many open event streams for ${whose}; close one or retry in ${RETRY_AFTER_SECONDS} s.`,
    { retryAfter: RETRY_AFTER_SECONDS },
    { 'retry-after': String(RETRY_AFTER_SECONDS) },
  );
