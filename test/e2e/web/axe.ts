/**
 * axe-core run inside the page under test: WCAG 2.1 A and AA rules on whatever is on screen, in the
 * light appearance at a desktop and a phone size, in the dark one at the desktop size; with it, the
 * contrast of the text axe skips (under opacity, translucent, placeholders) as it is painted.
 */
import { readFileSync } from 'node:fs';
import type { AxeResults, Result } from 'axe-core';
import type { Page } from 'playwright-core';
import { showAppearance } from './appearance';
import { lowPaintedContrastsNow } from './painted-contrast';

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] as const;

export const SIZES = [
  { name: 'desktop', width: 1200, height: 800 },
  { name: 'phone', width: 360, height: 740 },
] as const;

/**
 * The dark appearance at one size: no colour depends on the size, and the desktop shows more at once
 * (both panes). Over the suite's screens axe checked the contrast of 1135 elements in dark there, 807
 * at the phone size; the light pass at the phone size still covers its own layout.
 */
const PASSES = [
  { size: SIZES[0], appearance: 'light' },
  { size: SIZES[0], appearance: 'dark' },
  { size: SIZES[1], appearance: 'light' },
] as const;

/** One finding axe reported and we judged wrong: the rule is skipped for that element only. */
export interface FalsePositive {
  readonly rule: string;
  /** The element's selector exactly as axe reports it in `target`. */
  readonly target: string;
  readonly why: string;
}

/** One line per element: where, rule, impact, element, what is wrong. */
function describe(where: string, violation: Result): string[] {
  return violation.nodes.map(
    (node) => `${where}: ${violation.id} (${node.impact ?? violation.impact ?? 'unknown'}) at ${node.target.join(' ')}: ${node.failureSummary?.replace(/\s+/g, ' ').trim() ?? violation.help}`,
  );
}

async function runAxe(page: Page): Promise<AxeResults> {
  // Evaluated over the DevTools protocol, so the app's CSP (script-src 'self') stays as shipped.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(
    (tags) =>
      (window as unknown as { axe: typeof import('axe-core') }).axe.run(document, {
        runOnly: { type: 'tag', values: [...tags] },
        resultTypes: ['violations'],
      }),
    WCAG_21_AA,
  );
}

/**
 * Checks the page as it is now in every pass (size and appearance) and returns one readable line per
 * violation or text painted under its contrast (empty when there are none); leaves the page at the
 * size it found it.
 */
export async function accessibilityViolations(page: Page, screen: string, falsePositives: readonly FalsePositive[] = []): Promise<string[]> {
  const found: string[] = [];
  const initial = page.viewportSize();
  for (const { size, appearance } of PASSES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await showAppearance(page, appearance);
    const { violations } = await runAxe(page);
    for (const violation of violations) {
      const nodes = violation.nodes.filter(
        (node) => !falsePositives.some((known) => known.rule === violation.id && node.target.join(' ') === known.target),
      );
      if (nodes.length > 0) found.push(...describe(`${screen} (${size.name}, ${appearance})`, { ...violation, nodes }));
    }
    found.push(...(await lowPaintedContrastsNow(page.locator('body'), `${screen} (${size.name}, ${appearance})`, 'text axe skips')));
  }
  if (initial !== null) await page.setViewportSize(initial);
  await page.emulateMedia({ colorScheme: 'light' });
  return found;
}

/** Checks the screen as it is now; findings are collected so one run lists every screen's. */
export function accessibilityLog(page: Page, falsePositives: readonly FalsePositive[] = []): { check(screen: string): Promise<void>; readonly found: string[] } {
  const found: string[] = [];
  return {
    found,
    async check(screen) {
      found.push(...(await accessibilityViolations(page, screen, falsePositives)));
    },
  };
}
