import type { Page } from 'playwright-core';

/** Records every text the page adds from now on, to see what only flashed before the screen changed. */
export const watchAddedTexts = (page: Page): Promise<void> =>
  page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { seenAdded: string[] }).seenAdded = seen;
    new MutationObserver((changes) => {
      for (const change of changes) for (const added of change.addedNodes) seen.push(added.textContent ?? '');
    }).observe(document.body, { childList: true, subtree: true });
  });

/** The texts added since `watchAddedTexts`. */
export const addedTexts = (page: Page): Promise<string[]> => page.evaluate(() => (window as unknown as { seenAdded: string[] }).seenAdded);
