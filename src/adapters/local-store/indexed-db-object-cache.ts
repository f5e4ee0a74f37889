import { DEFAULT_OBJECT_CACHE_BYTES, ObjectCache } from '../../application/ports/object-cache';
import { KeptConnection, request, transact } from './indexed-db';

const OBJECTS = 'objects';
const BY_USE = 'by-use';
const META = 'meta';
const META_KEY = 'usage';

/** The IndexedDB database holding one account's cached objects. */
export const objectCacheDatabaseName = (address: string): string => `starbase-objects ${address}`;

interface Entry {
  readonly id: string;
  readonly bytes: Uint8Array;
  /** The `tick` of the last put or get: the smallest is evicted first. */
  readonly usedAt: number;
}

/** Kept in the same transactions as the entries, so every tab sees one total. */
interface Usage {
  readonly totalBytes: number;
  readonly tick: number;
}

interface Stores {
  readonly objects: IDBObjectStore;
  readonly meta: IDBObjectStore;
}

const isEntry = (value: unknown): value is Entry =>
  typeof value === 'object' && value !== null && 'bytes' in value && value.bytes instanceof Uint8Array && 'usedAt' in value && typeof value.usedAt === 'number';

const usageOf = (value: unknown): Usage =>
  typeof value === 'object' && value !== null && 'totalBytes' in value && typeof value.totalBytes === 'number' && 'tick' in value && typeof value.tick === 'number'
    ? { totalBytes: value.totalBytes, tick: value.tick }
    : { totalBytes: 0, tick: 0 };

/**
 * An ObjectCache in IndexedDB, one database per account (so forgetting one account's cache is
 * deleting its database), surviving reloads. Recency is a counter kept with the running total in
 * the database, so tabs sharing it evict in one order. The connection stays open across calls and
 * closes when another tab deletes or upgrades the database.
 */
export class IndexedDbObjectCache implements ObjectCache {
  private readonly database: KeptConnection;

  constructor(
    indexedDb: IDBFactory,
    readonly address: string,
    private readonly maxBytes: number = DEFAULT_OBJECT_CACHE_BYTES,
  ) {
    this.database = new KeptConnection(indexedDb, objectCacheDatabaseName(address), 1, (database) => {
      database.createObjectStore(OBJECTS, { keyPath: 'id' }).createIndex(BY_USE, 'usedAt');
      database.createObjectStore(META);
    });
  }

  async get(id: string): Promise<Uint8Array | undefined> {
    try {
      return await this.transact(async ({ objects, meta }) => {
        const entry: unknown = await request(objects.get(id));
        if (!isEntry(entry)) return undefined;
        const usage = usageOf(await request(meta.get(META_KEY)));
        const tick = usage.tick + 1;
        objects.put({ ...entry, usedAt: tick } satisfies Entry);
        meta.put({ ...usage, tick } satisfies Usage, META_KEY);
        return entry.bytes;
      });
    } catch {
      return undefined;
    }
  }

  async put(id: string, bytes: Uint8Array): Promise<void> {
    if (bytes.byteLength > this.maxBytes) return;
    try {
      await this.transact(async ({ objects, meta }) => {
        const usage = usageOf(await request(meta.get(META_KEY)));
        const previous: unknown = await request(objects.get(id));
        let totalBytes = usage.totalBytes - (isEntry(previous) ? previous.bytes.byteLength : 0) + bytes.byteLength;
        const tick = usage.tick + 1;
        objects.put({ id, bytes: bytes.slice(), usedAt: tick } satisfies Entry);
        if (totalBytes > this.maxBytes) totalBytes = await this.evict(objects, totalBytes, id);
        meta.put({ totalBytes, tick } satisfies Usage, META_KEY);
      });
    } catch {
      // A cache that cannot keep an entry just does not have it next time.
    }
  }

  async drop(id: string): Promise<void> {
    try {
      await this.transact(async ({ objects, meta }) => {
        const entry: unknown = await request(objects.get(id));
        if (entry === undefined) return;
        const usage = usageOf(await request(meta.get(META_KEY)));
        objects.delete(id);
        meta.put({ ...usage, totalBytes: usage.totalBytes - (isEntry(entry) ? entry.bytes.byteLength : 0) } satisfies Usage, META_KEY);
      });
    } catch {
      // As for put: the worst outcome is an entry the reader will drop again.
    }
  }

  async forget(): Promise<void> {
    await this.database.delete();
  }

  /** Deletes the least recently used entries (never `keep`) until the total fits; the new total. */
  private async evict(objects: IDBObjectStore, totalBytes: number, keep: string): Promise<number> {
    const cursors = objects.index(BY_USE).openCursor();
    let total = totalBytes;
    for (;;) {
      const cursor = await request(cursors);
      if (cursor === null || total <= this.maxBytes) return total;
      const entry: unknown = cursor.value;
      if (cursor.primaryKey !== keep) {
        cursor.delete();
        total -= isEntry(entry) ? entry.bytes.byteLength : 0;
      }
      cursor.continue();
    }
  }

  /** Runs `work` in one transaction over both stores; resolves once the transaction committed. */
  private async transact<T>(work: (stores: Stores) => Promise<T>): Promise<T> {
    return transact(await this.database.open(), [OBJECTS, META], (transaction) =>
      work({ objects: transaction.objectStore(OBJECTS), meta: transaction.objectStore(META) }),
    );
  }
}
