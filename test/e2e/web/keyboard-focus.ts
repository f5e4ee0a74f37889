/**
 * Keyboard focus as a person relying on it meets it: reached with Tab, moved by the app where it
 * should go, and visible where it is (what axe does not judge).
 */
import type { Locator, Page } from 'playwright-core';
import { APPEARANCES, settle, showAppearance } from './appearance';

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

/** The focused element's ring and what is around it, in the appearance showing now. */
interface FocusRing {
  readonly shown: boolean;
  readonly contrast: number;
  /**
   * The kind of control in its place: its tag, classes and role, its ring's style, and the element
   * whose background is around it with that colour. Two controls of one kind are painted from the
   * same rules in any appearance.
   */
  readonly kind: string;
}

/**
 * What axe does not judge about keyboard focus (WCAG 2.4.7 and 1.4.11): whether the focused element
 * shows a ring (outline or box-shadow) and its contrast with the colour around the element.
 */
const focusRing = (target: Locator): Promise<FocusRing> =>
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
    const outlined = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const ring = outlined ? rgb(style.outlineColor) : rgb(style.boxShadow);
    let around: number[] | null = null;
    let aroundElement: Element | null = null;
    for (let ancestor = element.parentElement; ancestor !== null && around === null; ancestor = ancestor.parentElement) {
      around = rgb(getComputedStyle(ancestor).backgroundColor);
      aroundElement = ancestor;
    }
    const kind = [
      `${element.tagName}.${element.className}[${element.getAttribute('role') ?? ''}]`,
      outlined ? `outline ${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}` : `box-shadow ${style.boxShadow}`,
      `around ${aroundElement?.tagName ?? ''}.${aroundElement?.className ?? ''} ${String(around)}`,
    ].join(' | ');
    if (ring === null || !element.matches(':focus-visible')) return { shown: false, contrast: 0, kind };
    const [lighter, darker] = [luminance(ring), luminance(around ?? [255, 255, 255])].sort((a, b) => b - a);
    return { shown: true, contrast: (lighter! + 0.05) / (darker! + 0.05), kind };
  });

function expectVisibleRing(ring: FocusRing, where: string): void {
  if (!ring.shown) throw new Error(`${where} shows no focus ring`);
  if (ring.contrast < 3) throw new Error(`${where}: its focus ring has a contrast of ${ring.contrast.toFixed(2)}:1 with what is around it, under 3:1`);
}

/** Per page, the kinds of control (FocusRing.kind, as seen in light) whose ring was seen in every other appearance. */
const kindsSeenInEveryAppearance = new WeakMap<Page, Set<string>>();

/**
 * The ring of the focused `target` in the light appearance, then in the others the first time its
 * kind of control has focus on this page: each switch of appearance waits for the page to repaint.
 * Reduced motion, which the app honours, repaints it at once instead of after the messages' 0.3 s
 * shadow transition, each way.
 */
async function expectFocusRing(page: Page, target: Locator): Promise<void> {
  await settle(page);
  const light = await focusRing(target);
  expectVisibleRing(light, `${String(target)} (light)`);
  const seen = kindsSeenInEveryAppearance.get(page) ?? new Set<string>();
  kindsSeenInEveryAppearance.set(page, seen);
  if (seen.has(light.kind)) return;
  await page.emulateMedia({ reducedMotion: 'reduce' });
  for (const appearance of APPEARANCES.filter((other) => other !== 'light')) {
    await showAppearance(page, appearance);
    expectVisibleRing(await focusRing(target), `${String(target)} (${appearance})`);
  }
  await showAppearance(page, 'light');
  await page.emulateMedia({ reducedMotion: null });
  seen.add(light.kind);
}

/**
 * Presses Tab (or Shift+Tab) until `target` has focus, failing if it never gets it: it is reachable
 * by keyboard, and shows where focus is.
 */
export async function tabTo(page: Page, target: Locator, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<void> {
  for (let presses = 0; presses < 80; presses += 1) {
    if (await isFocused(target)) {
      await expectFocusRing(page, target);
      return;
    }
    await page.keyboard.press(key);
  }
  throw new Error(`${String(target)} never got focus with ${key}`);
}
