import { objectCacheDatabaseName } from '../../src/adapters/local-store/indexed-db-object-cache';
import { OBJECT_CACHE_CASES } from '../contract/ports/object-cache.contract';
import { useBundleInChromium } from '../support/browser';

/* The ObjectCache contract on IndexedDB in headless Chromium, and what only a browser can show: reloads and deleted databases. */

const ENTRY = 'test/contract/ports/object-cache.browser-entry.ts';
const ID = 'AAAAAAAAAAAAAAAAAAAAAA';

describe('IndexedDbObjectCache in Chromium', () => {
  const browser = useBundleInChromium(ENTRY);
  let runs = 0;

  it.each(OBJECT_CACHE_CASES.map((contractCase) => contractCase.name))('%s', async (name) => {
    const address = `case-${++runs}@home.test`;
    expect(await browser.page.evaluate(([caseName, at]) => window.objectCacheTest.run(caseName, at), [name, address] as const)).toBeNull();
  });

  it('keeps one database per account, which survives a reload, and forget deletes it', async () => {
    const { page } = browser;
    await page.evaluate((id) => window.objectCacheTest.put('alice@home.test', id, 3, 9), ID);
    await page.evaluate((id) => window.objectCacheTest.put('bob@home.test', id, 2, 8), ID);
    await page.reload({ waitUntil: 'load' });
    expect(await page.evaluate((id) => window.objectCacheTest.get('alice@home.test', id), ID)).toEqual([9, 9, 9]);
    const names = await page.evaluate(() => window.objectCacheTest.databases());
    expect(names).toEqual(expect.arrayContaining([objectCacheDatabaseName('alice@home.test'), objectCacheDatabaseName('bob@home.test')]));

    await page.evaluate(() => window.objectCacheTest.forget('alice@home.test'));
    const left = await page.evaluate(() => window.objectCacheTest.databases());
    expect(left).not.toContain(objectCacheDatabaseName('alice@home.test'));
    expect(left).toContain(objectCacheDatabaseName('bob@home.test'));
    expect(await page.evaluate((id) => window.objectCacheTest.get('bob@home.test', id), ID)).toEqual([8, 8]);
  });
});
