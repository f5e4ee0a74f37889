/** Smaller objects get a fresh buffer each read: V8 allocates them cheaply, and keeping them would waste memory. */
const POOLED_FROM_BYTES = 64 * 1024;

export interface BufferPoolLimits {
  /** Most idle buffers kept. */
  readonly buffers: number;
  /** Most idle bytes kept, over all of them. */
  readonly bytes: number;
}

/** 32 × 1 MiB or 8 × 4 MiB (objectBytes' default): a few busy readers' worth, little when idle. */
export const DEFAULT_BUFFER_POOL_LIMITS: BufferPoolLimits = { buffers: 32, bytes: 32 * 1024 * 1024 };

/** The power of two at or above `bytes`: one buffer of a size serves every object of its class. */
const sizeClassOf = (bytes: number): number => 2 ** Math.ceil(Math.log2(bytes));

/**
 * Buffers for object bytes (files read, upload bodies), each given back once nothing holds it any more. A fresh
 * 1 MiB buffer per request is external memory, to which V8 answers with full mark-compacts of the
 * whole server heap; a buffer used again is not. Never waits: with none idle it allocates one.
 */
export class BufferPool {
  private readonly idle = new Map<number, Buffer[]>();
  private idleBuffers = 0;
  private idleBytes = 0;

  constructor(private readonly limits: BufferPoolLimits = DEFAULT_BUFFER_POOL_LIMITS) {}

  /** A buffer of at least `bytes`, to be given back once nothing reads from it any more. */
  take(bytes: number): Buffer {
    if (bytes < POOLED_FROM_BYTES) return Buffer.allocUnsafe(bytes);
    const size = sizeClassOf(bytes);
    const kept = this.idle.get(size)?.pop();
    if (!kept) return Buffer.allocUnsafeSlow(size);
    this.idleBuffers -= 1;
    this.idleBytes -= size;
    return kept;
  }

  give(buffer: Buffer): void {
    const size = buffer.length;
    if (size < POOLED_FROM_BYTES || size !== sizeClassOf(size)) return;
    if (this.idleBuffers + 1 > this.limits.buffers || this.idleBytes + size > this.limits.bytes) return;
    const shelf = this.idle.get(size) ?? [];
    shelf.push(buffer);
    this.idle.set(size, shelf);
    this.idleBuffers += 1;
    this.idleBytes += size;
  }
}
