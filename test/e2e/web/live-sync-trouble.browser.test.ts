/**
 * What the user sees when their own home server fails while the app is open: live updates break
 * off, a warning says it is their own server, and it goes away by itself once the server answers.
 */
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../../support/test-server';
import { buildRealApp } from './build-app';
import { expectProblems, launchChromium, openWatchedPage, type WatchedPage } from './chromium';
import { openApp, registerAccount, screenshot, type Account } from './pages';

jest.setTimeout(180_000);

const fetchWarning = (page: Page) => page.getByRole('alert').filter({ hasText: 'Could not fetch new messages' });

describe('the own home server failing while the app is open, with the production bundle', () => {
  let server: TestServer;
  let browser: Browser;
  let watched: WatchedPage;

  beforeAll(async () => {
    const app = buildRealApp('web-live-sync-trouble');
    server = await startTestServer({ listen: true, config: { webRoot: app.directory } });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await watched?.context.close();
    await browser?.close();
    await server?.close();
  });

  it('warns that the own server cannot be reached, and takes the warning down once it answers again', async () => {
    watched = await openWatchedPage(browser, { viewport: { width: 1200, height: 800 } });
    const { page } = watched;
    // The broken connections are logged by Chromium itself; anything else would be a fault.
    expectProblems(page, /^console error: Failed to load resource: net::ERR_/);
    const alice: Account = { name: 'alice', server: new URL(server.url!).host, password: 'alice has a long passphrase' };
    await openApp(page, server.url!);
    await registerAccount(page, alice);
    expect(await fetchWarning(page).count()).toBe(0);

    // The server stops answering: the open event stream breaks, and so does every reconnection.
    await page.route('**/api/v1/**', (route) => route.abort('connectionrefused'));
    server.app.server.closeAllConnections();
    await fetchWarning(page).waitFor({ timeout: 30_000 });
    expect(await fetchWarning(page).innerText()).toContain('Could not reach your own server.');
    await screenshot(page, 'web-live-sync-trouble');

    await page.unrouteAll({ behavior: 'ignoreErrors' });
    await fetchWarning(page).waitFor({ state: 'detached', timeout: 30_000 });
  });
});
