import { mkdirSync, mkdtempSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as fileDescriptors from '../../src/adapters/system/file-descriptors';
import { objectsDirOf } from '../../src/adapters/storage/sqlite/sqlite-object-files';
import { KEPT_READ_DESCRIPTORS, ReadDescriptors } from '../../src/adapters/storage/sqlite/sqlite-read-descriptors';
import { openSqliteStorage, SqliteStorage, sqliteFileIn } from '../../src/adapters/storage/sqlite/sqlite-storage';
import { anObjectId, filled, T0 } from '../support/storage-fixtures';
import { givenAccount, times } from './ports/storage-under-test';

/*
 * SQLite keeps a read descriptor of each recently read object file open for the next read
 * (src/adapters/storage/sqlite/sqlite-read-descriptors.ts). What this process holds open is seen
 * in /proc/self/fd, as an operator's lsof would.
 */

const ROOMY = 1 << 30;

describe('SQLite object files kept open for reading', () => {
  let dataDir = '';
  let objectsDir = '';
  let storage: SqliteStorage;
  let closed = false;
  /** Object files this process holds open (not the shard directories): their paths, ` (deleted)` after those unlinked. */
  const openObjectFiles = (): string[] =>
    readdirSync('/proc/self/fd')
      .flatMap((fd) => {
        try {
          return [readlinkSync(join('/proc/self/fd', fd))];
        } catch {
          return [];
        }
      })
      .filter((path) => path.startsWith(`${objectsDir}/`) && /\/[0-9a-f]{2}\/[0-9a-f]{32}( \(deleted\))?$/.test(path));
  const put = (n: number, length = 100) => storage.objects.put({ owner: 'alice', id: anObjectId(n), data: filled(length, n), createdAt: T0 + n }, ROOMY);
  const readBack = async (n: number, length = 100): Promise<boolean> => {
    const object = await storage.objects.get('alice', anObjectId(n));
    return object !== null && Buffer.from(object.data).equals(filled(length, n));
  };

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'starbase-read-descriptors-'));
    const file = sqliteFileIn(dataDir);
    objectsDir = objectsDirOf(file) ?? '';
    storage = openSqliteStorage({ file });
    closed = false;
    await givenAccount(storage, { name: 'alice' });
  });
  afterEach(async () => {
    if (!closed) await storage.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps one descriptor per object read, however often and however many reads at once', async () => {
    await put(1);
    await put(2);
    expect(openObjectFiles()).toEqual([]);
    expect(await Promise.all(times(5, () => readBack(1)))).toEqual(times(5, () => true));
    expect(await readBack(2)).toBe(true);
    expect(await readBack(1)).toBe(true);
    expect(openObjectFiles()).toHaveLength(2);
  });

  it('has closed the spare descriptor of a file opened by two reads at once when the second read settles', async () => {
    const path = join(objectsDir, 'ab', 'ab'.padEnd(32, '0'));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, 'x');
    const descriptors = new ReadDescriptors();
    const noRead = async (): Promise<void> => undefined;
    // A loaded machine's thread pool, where a close queued behind other work takes a while.
    const close = fileDescriptors.closeDescriptor;
    const slowClose = jest.spyOn(fileDescriptors, 'closeDescriptor').mockImplementation(async (fd: number) => {
      await new Promise((resolve) => setTimeout(resolve, 100));
      await close(fd);
    });
    try {
      expect(await Promise.all([descriptors.read(path, noRead), descriptors.read(path, noRead)])).toEqual([true, true]);
      expect(openObjectFiles()).toEqual([path]);
    } finally {
      slowClose.mockRestore();
      await descriptors.close();
    }
  });

  it('closes the descriptor of a deleted object, so its file is gone from the disk', async () => {
    await put(1);
    await put(2);
    expect(await readBack(1)).toBe(true);
    expect(await readBack(2)).toBe(true);

    expect(await storage.objects.deleteStaged('alice', anObjectId(1))).toEqual({ ok: true, value: undefined });
    expect(await storage.objects.get('alice', anObjectId(1))).toBeNull();
    expect(openObjectFiles()).toHaveLength(1);
    expect(openObjectFiles()[0]).not.toMatch(/deleted/);

    await storage.accounts.delete('alice');
    expect(openObjectFiles()).toEqual([]);
  });

  it(`keeps at most ${KEPT_READ_DESCRIPTORS} open, the least recently read closed first`, async () => {
    const objects = KEPT_READ_DESCRIPTORS + 6;
    for (let n = 1; n <= objects; n++) await put(n);
    for (let n = 1; n <= objects; n++) expect(await readBack(n)).toBe(true);
    expect(openObjectFiles()).toHaveLength(KEPT_READ_DESCRIPTORS);

    // Objects 1 to 6 were dropped: reading them again opens their files again.
    for (let n = 1; n <= objects; n++) expect(await readBack(n)).toBe(true);
    expect(openObjectFiles()).toHaveLength(KEPT_READ_DESCRIPTORS);
  });

  it('closes every descriptor when the storage closes', async () => {
    await put(1);
    await put(2);
    expect(await readBack(1)).toBe(true);
    expect(await readBack(2)).toBe(true);
    expect(openObjectFiles()).toHaveLength(2);

    closed = true;
    await storage.close();
    expect(openObjectFiles()).toEqual([]);
  });

  it('reads every object intact while others are deleted and new ones written, whose files may get the numbers of closed descriptors', async () => {
    const MiB = 1024 * 1024;
    for (let n = 1; n <= 12; n++) await put(n, MiB);
    for (let round = 0; round < 3; round++) {
      const first = round * 12 + 1;
      const reads = times(12, (i) => readBack(first + i, MiB));
      const deletions = times(6, (i) => storage.objects.deleteStaged('alice', anObjectId(first + 2 * i)));
      const writes = times(12, (i) => put(first + 12 + i, MiB));
      const readResults = await Promise.all(reads);
      await Promise.all([...deletions, ...writes]);
      // An object deleted while being read may be read whole or not at all, never torn.
      readResults.forEach((intact, i) => {
        if (i % 2 === 1) expect(intact).toBe(true);
      });
      for (let n = first + 12; n < first + 24; n++) expect(await readBack(n, MiB)).toBe(true);
    }
    expect(openObjectFiles().filter((path) => path.endsWith('(deleted)'))).toEqual([]);
  });
});
