/**
 * Keyboard focus as a person relying on it meets it: reached with Tab, moved by the app where it
 * should go, and visible where it is (what axe does not judge).
 */
import type { Locator, Page } from 'playwright-core';
import { APPEARANCES, showAppearance } from './appearance';

export const isFocused = (target: Locator): Promise<boolean> => target.evaluate((element) => element === document.activeElement);

/** Focus moves in effects that run after a render: wait for it (fails on the timeout if it never comes). */
export async function waitForFocus(target: Locator): Promise<void> {
  const element = await target.elementHandle();
  const focused = await target
    .page()
    .waitForFunction((expected) => expected === document.activeElement, element, { timeout: 5_000 })
    .then(() => true, () => false);
  if (!focused) throw new Error(`Focus never came to ${String(target)}`);
}

/**
 * What axe does not judge about keyboard focus (WCAG 2.4.7 and 1.4.11): whether the focused element
 * shows a ring (outline or box-shadow) and its contrast with the colour around the element.
 */
const focusRing = (target: Locator): Promise<{ shown: boolean; contrast: number }> =>
  target.evaluate((element) => {
    const rgb = (color: string): number[] | null => {
      const match = /rgba?\(([\d.]+),? ([\d.]+),? ([\d.]+)(?:,? \/? ?([\d.]+))?\)/.exec(color);
      return match === null || match[4] === '0' ? null : [Number(match[1]), Number(match[2]), Number(match[3])];
    };
    const luminance = (color: number[]) => {
      const [r, g, b] = color.map((value) => (value / 255 <= 0.04045 ? value / 255 / 12.92 : ((value / 255 + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const style = getComputedStyle(element);
    const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 ? rgb(style.outlineColor) : rgb(style.boxShadow);
    let around: number[] | null = null;
    for (let ancestor = element.parentElement; ancestor !== null && around === null; ancestor = ancestor.parentElement) {
      around = rgb(getComputedStyle(ancestor).backgroundColor);
    }
    if (ring === null || !element.matches(':focus-visible')) return { shown: false, contrast: 0 };
    const [lighter, darker] = [luminance(ring), luminance(around ?? [255, 255, 255])].sort((a, b) => b - a);
    return { shown: true, contrast: (lighter! + 0.05) / (darker! + 0.05) };
  });

/**
 * Presses Tab (or Shift+Tab) until `target` has focus, failing if it never gets it: it is reachable
 * by keyboard, and shows where focus is.
 */
export async function tabTo(page: Page, target: Locator, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<void> {
  for (let presses = 0; presses < 80; presses += 1) {
    if (await isFocused(target)) {
      for (const appearance of APPEARANCES) {
        await showAppearance(page, appearance);
        const ring = await focusRing(target);
        const where = `${String(target)} (${appearance})`;
        if (!ring.shown) throw new Error(`${where} shows no focus ring`);
        if (ring.contrast < 3) throw new Error(`${where}: its focus ring has a contrast of ${ring.contrast.toFixed(2)}:1 with what is around it, under 3:1`);
      }
      await showAppearance(page, 'light');
      return;
    }
    await page.keyboard.press(key);
  }
  throw new Error(`${String(target)} never got focus with ${key}`);
}
