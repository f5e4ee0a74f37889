import { LiveSyncOptions } from './live-sync';

export interface ExpiryLoopOptions extends Pick<LiveSyncOptions, 'sleep'> {
  readonly now: () => number;
  /** The longest wait between two looks, so a clock that jumps is caught up with (default 1 minute). */
  readonly maxWaitMs?: number;
}

export interface Expiry {
  /** The earliest deadline of a disappearing message, or null when none is counting down. */
  nextDeadline(): number | null;
  /** Removes the messages whose time is up. */
  expire(): Promise<void>;
}

const RETRY_MS = 5000;

/**
 * Removes disappearing messages when their time is up (§11) while the session is live: sleeps until
 * the next deadline, and `poke` (a change: a message sent, read or received) looks again at once.
 */
export class ExpiryLoop {
  private wake: AbortController | null = null;

  constructor(
    private readonly expiry: Expiry,
    private readonly options: ExpiryLoopOptions,
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
    this.wake?.abort();
  }

  private async run(signal: AbortSignal): Promise<void> {
    const maxWait = this.options.maxWaitMs ?? 60_000;
    while (!signal.aborted) {
      const deadline = this.expiry.nextDeadline();
      this.wake = new AbortController();
      if (deadline !== null && deadline <= this.options.now()) {
        await this.expiry.expire();
        // Still there: the write failed (reported elsewhere); look again a little later rather than spin.
        if (this.expiry.nextDeadline() === deadline) await this.options.sleep(RETRY_MS, this.wake.signal);
        continue;
      }
      const wait = deadline === null ? maxWait : Math.min(maxWait, deadline - this.options.now());
      await this.options.sleep(wait, this.wake.signal);
    }
  }
}
