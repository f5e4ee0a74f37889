/**
 * Text contrast as it is painted, where axe does not compute it (text under a translucent
 * ancestor, in a translucent colour, a placeholder): each text colour and the background beside it
 * composited up through every ancestor's background and opacity, over a white canvas.
 */
import type { Locator, Page } from 'playwright-core';
import { APPEARANCES, showAppearance } from './appearance';

/**
 * Which texts to measure: every one inside a region (the messages, where opacity is part of the
 * design), or only those axe skips anywhere: under an opacity below 1, in a translucent colour, or
 * a placeholder (its colour is the browser's, the same grey in both appearances).
 */
export type PaintedScope = 'every text' | 'text axe skips';

interface PaintedText {
  readonly text: string;
  readonly contrast: number;
  /** WCAG 2.2 1.4.3: 3:1 for large text (24 px, or 18.66 px bold), 4.5:1 for the rest. */
  readonly required: number;
}

/**
 * Every visible text inside `target` in `scope`, with the contrast it is painted at. Text of a
 * disabled control, or of the label around one, is left out: WCAG 1.4.3 exempts inactive components (the dimmed disabled fields
 * and buttons of forms.css; a busy form says what it is doing in its progress line, which is
 * measured). A placeholder is not left out: on a disabled composer it says why nothing can be sent.
 */
const paintedTexts = (target: Locator, scope: PaintedScope): Promise<PaintedText[]> =>
  target.evaluate((root, scope) => {
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

    /** A text and how its own glyphs are coloured: the element's colour, or its ::placeholder's. */
    interface Glyphs {
      readonly element: Element;
      readonly text: string;
      readonly color: string;
      readonly opacity: number;
      readonly placeholder: boolean;
    }
    const ownText = (element: Element): string =>
      [...element.childNodes]
        .filter((node) => node.nodeType === Node.TEXT_NODE)
        .map((node) => node.textContent ?? '')
        .join('')
        .trim();
    const VALUE_INPUTS = new Set(['text', 'search', 'email', 'url', 'tel', 'password', 'number']);
    const glyphsOf = (element: Element): Glyphs[] => {
      const style = getComputedStyle(element);
      const found: Glyphs[] = [];
      const add = (text: string, placeholder = false) => {
        const painter = placeholder ? getComputedStyle(element, '::placeholder') : style;
        if (text !== '') found.push({ element, text, color: painter.color, opacity: placeholder ? Number(painter.opacity) : 1, placeholder });
      };
      if (element instanceof HTMLTextAreaElement || (element instanceof HTMLInputElement && VALUE_INPUTS.has(element.type))) {
        if (element.value === '') add(element.placeholder.trim(), true);
        else add(element.value.trim());
      } else if (element instanceof HTMLSelectElement) {
        add(element.selectedOptions[0]?.text.trim() ?? '');
      } else if (!(element instanceof HTMLOptionElement)) {
        add(ownText(element));
      }
      return found;
    };
    const shown = (element: Element) => element.checkVisibility() && element.getBoundingClientRect().width > 1;
    const inactive = (glyphs: Glyphs) => !glyphs.placeholder && glyphs.element.closest(':disabled, label:has(:disabled)') !== null;

    const ancestry = (element: Element): Element[] => (element.parentElement === null ? [element] : [...ancestry(element.parentElement), element]);
    // An ancestor's opacity blends all it paints (text and backgrounds alike) with what is behind it.
    const paint = ([element, ...inner]: Element[], behind: Rgb, glyphs: Glyphs): { text: Rgb; background: Rgb } => {
      const style = getComputedStyle(element!);
      const background = over(style.backgroundColor, behind);
      const painted = inner.length === 0 ? { text: mix(over(glyphs.color, background), background, glyphs.opacity), background } : paint(inner, background, glyphs);
      const opacity = Number(style.opacity);
      return { text: mix(painted.text, behind, opacity), background: mix(painted.background, behind, opacity) };
    };
    const axeSkips = (glyphs: Glyphs) =>
      glyphs.placeholder || glyphs.opacity < 1 || parse(glyphs.color).alpha < 1 || ancestry(glyphs.element).some((element) => Number(getComputedStyle(element).opacity) < 1);
    const requiredFor = (element: Element) => {
      const style = getComputedStyle(element);
      const size = parseFloat(style.fontSize);
      return size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700) ? 3 : 4.5;
    };

    return [root, ...root.querySelectorAll('*')]
      .filter(shown)
      .flatMap(glyphsOf)
      .filter((glyphs) => !inactive(glyphs) && (scope === 'every text' || axeSkips(glyphs)))
      .map((glyphs) => {
        const { text, background } = paint(ancestry(glyphs.element), [255, 255, 255], glyphs);
        const [lighter, darker] = [luminance(text), luminance(background)].sort((a, b) => b - a);
        return { text: glyphs.text, contrast: (lighter! + 0.05) / (darker! + 0.05), required: requiredFor(glyphs.element) };
      });
  }, scope);

/** Lines for the texts painted under their required contrast in the appearance showing now (empty when none). */
export async function lowPaintedContrastsNow(target: Locator, where: string, scope: PaintedScope): Promise<string[]> {
  return (await paintedTexts(target, scope))
    .filter(({ contrast, required }) => contrast < required)
    .map(({ text, contrast, required }) => `${where}: “${text}” is painted at ${contrast.toFixed(2)}:1, under ${required}:1`);
}

/** One line per text inside `target` painted under its required contrast, in the light or the dark appearance (empty when none). */
export async function lowPaintedContrasts(page: Page, target: Locator, where: string, scope: PaintedScope = 'every text'): Promise<string[]> {
  const found: string[] = [];
  for (const appearance of APPEARANCES) {
    await showAppearance(page, appearance);
    found.push(...(await lowPaintedContrastsNow(target, `${where} (${appearance})`, scope)));
  }
  await showAppearance(page, 'light');
  return found;
}
