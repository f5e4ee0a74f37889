import { closeSync, fdatasync, openSync } from 'node:fs';
import { isMissingFile } from '../../system/file-descriptors';


/**
 * fdatasync of the -wal file through a descriptor of our own, on libuv's thread pool: on Linux it
 * flushes the inode, so SQLite's writes through its own descriptor too. The descriptor stays open,
 * so a sync is one thread-pool job, not three (open, sync, close): on a busy machine each job waits
 * for a core. It cannot go stale: SQLite deletes the WAL only when the last connection closes, and
 * ours stays open until `close()`; and SQLite places no POSIX locks on the -wal file (only on the
 * database and -shm files), so our descriptor cannot release one of its locks.
 */
export class WalDescriptor {
  private fd: number | undefined;
  private closed = false;

  readonly sync = (walFile: string): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      // After close the WAL was checkpointed into the database, and that synced, by SQLite.
      if (this.closed) return resolve();
      try {
        this.fd ??= openSync(walFile, 'r');
      } catch (error) {
        // No WAL file: likewise, everything is in the synced database file.
        if (isMissingFile(error)) return resolve();
        return reject(error);
      }
      fdatasync(this.fd, (error) => (error ? reject(error) : resolve()));
    });

  /** Once the database is closed and no sync runs any more. */
  close(): void {
    this.closed = true;
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
