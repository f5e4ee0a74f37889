import { MongoServerError } from 'mongodb';
import { InboxChangeFeed, InsertWatch } from '../../../../../src/adapters/storage/mongodb/mongo-inbox-change-feed';
import { AccountEvent } from '../../../../../src/application/ports/inbox-notifier';
import { MongoInboxNotifier, Ticker } from '../../../../../src/adapters/storage/mongodb/mongo-inbox-notifier';

/** A stand-in for the database: tests decide whether change streams work and what the counters say. */
class FakeInboxChangeFeed implements InboxChangeFeed {
  readonly seqs = new Map<string, number>();
  watchRefusal: unknown = null;
  countersUnreachable = false;
  watchClosed = false;
  blobWatchRefusal: unknown = null;
  private onInsert: ((owner: string) => void) | null = null;
  private onBlobVersion: ((owner: string, version: number) => void) | null = null;
  private onFailure: ((error: unknown) => void) | null = null;

  async watchInserts(onInsert: (owner: string) => void, onFailure: (error: unknown) => void): Promise<InsertWatch> {
    if (this.watchRefusal) throw this.watchRefusal;
    this.onInsert = onInsert;
    this.onFailure = onFailure;
    return {
      close: async () => {
        this.watchClosed = true;
      },
    };
  }

  async watchBlobVersions(onVersion: (owner: string, version: number) => void): Promise<InsertWatch> {
    if (this.blobWatchRefusal) throw this.blobWatchRefusal;
    this.onBlobVersion = onVersion;
    return { close: async () => undefined };
  }

  /** Some process wrote version `version` of `owner`'s blob. */
  blobWritten(owner: string, version: number): void {
    this.onBlobVersion?.(owner, version);
  }

  async latestSeqs(owners: readonly string[]): Promise<ReadonlyMap<string, number>> {
    if (this.countersUnreachable) throw new Error('connection refused');
    return new Map(owners.flatMap((owner) => (this.seqs.has(owner) ? [[owner, this.seqs.get(owner)!] as const] : [])));
  }

  /** Another process inserted an item for `owner`. */
  inserted(owner: string): void {
    this.seqs.set(owner, (this.seqs.get(owner) ?? 0) + 1);
    this.onInsert?.(owner);
  }

  streamBreaks(error: unknown): void {
    this.onFailure?.(error);
  }
}

class ManualTicker implements Ticker {
  intervalMs: number | null = null;
  running = false;

  every(intervalMs: number): () => void {
    this.intervalMs = intervalMs;
    this.running = true;
    return () => {
      this.running = false;
    };
  }
}

const standaloneRefusal = () =>
  new MongoServerError({ message: 'The $changeStream stage is only supported on replica sets', code: 40573, ok: 0 });

const setUp = async (configure: (feed: FakeInboxChangeFeed) => void = () => undefined) => {
  const feed = new FakeInboxChangeFeed();
  configure(feed);
  const ticker = new ManualTicker();
  const lines: string[] = [];
  const notifier = await MongoInboxNotifier.start(feed, { pollIntervalMs: 1500, ticker, logger: (line) => lines.push(line) });
  const wakes = (owner: string) => {
    const counter = { count: 0 };
    notifier.subscribe(owner, () => counter.count++);
    return counter;
  };
  return { feed, ticker, lines, notifier, wakes };
};

