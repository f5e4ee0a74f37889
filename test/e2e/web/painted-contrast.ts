/**
 * Text contrast as it is painted, where axe does not compute it (text under a translucent
 * ancestor): each text colour and the background beside it composited up through every
 * ancestor's background and opacity, over a white canvas.
 */
import type { Locator, Page } from 'playwright-core';
import { APPEARANCES, showAppearance } from './axe';

/** WCAG 2.1 1.4.3 for text under 18.66 px bold or 24 px (the messages' text is all smaller). */
const SMALL_TEXT_CONTRAST = 4.5;

interface PaintedText {
  readonly text: string;
  readonly contrast: number;
}

/** Every visible element inside `target` that holds text of its own, with the contrast it is painted at. */
const paintedTexts = (target: Locator): Promise<PaintedText[]> =>
  target.evaluate((root) => {
    type Rgb = readonly number[];
    const parse = (color: string): { rgb: Rgb; alpha: number } => {
      const match = /^rgba?\(([\d.]+),? ([\d.]+),? ([\d.]+)(?:,? \/? ?([\d.]+))?\)$/.exec(color);
      if (match === null) throw new Error(`Cannot read the colour ${color}`);
      return { rgb: [Number(match[1]), Number(match[2]), Number(match[3])], alpha: match[4] === undefined ? 1 : Number(match[4]) };
    };
    const mix = (top: Rgb, under: Rgb, alpha: number): Rgb => top.map((value, i) => value * alpha + under[i]! * (1 - alpha));
    const over = (color: string, under: Rgb): Rgb => {
      const { rgb, alpha } = parse(color);
      return mix(rgb, under, alpha);
    };
    const luminance = (color: Rgb) => {
      const [r, g, b] = color.map((value) => (value / 255 <= 0.04045 ? value / 255 / 12.92 : ((value / 255 + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    // An ancestor's opacity blends all it paints (text and backgrounds alike) with what is behind it.
    const paint = ([element, ...inner]: Element[], behind: Rgb): { text: Rgb; background: Rgb } => {
      const style = getComputedStyle(element!);
      const background = over(style.backgroundColor, behind);
      const painted = inner.length === 0 ? { text: over(style.color, background), background } : paint(inner, background);
      const opacity = Number(style.opacity);
      return { text: mix(painted.text, behind, opacity), background: mix(painted.background, behind, opacity) };
    };
    const ancestry = (element: Element): Element[] => (element.parentElement === null ? [element] : [...ancestry(element.parentElement), element]);
    const holdsText = (element: Element) =>
      [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && (node.textContent ?? '').trim() !== '') &&
      element.checkVisibility() &&
      element.getBoundingClientRect().width > 1;
    return [root, ...root.querySelectorAll('*')].filter(holdsText).map((element) => {
      const { text, background } = paint(ancestry(element), [255, 255, 255]);
      const [lighter, darker] = [luminance(text), luminance(background)].sort((a, b) => b - a);
      return { text: (element.textContent ?? '').trim(), contrast: (lighter! + 0.05) / (darker! + 0.05) };
    });
  });

/** One line per text inside `target` painted under 4.5:1, in the light or the dark appearance (empty when none). */
export async function lowPaintedContrasts(page: Page, target: Locator, where: string): Promise<string[]> {
  const found: string[] = [];
  for (const appearance of APPEARANCES) {
    await showAppearance(page, appearance);
    for (const { text, contrast } of await paintedTexts(target)) {
      if (contrast < SMALL_TEXT_CONTRAST) found.push(`${where} (${appearance}): “${text}” is painted at ${contrast.toFixed(2)}:1, under ${SMALL_TEXT_CONTRAST}:1`);
    }
  }
  await showAppearance(page, 'light');
  return found;
}
