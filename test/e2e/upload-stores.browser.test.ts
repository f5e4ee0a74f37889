import { uploadDatabaseName } from '../../src/adapters/local-store/indexed-db-upload-stores';
import { useBundleInChromium } from '../support/browser';

/* The pending-upload stores on IndexedDB in headless Chromium: what survives a reload, and that nothing is kept in plaintext. */

const ENTRY = 'test/contract/ports/upload-stores.browser-entry.ts';
const MiB = 1_048_576;

describe('IndexedDB upload stores in Chromium', () => {
  const browser = useBundleInChromium(ENTRY);

  it('keeps an upload journal across a reload, opens it only with the same account key, and forgets it', async () => {
    const { page } = browser;
    const written = await page.evaluate(() => window.uploadStoresTest.journal('journal@one.test', 1, 'put'));
    await page.reload({ waitUntil: 'load' });
    expect(await page.evaluate(() => window.uploadStoresTest.journal('journal@one.test', 1, 'get'))).toEqual(written);
    expect(written).toEqual({
      fileKey: expect.stringMatching(/^[0-9a-f]{64}$/),
      chunks: [{ plainSha256: 'h0', dropped: 'd0', own: 'o0', kept: true }, 'missing', { plainSha256: 'h2', dropped: null, own: 'o2', kept: false }],
    });
    expect(await page.evaluate(() => window.uploadStoresTest.journal('journal@one.test', 2, 'get'))).toBeNull();
    expect(await page.evaluate(() => window.uploadStoresTest.journal('journal@one.test', 1, 'forget'))).toBeNull();
  });

  it('keeps a pending upload (text and files, sealed) across a reload, reads its files back chunk by chunk, and forgets it', async () => {
    const { page } = browser;
    const sizes = [Math.round(2.5 * MiB), 0, 1000];
    await page.evaluate((files) => window.uploadStoresTest.keepPending('pending@one.test', 1, 'upload-1', files), sizes);
    await page.reload({ waitUntil: 'load' });
    expect(await page.evaluate(() => window.uploadStoresTest.listPending('pending@one.test', 1))).toEqual([
      {
        id: 'upload-1',
        to: 'bob@two.test',
        body: 'the holiday pictures',
        files: sizes.map((size, index) => ({ name: `file-${index}.bin`, size, intact: true, middleIntact: true })),
      },
    ]);
    // One record per chunk: 3 for 2.5 MiB, none for the empty file, 1 for 1000 bytes.
    expect(await page.evaluate(() => window.uploadStoresTest.recordCounts('pending@one.test'))).toEqual({ chunks: 4, journal: 0, pending: 1 });
    await page.evaluate(() => window.uploadStoresTest.forgetPending('pending@one.test', 1, 'upload-1'));
    expect(await page.evaluate(() => window.uploadStoresTest.listPending('pending@one.test', 1))).toEqual([]);
    expect(await page.evaluate(() => window.uploadStoresTest.recordCounts('pending@one.test'))).toEqual({ chunks: 0, journal: 0, pending: 0 });
  });

  it('reads back a pending upload whose chunks an earlier version kept as ArrayBuffers', async () => {
    const { page } = browser;
    const sizes = [Math.round(1.5 * MiB), 1000];
    await page.evaluate((files) => window.uploadStoresTest.keepPending('earlier@one.test', 1, 'upload-9', files), sizes);
    expect(await page.evaluate(() => window.uploadStoresTest.chunksAsArrayBuffers('earlier@one.test'))).toBe(3);
    expect(await page.evaluate(() => window.uploadStoresTest.listPending('earlier@one.test', 1))).toEqual([
      { id: 'upload-9', to: 'bob@two.test', body: 'the holiday pictures', files: sizes.map((size, index) => ({ name: `file-${index}.bin`, size, intact: true, middleIntact: true })) },
    ]);
  });

  it('drops a pending upload missing a chunk, and the chunks of a keep cut short before its upload was recorded', async () => {
    const { page } = browser;
    await page.evaluate(() => window.uploadStoresTest.keepPending('damaged@one.test', 1, 'upload-5', [3000, 3000]));
    await page.evaluate(() => window.uploadStoresTest.deleteRaw('damaged@one.test', 'chunks', 'upload-5/1/0'));
    await page.evaluate(() => window.uploadStoresTest.keepPending('damaged@one.test', 1, 'upload-6', [3000]));
    await page.evaluate(() => window.uploadStoresTest.deleteRaw('damaged@one.test', 'pending', 'upload-6'));

    expect(await page.evaluate(() => window.uploadStoresTest.listPending('damaged@one.test', 1))).toEqual([]);
    expect(await page.evaluate(() => window.uploadStoresTest.recordCounts('damaged@one.test'))).toEqual({ chunks: 0, journal: 0, pending: 0 });
  });

  it('writes no file key, address, text, file name or file byte in plaintext, and drops what another key sealed', async () => {
    const { page } = browser;
    await page.evaluate(() => window.uploadStoresTest.journal('sealed@one.test', 3, 'put'));
    await page.evaluate(() => window.uploadStoresTest.keepPending('sealed@one.test', 3, 'upload-2', [3000]));
    expect(await page.evaluate(() => window.uploadStoresTest.plaintextFound('sealed@one.test'))).toEqual([]);

    expect(await page.evaluate(() => window.uploadStoresTest.listPending('sealed@one.test', 4))).toEqual([]);
    expect(await page.evaluate(() => window.uploadStoresTest.listPending('sealed@one.test', 3))).toEqual([]);
  });

  it('forgetAll deletes the account’s database and nothing of another account', async () => {
    const { page } = browser;
    await page.evaluate(() => window.uploadStoresTest.keepPending('leaving@one.test', 1, 'upload-3', [10]));
    await page.evaluate(() => window.uploadStoresTest.keepPending('staying@one.test', 1, 'upload-4', [10]));
    await page.evaluate(() => window.uploadStoresTest.forgetAll('leaving@one.test'));
    const names = await page.evaluate(() => window.uploadStoresTest.databases());
    expect(names).not.toContain(uploadDatabaseName('leaving@one.test'));
    expect(names).toContain(uploadDatabaseName('staying@one.test'));
    expect(await page.evaluate(() => window.uploadStoresTest.listPending('staying@one.test', 1))).toHaveLength(1);
  });

  it('lets one page at a time claim an upload: another tab gets it once it is released or the page reloads', async () => {
    const { page } = browser;
    const otherTab = await page.context().newPage();
    await otherTab.goto(page.url());
    try {
      expect(await page.evaluate(() => window.uploadStoresTest.claim('upload-7'))).toBe(true);
      expect(await otherTab.evaluate(() => window.uploadStoresTest.claim('upload-7'))).toBe(false);
      await page.evaluate(() => window.uploadStoresTest.release('upload-7'));
      expect(await otherTab.evaluate(() => window.uploadStoresTest.claim('upload-7'))).toBe(true);

      expect(await otherTab.evaluate(() => window.uploadStoresTest.claim('upload-8'))).toBe(true);
      await otherTab.reload({ waitUntil: 'load' });
      expect(await page.evaluate(() => window.uploadStoresTest.claim('upload-8'))).toBe(true);
    } finally {
      await otherTab.close();
    }
  });
});
