import { DRAFT_STORE_CASES } from '../contract/ports/draft-store.contract';
import { useBundleInChromium } from '../support/browser';

/* The DraftStore contract on IndexedDB in headless Chromium, and what only a browser can show: a reload keeps the drafts. */

const ENTRY = 'test/contract/ports/draft-store.browser-entry.ts';
const NAME = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

describe('IndexedDbDraftStore in Chromium', () => {
  const browser = useBundleInChromium(ENTRY);
  let runs = 0;

  it.each(DRAFT_STORE_CASES.map((contractCase) => contractCase.name))('%s', async (name) => {
    runs += 1;
    const accounts = [`case-${runs}@home.test`, `other-${runs}@home.test`] as const;
    expect(await browser.page.evaluate(([caseName, account, other]) => window.draftStoreTest.run(caseName, account, other), [name, ...accounts] as const)).toBeNull();
  });

  it('keeps the drafts across a reload', async () => {
    const { page } = browser;
    await page.evaluate((name) => window.draftStoreTest.put('alice@home.test', name, 9), NAME);
    await page.reload({ waitUntil: 'load' });
    expect(await page.evaluate(() => window.draftStoreTest.list('alice@home.test'))).toEqual([[NAME, 9]]);
  });
});