describe('MongoInboxNotifier', () => {
  describe('blob versions', () => {
    const heardBy = (notifier: MongoInboxNotifier, owner: string) => {
      const heard: AccountEvent[] = [];
      notifier.subscribe(owner, (event) => heard.push(event));
      return heard;
    };

    it('announces every version from the change stream, naming the session when this process wrote it', async () => {
      const { feed, notifier } = await setUp();
      const heard = heardBy(notifier, 'bob');

      notifier.notifyBlob('bob', 2, 'jti-here');
      expect(heard).toEqual([]);
      feed.blobWritten('bob', 2);
      feed.blobWritten('bob', 3);

      expect(heard).toEqual([
        { kind: 'blob', version: 2, origin: 'jti-here' },
        { kind: 'blob', version: 3, origin: null },
      ]);
    });

    it('announces local writes itself when the blob heads cannot be watched', async () => {
      const { notifier, lines } = await setUp((feed) => {
        feed.blobWatchRefusal = standaloneRefusal();
      });
      const heard = heardBy(notifier, 'bob');

      notifier.notifyBlob('bob', 2, 'jti-here');

      expect(heard).toEqual([{ kind: 'blob', version: 2, origin: 'jti-here' }]);
      expect(lines.join('\n')).toContain('mongodb blob events: no change stream');
    });
  });

  describe('with a change stream', () => {
    it('wakes the listeners of the owner of every inserted item, from any process', async () => {
      const { feed, notifier, wakes, lines, ticker } = await setUp();
      const bob = wakes('bob');
      const alice = wakes('alice');

      feed.inserted('bob');

      expect(notifier.source).toBe('change-stream');
      expect(bob.count).toBe(1);
      expect(alice.count).toBe(0);
      expect(lines).toEqual([]);
      expect(ticker.running).toBe(false);
    });

    it('leaves local notifications to the stream, so a drop wakes a listener once', async () => {
      const { feed, notifier, wakes } = await setUp();
      const bob = wakes('bob');
      notifier.notify('bob');
      feed.inserted('bob');
      expect(bob.count).toBe(1);
    });

    it('stops waking a listener once it unsubscribed', async () => {
      const { feed, notifier } = await setUp();
      let count = 0;
      const unsubscribe = notifier.subscribe('bob', () => count++);
      unsubscribe();
      feed.inserted('bob');
      expect(count).toBe(0);
    });

    it('keeps waking the other listeners when one of them throws', async () => {
      const { feed, notifier, wakes, lines } = await setUp();
      notifier.subscribe('bob', () => {
        throw new Error('socket closed');
      });
      const healthy = wakes('bob');
      feed.inserted('bob');
      expect(healthy.count).toBe(1);
      expect(lines).toEqual([expect.stringContaining('socket closed')]);
    });

    it('closes the stream on close', async () => {
      const { feed, notifier } = await setUp();
      await notifier.close();
      expect(feed.watchClosed).toBe(true);
    });
  });

  describe('without change streams (standalone server)', () => {
    it('says so in exactly one log line and polls at the configured interval', async () => {
      const { notifier, lines, ticker } = await setUp((feed) => (feed.watchRefusal = standaloneRefusal()));
      expect(notifier.source).toBe('polling');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/replica set/);
      expect(lines[0]).toMatch(/polling every 1500 ms/);
      expect(ticker).toEqual(expect.objectContaining({ intervalMs: 1500, running: true }));
    });

    it('wakes local listeners on notify at once', async () => {
      const { notifier, wakes } = await setUp((feed) => (feed.watchRefusal = standaloneRefusal()));
      const bob = wakes('bob');
      notifier.notify('bob');
      expect(bob.count).toBe(1);
    });

    it('wakes listeners when polling finds a drop another process accepted, and only then', async () => {
      const { feed, notifier, wakes } = await setUp((feed) => (feed.watchRefusal = standaloneRefusal()));
      feed.seqs.set('bob', 4);
      const bob = wakes('bob');
      const alice = wakes('alice');

      await notifier.poll();
      expect(bob.count).toBe(0);

      feed.inserted('bob');
      await notifier.poll();
      expect(bob.count).toBe(1);
      expect(alice.count).toBe(0);

      await notifier.poll();
      expect(bob.count).toBe(1);
    });

    it('notices the first drop into an inbox that had none', async () => {
      const { feed, notifier, wakes } = await setUp((feed) => (feed.watchRefusal = standaloneRefusal()));
      const bob = wakes('bob');
      await notifier.poll();
      feed.inserted('bob');
      await notifier.poll();
      expect(bob.count).toBe(1);
    });

    it('logs a polling failure once per outage, and recovery once', async () => {
      const { feed, notifier, lines } = await setUp((feed) => (feed.watchRefusal = standaloneRefusal()));
      notifier.subscribe('bob', () => undefined);
      feed.countersUnreachable = true;
      await notifier.poll();
      await notifier.poll();
      feed.countersUnreachable = false;
      await notifier.poll();
      expect(lines.slice(1)).toEqual([expect.stringContaining('connection refused'), expect.stringContaining('works again')]);
    });

    it('stops polling on close', async () => {
      const { notifier, ticker } = await setUp((feed) => (feed.watchRefusal = standaloneRefusal()));
      await notifier.close();
      expect(ticker.running).toBe(false);
    });
  });

  describe('when a running change stream fails', () => {
    it('logs it once, falls back to polling and wakes every listener once in case it missed a drop', async () => {
      const { feed, notifier, wakes, lines, ticker } = await setUp();
      const bob = wakes('bob');

      feed.streamBreaks(new MongoServerError({ message: 'change stream history lost', code: 286, ok: 0 }));
      feed.streamBreaks(new Error('and again'));

      expect(notifier.source).toBe('polling');
      expect(lines).toEqual([expect.stringMatching(/change stream history lost \(code 286\).*polling/)]);
      expect(ticker.running).toBe(true);
      expect(bob.count).toBe(1);
      notifier.notify('bob');
      expect(bob.count).toBe(2);
    });
  });

  it('refuses a poll interval that is not a positive number of milliseconds', async () => {
    await expect(MongoInboxNotifier.start(new FakeInboxChangeFeed(), { pollIntervalMs: 0 })).rejects.toThrow(/poll interval/);
  });
});
