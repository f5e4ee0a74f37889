/**
 * Issue 14 against a real home server with the production bundle: an account whose history is
 * sealed into pages and indexes (seeded by the client's own use cases over HTTP), opened on fresh
 * browser contexts. One scrolls back page by page to the first message; another searches an old
 * word, which the app finds in a page and opens in the chat.
 */
import type { Browser, Page } from 'playwright-core';
import { CLIENT_CORE_WIRED } from '../../../src/adapters/web/compose';
import { seedPagedHistory } from '../../support/paged-history';
import { startTestServer, type TestServer } from '../../support/test-server';
import { buildRealApp } from './build-app';
import { expectProblems, launchChromium, openWatchedPage, type WatchedPage } from './chromium';
import { logIn, messageLog, openApp, openChat, screenshot, waitForMessage, waitUntilChatOpen, waitUntilScrolledTo } from './pages';

jest.setTimeout(300_000);

const describeOnceWired = CLIENT_CORE_WIRED ? describe : describe.skip;
const PASSWORD = 'alice has a long passphrase';
const OLDER = Array.from({ length: 30 }, (_, i) => (i === 3 ? 'Pack the snorkel for Zanzíbar' : `older message ${i + 1}`));
const RECENT = ['recent 1', 'recent 2', 'recent 3'];

describeOnceWired('a paged history on a real home server, fresh browsers', () => {
  let server: TestServer;
  let browser: Browser;
  let bob: string;
  const opened: WatchedPage[] = [];

  beforeAll(async () => {
    const app = buildRealApp('web-real-history');
    server = await startTestServer({ listen: true, captcha: 'pow', config: { webRoot: app.directory } });
    ({ bob } = await seedPagedHistory(new URL(server.url ?? '').host, PASSWORD, { older: OLDER, recent: RECENT }));
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const { context } of opened) await context.close();
    await browser?.close();
    await server?.close();
  });

  const freshLogIn = async (): Promise<{ watched: WatchedPage; page: Page }> => {
    const watched = await openWatchedPage(browser, { viewport: { width: 1200, height: 800 } });
    opened.push(watched);
    await openApp(watched.page, server.url ?? '');
    await logIn(watched.page, { name: 'alice', server: new URL(server.url ?? '').host, password: PASSWORD });
    return { watched, page: watched.page };
  };

  const cachedDatabases = (page: Page): Promise<string[]> => page.evaluate(async () => (await indexedDB.databases()).flatMap((database) => (database.name === undefined ? [] : [database.name])));

  const bubbles = (page: Page) => messageLog(page).locator('.message');

  it('shows the tail first, then scrolls back through every page to the beginning', async () => {
    const { watched, page } = await freshLogIn();
    await openChat(page, bob);
    await waitUntilChatOpen(page, bob);
    await waitForMessage(page, 'recent 3');
    // At most a page more than the tail: a log the tail does not fill loads on as the user would scroll.
    expect(await bubbles(page).count()).toBeLessThan(OLDER.length);
    expect(await page.getByText('older message 1', { exact: true }).count()).toBe(0);

    const beginning = page.getByText('Beginning of the conversation');
    await page.getByRole('button', { name: 'Load older messages' }).click();
    for (let attempt = 0; attempt < 40 && !(await beginning.isVisible()); attempt++) {
      await page.waitForFunction(() => document.querySelector('.chat__loading') === null);
      const overflows = await messageLog(page).evaluate((log) => log.scrollHeight > log.clientHeight);
      if (overflows) {
        await messageLog(page).evaluate((log) => {
          log.scrollTop = 0;
        });
      } else {
        await page.getByRole('button', { name: 'Load older messages' }).click();
      }
      await page.waitForTimeout(100);
    }
    await beginning.waitFor();
    await waitForMessage(page, 'older message 1');
    expect(await bubbles(page).count()).toBe(OLDER.length + RECENT.length);
    expect(watched.problems).toEqual([]);
  });

  const storedPageReads = '**/store/objects/**';

  it('says our own server could not be reached when a search cannot read a page, not to check a server address', async () => {
    const { page } = await freshLogIn();
    await page.route(storedPageReads, (route) => (route.request().method() === 'GET' ? route.abort('connectionrefused') : route.fallback()));
    expectProblems(page, /^console error: Failed to load resource: net::ERR_CONNECTION_REFUSED$/);
    const search = page.getByRole('searchbox', { name: 'Search all messages' });
    await search.fill('zanzibar');
    await search.press('Enter');

    const alert = page.locator('.search__status[role="alert"]');
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.innerText()).toBe('Could not reach your own server. Check your connection and try again.');
    await page.unroute(storedPageReads);
  });

  it('says our own server answered oddly when an older page comes back as something else, not that it may not be a starbase server', async () => {
    const { page } = await freshLogIn();
    await page.route(storedPageReads, (route) =>
      route.request().method() === 'GET' ? route.fulfill({ status: 200, contentType: 'text/html', body: '<html>Welcome to nginx!</html>' }) : route.fallback(),
    );
    await openChat(page, bob);
    await waitUntilChatOpen(page, bob);
    await waitForMessage(page, 'recent 3');
    const loadOlder = page.getByRole('button', { name: 'Load older messages' });
    const alert = page.locator('.chat__older-error');
    // A tail that does not fill the log may have loaded on by itself and failed already: the button asks again.
    await loadOlder.click({ timeout: 30_000 });
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.innerText()).toBe('Your own server answered with something unexpected. Try again later.');
    await page.unroute(storedPageReads);
  });

  it('searches an old word in the pages and opens the chat at it', async () => {
    const { watched, page } = await freshLogIn();
    const search = page.getByRole('searchbox', { name: 'Search all messages' });
    await search.fill('zanzibar');
    await search.press('Enter');
    const results = page.getByRole('list', { name: 'Search results' });
    await results.getByRole('button').first().waitFor({ timeout: 30_000 });
    expect(await results.getByRole('button').count()).toBe(1);
    await results.getByRole('button').click();
    await waitUntilChatOpen(page, bob);
    await page.locator('.message--highlighted').filter({ hasText: 'Pack the snorkel for Zanzíbar' }).waitFor();
    await waitUntilScrolledTo(page, '.message--highlighted');
    await screenshot(page, '27-search-real-server');
    const cacheName = `starbase-objects alice@${new URL(server.url ?? '').host}`;
    expect(await cachedDatabases(page)).toContain(cacheName);

    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('checkbox', { name: 'Forget this browser' }).check();
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByText('You have logged out.').waitFor();
    expect(await cachedDatabases(page)).not.toContain(cacheName);
    expect(watched.problems).toEqual([]);
  });
});
