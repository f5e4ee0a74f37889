/**
 * The production bundle on a real home server: a chat whose every message was sealed into pages
 * (PROTOCOL §8.4) shows none at a new login, and says that older ones are stored rather than
 * "No messages yet.", with "Load older messages" bringing them back.
 */
import type { Browser } from 'playwright-core';
import { CLIENT_CORE_WIRED } from '../../../src/adapters/web/compose';
import { seedPagedHistory } from '../../support/paged-history';
import { startTestServer, type TestServer } from '../../support/test-server';
import { buildRealApp } from './build-app';
import { launchChromium, openWatchedPage, type WatchedPage } from './chromium';
import { logIn, messageLog, openApp, openChat, waitForMessage, waitUntilChatOpen } from './pages';

jest.setTimeout(300_000);

const describeOnceWired = CLIENT_CORE_WIRED ? describe : describe.skip;
const PASSWORD = 'alice has a long passphrase';

describeOnceWired('a chat with only older messages on a real home server', () => {
  let server: TestServer;
  let browser: Browser;
  let bob: string;
  const opened: WatchedPage[] = [];

  beforeAll(async () => {
    const app = buildRealApp('web-real-chat-room');
    server = await startTestServer({ listen: true, captcha: 'pow', config: { webRoot: app.directory } });
    ({ bob } = await seedPagedHistory(new URL(server.url ?? '').host, PASSWORD, { older: ['an old hello', 'an old goodbye'], recent: [] }));
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const { context } of opened) await context.close();
    await browser?.close();
    await server?.close();
  });

  it('says "No recent messages." with the button to load them, never "No messages yet."', async () => {
    const watched = await openWatchedPage(browser, { viewport: { width: 1200, height: 800 } });
    opened.push(watched);
    const { page } = watched;
    await openApp(page, server.url ?? '');
    await logIn(page, { name: 'alice', server: new URL(server.url ?? '').host, password: PASSWORD });
    await openChat(page, bob);
    await waitUntilChatOpen(page, bob);

    await messageLog(page).getByText('No recent messages.').waitFor();
    expect(await page.getByText('No messages yet.').count()).toBe(0);
    await page.getByRole('button', { name: 'Load older messages' }).click();
    await waitForMessage(page, 'an old goodbye');
    await waitForMessage(page, 'an old hello');
    expect(watched.problems).toEqual([]);
  });
});
