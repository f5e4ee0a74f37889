import type { Database } from 'better-sqlite3';
import { WalDurability } from './sqlite-wal-durability';

/** Far more than arrive in one turn of the event loop at realistic loads; bounds how long one commit holds the write lock. */
const DEFAULT_MAX_BATCH = 512;

interface Pending<I, O> {
  readonly input: I;
  readonly resolve: (output: O) => void;
  readonly reject: (error: unknown) => void;
}

type Outcome<O> = { readonly ok: true; readonly value: O } | { readonly ok: false; readonly error: unknown };

/**
 * Group commit: writes submitted during one turn of the event loop share one transaction, so one
 * COMMIT and one WAL sync cover them all instead of one each. Each write runs in its own
 * savepoint, in submission order, seeing the writes before it (checks such as quotas stay exact);
 * one that throws is rolled back alone and only its caller sees the error. Every caller's promise
 * settles after the COMMIT that holds its write and the WAL sync after it, so a resolved write is on
 * disk; if the commit or that sync fails, every write of the batch fails with it.
 */
export class SqliteGroupCommit<I, O> {
  private pending: Pending<I, O>[] = [];
  private scheduled = false;
  private readonly writeInSavepoint: (input: I) => O;
  private readonly commitBatch: (batch: readonly Pending<I, O>[]) => Outcome<O>[];

  constructor(
    private readonly db: Database,
    private readonly durability: WalDurability,
    write: (input: I) => O,
    private readonly maxBatch = DEFAULT_MAX_BATCH,
  ) {
    // Called inside the batch's transaction, better-sqlite3 wraps it in a savepoint.
    this.writeInSavepoint = db.transaction(write);
    this.commitBatch = db.transaction((batch: readonly Pending<I, O>[]) => this.writeAll(batch)).immediate;
  }

  submit(input: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.pending.push({ input, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // After the I/O phase: every request parsed in this turn has submitted by then.
        setImmediate(() => this.flushOnceTheSyncIsDone());
      }
    });
  }

  /**
   * A batch committed while a WAL sync runs would wait for the next sync anyway: committing it when
   * the running one finishes gathers everything that arrived meanwhile into one transaction (fewer
   * WAL frames, fewer checkpoints on the event loop), as the blocking sync of `synchronous = FULL` did.
   */
  private flushOnceTheSyncIsDone(): void {
    const running = this.durability.syncInFlight();
    if (running) void running.then(() => this.flush());
    else this.flush();
  }

  /** Commits everything submitted so far, now (before the database closes). */
  flush(): void {
    this.scheduled = false;
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, this.maxBatch);
      this.commit(batch);
    }
  }

  private commit(batch: readonly Pending<I, O>[]): void {
    let outcomes: Outcome<O>[];
    try {
      outcomes = this.commitBatch(batch);
    } catch (error) {
      for (const write of batch) write.reject(error);
      return;
    }
    this.durability.afterCommit().then(
      () => this.settle(batch, outcomes),
      (error: unknown) => {
        for (const write of batch) write.reject(error);
      },
    );
  }

  private settle(batch: readonly Pending<I, O>[], outcomes: readonly Outcome<O>[]): void {
    outcomes.forEach((outcome, index) => {
      const write = batch[index] as Pending<I, O>;
      if (outcome.ok) write.resolve(outcome.value);
      else write.reject(outcome.error);
    });
  }

  private writeAll(batch: readonly Pending<I, O>[]): Outcome<O>[] {
    return batch.map((write): Outcome<O> => {
      try {
        return { ok: true, value: this.writeInSavepoint(write.input) };
      } catch (error) {
        // Some errors (a full disk, I/O) make SQLite roll the whole transaction back: then nothing
        // of this batch will be committed, and the batch must fail as a whole.
        if (!this.db.inTransaction) throw error;
        return { ok: false, error };
      }
    });
  }
}
