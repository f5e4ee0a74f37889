import { InboxNotifier } from '../../../application/ports/inbox-notifier';
import { AccountListener, AccountListeners } from '../../system/account-listeners';
import { describeMongoError, InboxChangeFeed, InsertWatch, mongoInboxChangeFeed } from './mongo-inbox-change-feed';
import { MongoStorage } from './mongo-storage';

/** Calls `tick` every `intervalMs` until stopped; injected so tests can tick by hand. */
export interface Ticker {
  every(intervalMs: number, tick: () => void): () => void;
}

export const intervalTicker: Ticker = {
  every(intervalMs, tick) {
    const timer = setInterval(tick, intervalMs);
    // Polling must never be what keeps a stopping server alive.
    timer.unref();
    return () => clearInterval(timer);
  },
};

export interface MongoInboxNotifierOptions {
  /** How often the fallback polls the counters of inboxes with listeners (default 2000 ms). */
  readonly pollIntervalMs?: number;
  readonly logger?: (line: string) => void;
  readonly ticker?: Ticker;
}

export type InboxEventSource = 'change-stream' | 'polling';

export const DEFAULT_POLL_INTERVAL_MS = 2000;

/** Writes whose writing session this process still remembers, waiting for their change event. */
const MAX_REMEMBERED_ORIGINS = 1000;

/**
 * Wakes `/inbox/events` listeners of every process sharing one MongoDB. With a change stream on
 * the inbox collection, each process hears every insert, its own included, so `notify` has
 * nothing to add. Without one (standalone server, or the stream failed) it falls back, after one
 * log line, to waking local listeners on `notify` plus polling the counters of the inboxes that
 * have listeners: a drop accepted by another process then arrives up to one interval late.
 * Blob versions travel the same way on a second change stream over the blob heads; without one,
 * only the sessions connected to the writing process hear of a new version (the others pick it
 * up on their next sync).
 */
export class MongoInboxNotifier implements InboxNotifier {
  private readonly listeners = new AccountListeners(
    (error) => this.log(`mongodb inbox events: a listener failed: ${error instanceof Error ? error.message : String(error)}`),
    (owner) => this.knownSeqs.delete(owner),
  );
  private readonly knownSeqs = new Map<string, number>();
  /** `owner\nversion` → the jti that wrote it, so its own stream can be spared the event. */
  private readonly origins = new Map<string, string>();
  private currentSource: InboxEventSource = 'polling';
  private watch: InsertWatch | null = null;
  private blobWatch: InsertWatch | null = null;
  private stopPolling: (() => void) | null = null;
  private pollInFlight = false;
  private pollFailing = false;
  private closed = false;

  private constructor(
    private readonly feed: InboxChangeFeed,
    private readonly pollIntervalMs: number,
    private readonly log: (line: string) => void,
    private readonly ticker: Ticker,
  ) {}

  /** Opens the change stream, or settles for polling when the deployment cannot provide one. */
  static async start(feed: InboxChangeFeed, options: MongoInboxNotifierOptions = {}): Promise<MongoInboxNotifier> {
    const pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
    if (!Number.isInteger(pollIntervalMs) || pollIntervalMs < 1) {
      throw new Error(`inbox poll interval must be a positive integer of milliseconds, got ${pollIntervalMs}`);
    }
    const notifier = new MongoInboxNotifier(
      feed,
      pollIntervalMs,
      options.logger ?? ((line: string) => process.stderr.write(`${line}\n`)),
      options.ticker ?? intervalTicker,
    );
    try {
      notifier.watch = await feed.watchInserts(
        (owner) => notifier.wake(owner),
        (error) => notifier.fallBackToPolling(error),
      );
      notifier.currentSource = 'change-stream';
    } catch (error) {
      notifier.fallBackToPolling(error);
    }
    if (notifier.currentSource === 'change-stream') await notifier.watchBlobVersions();
    return notifier;
  }

  get source(): InboxEventSource {
    return this.currentSource;
  }

