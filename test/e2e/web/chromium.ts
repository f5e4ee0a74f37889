import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { CHROMIUM_EXECUTABLE, CHROMIUM_FLAGS } from '../../support/browser';

/** One browser; each person gets their own context (separate storage, like separate devices). */
export const launchChromium = (): Promise<Browser> =>
  chromium.launch({ executablePath: CHROMIUM_EXECUTABLE, headless: true, args: CHROMIUM_FLAGS });

/**
 * A page whose console errors, uncaught exceptions and CSP violations are collected as problems;
 * after each test, any problem it reported that no `expectProblems` pattern matches fails that test.
 */
export interface WatchedPage {
  readonly context: BrowserContext;
  readonly page: Page;
  /** What the page reported since the end of the last test (each test's are taken for its check). */
  readonly problems: string[];
}

interface Watch {
  readonly watched: WatchedPage;
  readonly expected: RegExp[];
  closed: boolean;
}

/** What Chromium logs by itself for a request the server answered with `status` (not the app's doing). */
export const refusedWith = (status: number): RegExp => new RegExp(`^console error: Failed to load resource: the server responded with a status of ${status} `);

/** By context, so that a second page a test opens in it (a reopened tab) is watched too. */
const watches = new Map<BrowserContext, Watch>();

/**
 * Lets problems of `page` (and of the other pages of its context) that match one of `patterns` pass
 * the check after each test, for as long as the context is open. Say next to the call why the page
 * reports them (Chromium logs "Failed to load resource" for every answer that is not 2xx, so a test
 * that provokes one expects it).
 */
export function expectProblems(page: Page, ...patterns: RegExp[]): void {
  const watch = watches.get(page.context());
  if (watch === undefined) throw new Error('expectProblems takes a page opened with openWatchedPage');
  watch.expected.push(...patterns);
}

/** The problems each page reported during the test that no pattern of its expects, by page. */
function takeUnexpectedProblems(): string[] {
  const report: string[] = [];
  for (const [context, watch] of watches) {
    const reported = watch.watched.problems.splice(0);
    const unexpected = reported.filter((problem) => !watch.expected.some((pattern) => pattern.test(problem)));
    if (unexpected.length > 0) report.push(`page at ${watch.watched.page.url()}:`, ...unexpected.map((problem) => `  ${problem}`));
    if (watch.closed) watches.delete(context);
  }
  return report;
}

// Registered where pages are made, so that every browser test file that opens one is checked,
// whichever hooks it builds its pages with.
afterEach(() => {
  const report = takeUnexpectedProblems();
  if (report.length > 0) throw new Error(`The test's pages reported problems it did not expect:\n${report.join('\n')}`);
});

export async function openWatchedPage(browser: Browser, options: BrowserContextOptions = {}): Promise<WatchedPage> {
  const context = await browser.newContext({ acceptDownloads: true, ...options });
  const problems: string[] = [];
  const listen = (page: Page): void => {
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  };
  context.on('page', listen);
  await context.exposeFunction('__reportCspViolation', (text: string) => problems.push(`CSP violation: ${text}`));
  await context.addInitScript(() => {
    // Headless Chromium answers the save picker with AbortError at once, as if the user cancelled:
    // downloads go through the Blob fallback here, and tests that want the picker put in a fake.
    Object.defineProperty(window, 'showSaveFilePicker', { value: undefined, configurable: true, writable: true });
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __reportCspViolation: (text: string) => void }).__reportCspViolation;
      report(`${event.effectiveDirective} blocked ${event.blockedURI || '(inline)'} in ${event.sourceFile}:${event.lineNumber}`);
    });
  });
  const page = await context.newPage();
  const watch: Watch = { watched: { context, page, problems }, expected: [], closed: false };
  watches.set(context, watch);
  context.on('close', () => {
    watch.closed = true;
  });
  return watch.watched;
}
