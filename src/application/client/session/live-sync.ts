import { GatewayError } from '../../ports/home-server-gateway';
import { MessengerError } from '../messenger';
import { SignedInAccount } from './signed-in-account';
import { asOwner } from './owner-call';

export interface LiveSyncOptions {
  /** Waits `ms`, or less when `signal` aborts. */
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  /** In [0, 1): spreads reconnections of many clients after a server restart. */
  readonly jitter: () => number;
  readonly minDelayMs?: number;
  readonly maxDelayMs?: number;
}

/** The event stream is the user's own server's, so the failure carries no `friend`. */
const streamFailure = (error: GatewayError): MessengerError =>
  new MessengerError(error.code, `Live updates from your server failed: ${error.detail || error.code}`);

/**
 * Keeps an account in sync while it is live: one GET /inbox/events stream at a time, a sync after
 * every (re)connection (events may have been missed meanwhile) and after every inbox event, a
 * blob re-read after every `blob` event (another device of ours wrote), all coalesced so a burst
 * of events costs one or two round trips. Reconnects with exponential backoff; stops when the
 * session is gone (401) or the caller stops it.
 */
export class LiveSync {
  private running: Promise<void> | null = null;
  private wantSync = false;
  /** The highest blob version announced and not yet read (0: none). */
  private wantVersion = 0;

  constructor(
    private readonly account: SignedInAccount,
    private readonly sync: () => Promise<void>,
    private readonly refresh: (announcedVersion: number) => Promise<void>,
    private readonly reportError: (error: unknown) => void,
    private readonly options: LiveSyncOptions,
  ) {}

  start(): () => void {
    const controller = new AbortController();
    void this.run(controller.signal).catch(this.reportError);
    return () => controller.abort();
  }

  private async run(signal: AbortSignal): Promise<void> {
    const minDelay = this.options.minDelayMs ?? 1000;
    const maxDelay = this.options.maxDelayMs ?? 60_000;
    let failures = 0;
    while (!signal.aborted && !this.account.closed) {
      const stream = await asOwner(this.account, (token) => this.account.gateway.openInboxEvents(token, signal));
      let suggestedDelay: number | null = null;
      if (stream.ok) {
        failures = 0;
        this.requestSync();
        for await (const event of stream.value) {
          if (signal.aborted) break;
          if (event.type === 'inbox') this.requestSync();
          else this.requestRefresh(event.version);
        }
        const ended = await stream.value.ended;
        if (ended.reason === 'aborted') break;
        if (ended.reason === 'failed') this.reportError(streamFailure(ended.error));
        suggestedDelay = stream.value.retryMs();
      } else {
        this.reportError(streamFailure(stream.error));
        if (stream.error.code === 'unauthorized') break;
      }
      failures += 1;
      const backoff = Math.min(maxDelay, minDelay * 2 ** Math.min(failures - 1, 16));
      await this.options.sleep(Math.max(suggestedDelay ?? 0, backoff * (0.5 + this.options.jitter() / 2)), signal);
    }
    await this.running;
  }

  private requestSync(): void {
    this.wantSync = true;
    this.kick();
  }

  private requestRefresh(version: number): void {
    this.wantVersion = Math.max(this.wantVersion, version);
    this.kick();
  }

  private kick(): void {
    if (this.running !== null) return;
    this.running = this.drain().finally(() => {
      this.running = null;
      // Asked for between the drain's last check and now.
      if (this.wantSync || this.wantVersion > 0) this.kick();
    });
  }

  private async drain(): Promise<void> {
    while (this.wantSync || this.wantVersion > 0) {
      if (this.account.closed) return;
      const sync = this.wantSync;
      const version = this.wantVersion;
      this.wantSync = false;
      this.wantVersion = 0;
      try {
        // A sync re-reads the blob first, so it covers any announced version too.
        await (sync ? this.sync() : this.refresh(version));
      } catch (error) {
        // A failed sync is retried on the next event or reconnection; the owner hears about it.
        this.reportError(error);
      }
    }
  }
}
