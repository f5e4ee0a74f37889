import { existsSync } from 'node:fs';
import { CHROMIUM_EXECUTABLE, ChromiumSession, launchChromium } from '../support/browser';
import { startTestServer, TestServer } from '../support/test-server';
import { API } from './http-test-client';

const describeWithChromium = existsSync(CHROMIUM_EXECUTABLE) ? describe : describe.skip;

describeWithChromium('API docs page in Chromium', () => {
  let server: TestServer;
  let chromium: ChromiumSession;

  beforeAll(async () => {
    server = await startTestServer({ listen: true });
    chromium = await launchChromium();
  });
  afterAll(async () => {
    await chromium.close();
    await server.close();
  });

  it('renders every operation from the OpenAPI document without a single CSP violation', async () => {
    const page = await chromium.context.newPage();
    await page.addInitScript(() => {
      const violations: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = violations;
      document.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.violatedDirective} ${event.blockedURI}`));
    });
    const refused: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) refused.push(message.text());
    });

    const response = await page.goto(`${server.url}${API}/docs/`);
    expect(response?.status()).toBe(200);
    await page.locator('.opblock').first().waitFor();
    const operations = await page.locator('.opblock-summary-path').allTextContents();
    expect(operations).toEqual(expect.arrayContaining([`${API}/users/{name}/drops`, `${API}/inbox/events`, '/healthz']));

    expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
    expect(refused).toEqual([]);
    await page.close();
  });

  // Issue 11: Swagger UI is third-party code; on the app's origin it could read the app's storage.
  it('runs the docs in a sandbox that cannot touch the storage of the app served by the same server', async () => {
    const page = await chromium.context.newPage();
    await page.goto(`${server.url}/healthz`);
    await page.evaluate(() => localStorage.setItem('starbase-secret', 'the app keeps this'));
    await page.goto(`${server.url}${API}/docs/`);
    await page.locator('.opblock').first().waitFor();
    const reach = await page.evaluate(async () => {
      const attempt = async (what: () => unknown): Promise<string> => {
        try {
          return `read ${String(await what())}`;
        } catch (error) {
          return error instanceof Error ? error.name : 'refused';
        }
      };
      return {
        origin: window.origin,
        localStorage: await attempt(() => localStorage.getItem('starbase-secret')),
        indexedDb: await attempt(
          () =>
            new Promise((resolve, reject) => {
              const opened = indexedDB.open('starbase');
              opened.onsuccess = () => resolve('opened');
              opened.onerror = () => reject(opened.error ?? new Error('refused'));
            }),
        ),
      };
    });
    expect(reach).toEqual({ origin: 'null', localStorage: 'SecurityError', indexedDb: 'SecurityError' });
    await page.close();
  });
});
