import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStorage, SqliteStorage, sqliteFileIn } from '../../src/adapters/storage/sqlite/sqlite-storage';
import { anObjectId, filled, T0 } from '../support/storage-fixtures';
import { givenAccount } from './ports/storage-under-test';

/*
 * SQLite reads object files into buffers it uses again once a read's `use` has settled
 * (StoreObjectRepository.read): a fresh 1 MiB buffer per GET is external memory, which V8 answers
 * with full collections of the whole heap.
 */

const ROOMY = 1 << 30;
const MiB = 1024 * 1024;

describe('SQLite object reads', () => {
  let dataDir = '';
  let storage: SqliteStorage;
  const memoryOf = (id: string): Promise<ArrayBufferLike | null> => storage.objects.read('alice', id, async (object) => object?.data.buffer ?? null);

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'starbase-sqlite-reads-'));
    storage = openSqliteStorage({ file: sqliteFileIn(dataDir) });
    await givenAccount(storage, { name: 'alice' });
    for (const [n, length] of [[1, MiB], [2, MiB - 100], [3, 2 * MiB]] as const) {
      await storage.objects.put({ owner: 'alice', id: anObjectId(n), data: filled(length, n), createdAt: T0 }, ROOMY);
    }
  });
  afterEach(async () => {
    await storage.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('reads the next object of the same size class into the memory the last read gave back', async () => {
    const first = await memoryOf(anObjectId(1));
    expect(first).not.toBeNull();
    expect(await memoryOf(anObjectId(2))).toBe(first);
    expect(await memoryOf(anObjectId(1))).toBe(first);
    // A larger object needs a larger buffer.
    expect(await memoryOf(anObjectId(3))).not.toBe(first);
  });

  it('gives a read that overlaps a lent buffer memory of its own', async () => {
    const [outer, inner] = await storage.objects.read('alice', anObjectId(1), async (object) => [object?.data.buffer, await memoryOf(anObjectId(2))]);
    expect(inner).not.toBe(outer);
    expect(await memoryOf(anObjectId(2))).toBe(await memoryOf(anObjectId(1)));
  });
});
