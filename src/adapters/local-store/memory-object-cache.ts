import { DEFAULT_OBJECT_CACHE_BYTES, ObjectCache } from '../../application/ports/object-cache';

/** An ObjectCache in process memory (Node, tests, a fallback without IndexedDB); a Map's order is its recency. */
export class MemoryObjectCache implements ObjectCache {
  private readonly entries = new Map<string, Uint8Array>();
  private totalBytes = 0;

  constructor(private readonly maxBytes: number = DEFAULT_OBJECT_CACHE_BYTES) {}

  async get(id: string): Promise<Uint8Array | undefined> {
    const bytes = this.entries.get(id);
    if (bytes === undefined) return undefined;
    this.entries.delete(id);
    this.entries.set(id, bytes);
    return bytes.slice();
  }

  async put(id: string, bytes: Uint8Array): Promise<void> {
    if (bytes.byteLength > this.maxBytes) return;
    await this.drop(id);
    this.entries.set(id, bytes.slice());
    this.totalBytes += bytes.byteLength;
    for (const [oldest, kept] of this.entries) {
      if (this.totalBytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.totalBytes -= kept.byteLength;
    }
  }

  async drop(id: string): Promise<void> {
    const bytes = this.entries.get(id);
    if (bytes === undefined) return;
    this.entries.delete(id);
    this.totalBytes -= bytes.byteLength;
  }

  async forget(): Promise<void> {
    this.entries.clear();
    this.totalBytes = 0;
  }
}
