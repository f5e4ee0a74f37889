import { LiveSyncOptions } from './live-sync';

export interface ResendLoopOptions extends Pick<LiveSyncOptions, 'sleep' | 'jitter'> {
  /** The first wait after a failure; doubled after each further one (default 2 s). */
  readonly minDelayMs?: number;
  /** The longest wait between two attempts (default 5 minutes). */
  readonly maxDelayMs?: number;
  /** How often an idle loop looks for new failed messages (default 5 s). */
  readonly idleCheckMs?: number;
}

export interface ResendAttempt {
  /** Whether anything is waiting that a resend may get through. */
  hasWork(): boolean;
  /** Resends what is waiting; true when at least one message went out or nothing failed. */
  resend(): Promise<boolean>;
}

/**
 * Sends failed messages again by itself: after a failure it waits 2 s, 4 s, 8 s … up to 5
 * minutes (with jitter, so many clients do not return to a recovering server at once), and a
 * `poke` (the network came back, the window got focus, the user pressed Retry) tries at once and
 * starts the backoff over.
 */
export class ResendLoop {
  private failures = 0;
  private wake: AbortController | null = null;

  constructor(
    private readonly attempt: ResendAttempt,
    private readonly options: ResendLoopOptions,
  ) {}

  start(): () => void {
    const controller = new AbortController();
    void this.run(controller.signal);
    return () => {
      controller.abort();
      this.wake?.abort();
    };
  }

  poke(): void {
    this.failures = 0;
    this.wake?.abort();
  }

  private async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const idle = !this.attempt.hasWork();
      this.wake = new AbortController();
      await this.options.sleep(idle ? (this.options.idleCheckMs ?? 5000) : this.backoffMs(), this.wake.signal);
      if (signal.aborted) return;
      if (!this.attempt.hasWork()) continue;
      const progressed = await this.attempt.resend();
      this.failures = progressed ? 0 : this.failures + 1;
    }
  }

  private backoffMs(): number {
    const min = this.options.minDelayMs ?? 2000;
    const max = this.options.maxDelayMs ?? 300_000;
    if (this.failures === 0) return min;
    const delay = Math.min(max, min * 2 ** Math.min(this.failures, 16));
    return delay * (0.5 + this.options.jitter() / 2);
  }
}
