/** Brings everything written to a file so far onto the disk. */
export type SyncFile = (file: string) => Promise<void>;

interface Waiter {
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * The durability barrier behind `synchronous = NORMAL`: in WAL mode a commit then writes the WAL
 * without syncing it, and a write is answered only once a sync of the WAL that started after its
 * COMMIT returned has finished. The event loop keeps serving while the disk works. At most one sync
 * is in flight; commits that land meanwhile wait for the next one, which covers them all.
 */
export class WalDurability {
  private syncing = false;
  private waiting: Waiter[] = [];
  private currentSync: Promise<void> = Promise.resolve();

  constructor(
    private readonly walFile: string,
    private readonly syncFile: SyncFile,
  ) {}

  /** Call right after a COMMIT: resolves once it is on disk, rejects if the sync covering it failed. */
  afterCommit(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      if (!this.syncing) this.startSync();
    });
  }

  /** `value`, once the write that produced it (already committed) is on disk. */
  async durable<T>(value: T): Promise<T> {
    await this.afterCommit();
    return value;
  }

  /** The sync now running, if any: settles (never rejects) once it has finished. */
  syncInFlight(): Promise<void> | null {
    return this.syncing ? this.currentSync : null;
  }

  /** Resolves once no sync runs and none waits to start. */
  async idle(): Promise<void> {
    while (this.syncing) await this.currentSync;
  }

  private startSync(): void {
    const covered = this.waiting;
    this.waiting = [];
    this.syncing = true;
    // Through a promise: a sync that throws synchronously fails its writes like one that rejects.
    this.currentSync = Promise.resolve()
      .then(() => this.syncFile(this.walFile))
      .then(
        () => covered.forEach((waiter) => waiter.resolve()),
        (error: unknown) => covered.forEach((waiter) => waiter.reject(error)),
      )
      .finally(() => {
        this.syncing = false;
        if (this.waiting.length > 0) this.startSync();
      });
  }
}
