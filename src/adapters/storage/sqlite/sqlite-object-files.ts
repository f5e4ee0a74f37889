import { randomBytes } from 'node:crypto';
import {
  fdatasync,
  fsync,
  mkdirSync,
  read as readFd,
  readdirSync,
  readFileSync,
  statSync,
  unlinkSync,
  write as writeFd,
} from 'node:fs';
import { open, mkdir, readFile, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { DEFAULT_BUFFER_POOL_LIMITS, BufferPoolLimits, BufferPool } from '../../system/buffer-pool';
import { closeDescriptor, isMissingFile, openDescriptor } from '../../system/file-descriptors';
import { syncPathSync } from '../../system/sync-path';
import { InFlight } from './sqlite-in-flight';
import { ReadDescriptors } from './sqlite-read-descriptors';

const SHARD = /^[0-9a-f]{2}$/;

const readDescriptor = promisify(readFd);
const writeDescriptor = promisify(writeFd);
const datasyncDescriptor = promisify(fdatasync);
const syncDescriptor = promisify(fsync);

const syncDirectory = async (directory: string): Promise<void> => {
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
};

/** Writes all of `bytes` from the file's start: one call, unless the kernel takes less. */
const writeFully = async (fd: number, bytes: Uint8Array): Promise<void> => {
  let written = 0;
  while (written < bytes.byteLength) {
    const { bytesWritten } = await writeDescriptor(fd, bytes, written, bytes.byteLength - written, written);
    if (bytesWritten === 0) throw new Error(`an object file took ${written} of its ${bytes.byteLength} bytes`);
    written += bytesWritten;
  }
};

/** Fills `buffer` with the first `bytes` of the file; a shorter file is damaged. */
const readFully = async (fd: number, buffer: Buffer, bytes: number): Promise<void> => {
  let filled = 0;
  while (filled < bytes) {
    const { bytesRead } = await readDescriptor(fd, buffer, filled, bytes - filled, filled);
    if (bytesRead === 0) throw new Error(`an object file holds ${filled} of its ${bytes} bytes`);
    filled += bytesRead;
  }
};

/** Where a database keeps its object files; null for `:memory:`, whose objects stay in the BLOB column. */
export const objectsDirOf = (databaseFile: string): string | null =>
  databaseFile === ':memory:' || databaseFile === '' ? null : `${databaseFile}.objects`;

/**
 * Object bytes as files named `ab/<32 hex digits>` in one directory. A name is random and used by
 * one upload only, so two uploads of one id never write the same file: the row that commits decides
 * which file is the object, and the other is unlinked. Files are never changed once written.
 */
export class SqliteObjectFiles {
  /**
   * Each shard directory's descriptor, opened by its first upload (after its mkdir and the parent's
   * sync) and held until close: an upload syncs its directory entry with one fsync, not open, fsync, close.
   */
  private readonly shards = new Map<string, Promise<number>>();

  /** Uploads and the closes of their files: a shard's descriptor is closed only once none uses it. */
  private readonly writing = new InFlight();

  private closed = false;

  private readonly buffers: BufferPool;

  private readonly readDescriptors = new ReadDescriptors();

  constructor(
    readonly dir: string,
    readBuffers: BufferPoolLimits = DEFAULT_BUFFER_POOL_LIMITS,
  ) {
    this.buffers = new BufferPool(readBuffers);
    mkdirSync(dir, { recursive: true });
    syncPathSync(dirname(dir));
  }

  /** Writes `bytes` under a new name, with the file and its directory entry on disk; returns the name. */
  write(bytes: Uint8Array): Promise<string> {
    if (this.closed) return Promise.reject(new Error('the object files are closed'));
    return this.writing.track(this.writeNew(bytes));
  }

  /** Closes the shard directories' descriptors once the uploads under way are written. */
  async close(): Promise<void> {
    this.closed = true;
    await this.writing.settled();
    const opened = (await Promise.allSettled(this.shards.values())).flatMap((shard) => (shard.status === 'fulfilled' ? [shard.value] : []));
    this.shards.clear();
    await Promise.allSettled(opened.map((fd) => closeDescriptor(fd)));
    await this.readDescriptors.close();
  }

  private async writeNew(bytes: Uint8Array): Promise<string> {
    const name = randomBytes(16).toString('hex');
    const shard = name.slice(0, 2);
    const file = `${shard}/${name}`;
    const directory = await this.shardDirectory(shard);
    const fd = await openDescriptor(join(this.dir, file), 'wx');
    try {
      await writeFully(fd, bytes);
      await datasyncDescriptor(fd);
    } catch (error) {
      await closeDescriptor(fd).catch(() => undefined);
      await this.remove(file);
      throw error;
    }
    // Its bytes are on disk: the upload need not wait for the close, only close() does.
    void this.writing.track(closeDescriptor(fd)).catch(() => undefined);
    await syncDescriptor(directory);
    return file;
  }

  /** The bytes of `file`; null once it is gone (its row was deleted meanwhile). */
  async read(file: string): Promise<Buffer | null> {
    try {
      return await readFile(join(this.dir, file));
    } catch (error) {
      if (isMissingFile(error)) return null;
      throw error;
    }
  }

  /**
   * Reads `file`, which holds `bytes`, into a pooled buffer lent to `use` until the promise it
   * returns settles; `use` gets null once the file is gone (its row was deleted meanwhile).
   */
  async lend<T>(file: string, bytes: number, use: (data: Buffer | null) => Promise<T>): Promise<T> {
    const buffer = this.buffers.take(bytes);
    try {
      const found = await this.readDescriptors.read(join(this.dir, file), (fd) => readFully(fd, buffer, bytes));
      return await use(found ? buffer.subarray(0, bytes) : null);
    } finally {
      this.buffers.give(buffer);
    }
  }

  /** For the rare check inside a write transaction (a retried upload), where nothing can be awaited. */
  readNow(file: string): Buffer | null {
    try {
      return readFileSync(join(this.dir, file));
    } catch (error) {
      if (isMissingFile(error)) return null;
      throw error;
    }
  }

  /** Unlinks `file`; one already gone counts as removed. */
  async remove(file: string): Promise<void> {
    try {
      await unlink(join(this.dir, file));
    } catch (error) {
      if (!isMissingFile(error)) throw error;
    } finally {
      // After the unlink: an open under way meanwhile is then not kept either.
      await this.readDescriptors.forget(join(this.dir, file));
    }
  }

  removeNow(file: string): void {
    try {
      unlinkSync(join(this.dir, file));
    } catch (error) {
      if (!isMissingFile(error)) throw error;
    } finally {
      this.readDescriptors.forgetNow(join(this.dir, file));
    }
  }

  /**
   * Unlinks the files no row names that were last written before `writtenBefore` (ms since epoch):
   * what a crash between writing a file and committing its row, or between committing a deletion
   * and unlinking, left behind. Younger files may belong to an upload whose row is not committed yet.
   */
  removeOrphansNow(named: ReadonlySet<string>, writtenBefore: number): number {
    let removed = 0;
    for (const shard of readdirSync(this.dir)) {
      if (!SHARD.test(shard)) continue;
      for (const name of readdirSync(join(this.dir, shard))) {
        const file = `${shard}/${name}`;
        if (named.has(file)) continue;
        const path = join(this.dir, file);
        if (statSync(path).mtimeMs >= writtenBefore) continue;
        unlinkSync(path);
        removed += 1;
      }
    }
    return removed;
  }

  private shardDirectory(shard: string): Promise<number> {
    let directory = this.shards.get(shard);
    if (!directory) {
      directory = this.openShard(join(this.dir, shard));
      // A failed mkdir or open is tried again by the next upload.
      directory.catch(() => this.shards.delete(shard));
      this.shards.set(shard, directory);
    }
    return directory;
  }

  private async openShard(path: string): Promise<number> {
    if ((await mkdir(path, { recursive: true })) !== undefined) await syncDirectory(this.dir);
    return openDescriptor(path, 'r');
  }
}
