import { anObjectId } from '../support/storage-fixtures';
import { useAlicesSqliteFile } from './alices-sqlite-file';
import { times } from './ports/storage-under-test';

/*
 * Group commit of object uploads in SQLite: uploads arriving together share one transaction (one
 * fsync), each is answered only once the commit holding it is done, the quota stays exact inside
 * a batch, and closing the storage commits what waits. The object rules themselves are the
 * contract suite's (store-object-repository), run on this adapter too.
 */

const T0 = 1_700_000_000_000;
const ROOMY = 1 << 30;

describe('SQLite object upload group commit', () => {
  const sqlite = useAlicesSqliteFile('starbase-object-commit-');
  const { walFrames, walCommits, emptyTheWal } = sqlite;
  const committedIds = () => sqlite.committedIds("SELECT id FROM store_objects WHERE owner = 'alice' ORDER BY id");

  const put = (n: number, bytes = 100, storeBytes = ROOMY) =>
    sqlite.storage.objects.put({ owner: 'alice', id: anObjectId(n), data: new Uint8Array(bytes).fill(n % 256), createdAt: T0 + n }, storeBytes);

  it('commits 40 concurrent uploads in fewer commits than uploads', async () => {
    emptyTheWal();
    expect(walFrames()).toBe(0);

    const results = await Promise.all(times(40, (i) => put(i)));

    expect(results.every((result) => result.ok)).toBe(true);
    // Each file is written on its own, so uploads reach the commit a few at a time, not all 40 in one.
    expect(walCommits()).toBeLessThan(40);
  });

  it('answers each upload only once it is committed', async () => {
    const visibleWhenAnswered = await Promise.all(times(12, (i) => put(i).then(() => committedIds().includes(anObjectId(i)))));
    expect(visibleWhenAnswered).toEqual(times(12, () => true));
  });

  it('keeps the store quota exact inside one batch', async () => {
    const results = await Promise.all(times(8, (i) => put(i, 1000, 5_500)));
    const stored = results.filter((result) => result.ok).length;
    expect(stored).toBeGreaterThan(0);
    expect(stored).toBeLessThan(8);
    expect(results.filter((result) => !result.ok && result.error === 'store/full')).toHaveLength(8 - stored);
    expect(committedIds()).toHaveLength(stored);
  });

  it('commits uploads still waiting for their batch when the storage closes', async () => {
    const uploaded = put(1);
    await sqlite.storage.close();
    expect((await uploaded).ok).toBe(true);
    expect(committedIds()).toEqual([anObjectId(1)]);
  });
});