  notify(owner: string): void {
    if (this.currentSource === 'polling') this.wake(owner);
  }

  notifyBlob(owner: string, version: number, origin: string): void {
    if (this.blobWatch === null) {
      this.listeners.emit(owner, { kind: 'blob', version, origin });
      return;
    }
    this.origins.set(`${owner}\n${version}`, origin);
    if (this.origins.size > MAX_REMEMBERED_ORIGINS) {
      const oldest = this.origins.keys().next();
      if (oldest.done !== true) this.origins.delete(oldest.value);
    }
  }

  subscribe(owner: string, listener: AccountListener): () => void {
    return this.listeners.add(owner, listener);
  }

  /** Checks the counters of subscribed inboxes once; the ticker calls this in polling mode. */
  async poll(): Promise<void> {
    const owners = this.listeners.owners();
    if (this.pollInFlight || owners.length === 0) return;
    this.pollInFlight = true;
    try {
      const latest = await this.feed.latestSeqs(owners);
      for (const owner of owners) {
        if (!this.listeners.has(owner)) continue;
        const seq = latest.get(owner) ?? 0;
        const known = this.knownSeqs.get(owner);
        this.knownSeqs.set(owner, seq);
        // The first look only sets the baseline: the listener's own inbox fetch covers what came before.
        if (known !== undefined && known !== seq) this.wake(owner);
      }
      if (this.pollFailing) this.log('mongodb inbox events: polling works again');
      this.pollFailing = false;
    } catch (error) {
      if (!this.pollFailing) this.log(`mongodb inbox events: polling failed, will keep trying: ${describeMongoError(error)}`);
      this.pollFailing = true;
    } finally {
      this.pollInFlight = false;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stopPolling?.();
    this.stopPolling = null;
    const watches = [this.watch, this.blobWatch];
    this.watch = null;
    this.blobWatch = null;
    for (const watch of watches) await watch?.close();
  }

  private async watchBlobVersions(): Promise<void> {
    const stopWatching = (error: unknown): void => {
      if (this.closed) return;
      this.blobWatch = null;
      this.log(
        `mongodb blob events: no change stream (${describeMongoError(error)}); ` +
          'only sessions on the writing server process hear of new blob versions',
      );
    };
    try {
      this.blobWatch = await this.feed.watchBlobVersions((owner, version) => this.blobChanged(owner, version), stopWatching);
    } catch (error) {
      stopWatching(error);
    }
  }

  private blobChanged(owner: string, version: number): void {
    const key = `${owner}\n${version}`;
    const origin = this.origins.get(key) ?? null;
    this.origins.delete(key);
    this.listeners.emit(owner, { kind: 'blob', version, origin });
  }

  private fallBackToPolling(error: unknown): void {
    if (this.closed || this.stopPolling) return;
    this.currentSource = 'polling';
    this.watch = null;
    this.log(
      `mongodb inbox events: no change stream (${describeMongoError(error)}); ` +
        `falling back to in-process events plus polling every ${this.pollIntervalMs} ms, ` +
        'so drops accepted by other server processes reach their listeners up to that late',
    );
    this.stopPolling = this.ticker.every(this.pollIntervalMs, () => void this.poll());
    // Inserts may have gone unheard between the stream's failure and the first poll: a spurious
    // wake costs a listener one inbox fetch, a missed one costs a message until the next drop.
    for (const owner of this.listeners.owners()) this.wake(owner);
  }

  private wake(owner: string): void {
    this.listeners.emit(owner, { kind: 'inbox' });
  }
}

/** The notifier over a storage's own database: what the composition root binds for `mongodb`. */
export const startMongoInboxNotifier = (
  storage: MongoStorage,
  options: MongoInboxNotifierOptions = {},
): Promise<MongoInboxNotifier> =>
  MongoInboxNotifier.start(mongoInboxChangeFeed(storage.database), { ...options, logger: options.logger ?? storage.log });
