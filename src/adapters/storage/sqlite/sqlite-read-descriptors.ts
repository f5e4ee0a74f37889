import { closeSync } from 'node:fs';
import { closeDescriptor, isMissingFile, openDescriptor } from '../../system/file-descriptors';

/** Enough for the objects a few devices fetch at once, far below the process's descriptor limit. */
export const KEPT_READ_DESCRIPTORS = 64;

interface ReadDescriptor {
  readonly fd: number;
  /** Reads using it now: its number must not be closed (and handed to another file) under them. */
  readers: number;
  /** Out of the cache: closed by whoever sees it unused last. */
  dropped: boolean;
}

/**
 * Read-only descriptors of object files, kept open for the next read of the same file: a read that
 * finds one costs one thread-pool round trip instead of three (open, read, close). An object file
 * never changes once written, so a kept descriptor reads what a fresh one would. A removed file's
 * descriptor is dropped (`forget`), so its disk space is freed; at most `limit` are kept, the least
 * recently read dropped first.
 */
export class ReadDescriptors {
  /** Least recently read first. */
  private readonly kept = new Map<string, ReadDescriptor>();
  private forgets = 0;
  private closed = false;

  constructor(private readonly limit = KEPT_READ_DESCRIPTORS) {}

  /** Lends a descriptor of `path` to `read` until it settles; false, without calling it, when there is no such file. */
  async read(path: string, read: (fd: number) => Promise<void>): Promise<boolean> {
    const descriptor = this.keptFor(path) ?? (await this.opened(path));
    if (!descriptor) return false;
    try {
      await read(descriptor.fd);
      return true;
    } finally {
      descriptor.readers -= 1;
      // Closed before the read settles, so a caller (or an operator's lsof) never sees it linger.
      if (descriptor.dropped && descriptor.readers === 0) await closeDescriptor(descriptor.fd).catch(() => undefined);
    }
  }

  /** Call once `path` is unlinked: its descriptor is dropped, closed once no read uses it. */
  async forget(path: string): Promise<void> {
    const unused = this.drop(path);
    if (unused !== null) await closeDescriptor(unused).catch(() => undefined);
  }

  /** `forget`, where nothing can be awaited. */
  forgetNow(path: string): void {
    const unused = this.drop(path);
    if (unused !== null) closeSync(unused);
  }

  /** Closes every kept descriptor no read uses; the others close once their read is done. Keeps none after. */
  async close(): Promise<void> {
    this.closed = true;
    const unused = [...this.kept.values()].filter((descriptor) => descriptor.readers === 0);
    for (const descriptor of this.kept.values()) descriptor.dropped = true;
    this.kept.clear();
    await Promise.allSettled(unused.map((descriptor) => closeDescriptor(descriptor.fd)));
  }

  /** A kept descriptor, counted as used, and made the most recently read. */
  private keptFor(path: string): ReadDescriptor | undefined {
    const descriptor = this.kept.get(path);
    if (!descriptor) return undefined;
    this.kept.delete(path);
    this.kept.set(path, descriptor);
    descriptor.readers += 1;
    return descriptor;
  }

  /** A new descriptor, already counted as used; null when there is no such file. */
  private async opened(path: string): Promise<ReadDescriptor | null> {
    const forgetsBefore = this.forgets;
    let fd: number;
    try {
      fd = await openDescriptor(path, 'r');
    } catch (error) {
      if (isMissingFile(error)) return null;
      throw error;
    }
    const descriptor: ReadDescriptor = { fd, readers: 1, dropped: false };
    // A file forgotten while it was being opened may be unlinked: read once, never kept for a name whose
    // row is gone. A file opened twice at once keeps the first descriptor.
    if (this.closed || this.forgets !== forgetsBefore || this.kept.has(path)) {
      descriptor.dropped = true;
      return descriptor;
    }
    this.kept.set(path, descriptor);
    this.dropLeastRecentlyRead();
    return descriptor;
  }

  /** Takes `path`'s descriptor out of the cache; its number when no read uses it, for the caller to close. */
  private drop(path: string): number | null {
    this.forgets += 1;
    const descriptor = this.kept.get(path);
    if (!descriptor) return null;
    this.kept.delete(path);
    descriptor.dropped = true;
    return descriptor.readers === 0 ? descriptor.fd : null;
  }

  private dropLeastRecentlyRead(): void {
    for (const [path, descriptor] of this.kept) {
      if (this.kept.size <= this.limit) return;
      this.kept.delete(path);
      descriptor.dropped = true;
      // Its file is still there: closing frees no disk space, so it takes no time worth a round trip.
      if (descriptor.readers === 0) closeSync(descriptor.fd);
    }
  }
}
