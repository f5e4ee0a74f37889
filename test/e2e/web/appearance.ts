/** The device's light and dark appearance, switched in a page under test. */
import type { Page } from 'playwright-core';

export const APPEARANCES = ['light', 'dark'] as const;

export type Appearance = (typeof APPEARANCES)[number];

/**
 * Two frames (the layout after a resize or a colour change, then anything that answers it), then
 * the end (or cancellation) of any transition they started: colours are measured where they come to rest.
 */
export const settle = (page: Page) =>
  page.evaluate(async () => {
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    const transitions = document.getAnimations().filter((animation) => animation instanceof CSSTransition);
    // A transition cancelled by the next style change (its `finished` rejects) is at rest too.
    const ended = transitions.map((transition) => transition.finished.catch(() => undefined));
    await Promise.race([Promise.all(ended), new Promise((done) => setTimeout(done, 2000))]);
  });

/** Switches the device's appearance and waits until the page's colours have followed it. */
export async function showAppearance(page: Page, appearance: Appearance): Promise<void> {
  await page.emulateMedia({ colorScheme: appearance });
  await settle(page);
}
