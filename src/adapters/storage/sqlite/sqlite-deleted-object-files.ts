import type { Database, Statement } from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { syncPathSync } from '../../system/sync-path';
import { InFlight } from './sqlite-in-flight';
import { SqliteObjectFiles } from './sqlite-object-files';
import { WalDurability } from './sqlite-wal-durability';

/** An upload writes its file before its row: one this young may still be on its way to the database. */
export const ORPHAN_FILE_AGE_MS = 60 * 60 * 1000;

interface DeletedFile {
  readonly seq: number;
  readonly file: string;
}

/**
 * Unlinks the files of deleted object rows, never before the deleting commit is on disk: a
 * trigger records each file in `deleted_object_files` inside that commit (migration 6), and the
 * writer that committed calls `durable` instead of `WalDurability.durable`. A crash before the
 * unlink leaves the record, and the next open finishes the job.
 */
export class SqliteDeletedObjectFiles {
  private readonly lastSeq: Statement<[], { seq: number | null }>;
  private readonly upTo: Statement<[number], DeletedFile>;
  private readonly forget: (seqs: readonly number[]) => void;
  private readonly namedFiles: Statement<[], { file: string }>;
  private readonly sweeps = new InFlight();

  constructor(
    private readonly db: Database,
    private readonly files: SqliteObjectFiles | null,
    private readonly durability: WalDurability,
  ) {
    this.lastSeq = db.prepare('SELECT max(seq) AS seq FROM deleted_object_files');
    this.upTo = db.prepare('SELECT seq, file FROM deleted_object_files WHERE seq <= ? ORDER BY seq');
    const forgetOne = db.prepare<[number]>('DELETE FROM deleted_object_files WHERE seq = ?');
    this.forget = db.transaction((seqs: readonly number[]) => {
      for (const seq of seqs) forgetOne.run(seq);
    });
    this.namedFiles = db.prepare('SELECT file FROM store_objects WHERE file IS NOT NULL');
  }

  /**
   * Call right after a commit that may have deleted object rows: `value` once that commit is on
   * disk and the files of the rows it deleted are unlinked. Only records already there right after
   * the commit are swept: a later deletion may not be covered by the WAL sync awaited here.
   */
  async durable<T>(value: T): Promise<T> {
    const seq = this.files ? this.lastSeq.get()?.seq : null;
    await this.durability.afterCommit();
    if (seq !== null && seq !== undefined) await this.sweeps.track(this.sweep(seq));
    return value;
  }

  /** Resolves once no sweep runs (before the database closes). */
  idle(): Promise<void> {
    return this.sweeps.settled();
  }

  /**
   * At open, before any writer: whatever the records name is unlinked (the WAL holding their
   * commits is synced first: a crashed process may have left it in the page cache only), then files
   * no row names that are older than ORPHAN_FILE_AGE_MS. Never the database file itself: closing a
   * descriptor of it would drop this process's POSIX locks on it, SQLite's included; what a
   * checkpoint wrote there, SQLite synced.
   */
  sweepAtOpen(databaseFile: string, now: number): void {
    if (!this.files) return;
    const wal = `${databaseFile}-wal`;
    if (existsSync(wal)) syncPathSync(wal);
    const deleted = this.upTo.all(Number.MAX_SAFE_INTEGER);
    for (const { file } of deleted) this.files.removeNow(file);
    this.forget(deleted.map((record) => record.seq));
    const named = new Set(this.namedFiles.all().map((row) => row.file));
    this.files.removeOrphansNow(named, now - ORPHAN_FILE_AGE_MS);
  }

  private async sweep(upToSeq: number): Promise<void> {
    const files = this.files;
    if (!files) return;
    const deleted = this.upTo.all(upToSeq);
    const removed = await Promise.allSettled(deleted.map(({ file }) => files.remove(file)));
    // A file that could not be unlinked keeps its record: the next sweep (or open) tries again.
    if (!this.db.open) return;
    this.forget(deleted.filter((_, index) => removed[index]?.status === 'fulfilled').map((record) => record.seq));
  }
}
