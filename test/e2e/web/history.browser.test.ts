/**
 * Issue 14 in the web app, over the in-page fake network (fast): a login shows each chat's newest
 * page; scrolling to the top (or the "Load older messages" button) brings older pages while the
 * message on screen stays put, down to "Beginning of the conversation"; search finds a word in
 * the whole history and opens the chat at that message; log out can forget this browser.
 */
import type { Page } from 'playwright-core';
import { openWatchedPage, type WatchedPage } from './chromium';
import { useFakeAppSuite } from './fake-app-suite';
import type { FakeNetwork } from '../../support/fake-messenger';
import type { MessengerSession } from '../../../src/application/client/messenger';
import { createPeer } from './fake-network-page';
import { logIn, messageLog, openApp, openChat, screenshot, waitForMessage, waitUntilChatOpen, waitUntilScrolledTo } from './pages';

jest.setTimeout(120_000);

const suite = useFakeAppSuite('web-fake-history');

const ALICE = { name: 'alice', server: 'chat.example.org', password: 'alice password 123' };
const ALICE_ADDRESS = 'alice@chat.example.org';
const BOB = 'bob@home.example.net';
/** Messages a login shows per chat (the fake's stand-in for the head's tail). */
const PAGE = 20;
const MESSAGES = 45;

type FakeWindow = Window & { starbaseFake: FakeNetwork; peers: Record<string, MessengerSession> };

/** bob wrote alice MESSAGES messages (`bodyOf(n)`, oldest first) before she logs in on this browser. */
async function aliceLogsInAfterLongChat(bodyOf: (n: number) => string = (n) => `message ${n}`): Promise<{ opened: WatchedPage; page: Page }> {
  const opened = await openWatchedPage(suite.browser, { viewport: { width: 1200, height: 800 } });
  suite.watched.push(opened);
  const { page } = opened;
  await openApp(page, `${suite.server.url}?pageEntries=${PAGE}`);
  const alice = await createPeer(page, ALICE_ADDRESS, ALICE.password);
  const bob = await createPeer(page, BOB);
  await bob.sendFriendRequest(alice.address, '');
  await alice.acceptRequestFrom(bob.address);
  await bob.sync();
  const bodies = Array.from({ length: MESSAGES }, (_, i) => bodyOf(i + 1));
  await page.evaluate(
    async ([bob, alice, bodies]) => {
      const session = (window as unknown as FakeWindow).peers[bob];
      if (session === undefined) throw new Error('no bob');
      for (const body of bodies) await session.sendMessage(alice, body);
    },
    [BOB, ALICE_ADDRESS, bodies] as const,
  );
  await alice.sync();
  await logIn(page, ALICE);
  return { opened, page };
}

const bubble = (page: Page, text: string) => messageLog(page).locator('.message').filter({ has: page.getByText(text, { exact: true }) });
const topOf = async (page: Page, text: string): Promise<number> => (await bubble(page, text).boundingBox())?.y ?? Number.NaN;

describe('history in the web app (fake network)', () => {
  it('scrolls back page by page, keeping the message on screen in place, by scrolling and by the button, to the beginning', async () => {
    const { opened, page } = await aliceLogsInAfterLongChat();
    await openChat(page, BOB);
    await waitUntilChatOpen(page, BOB);
    await waitForMessage(page, 'message 45');
    const firstShown = `message ${MESSAGES - PAGE + 1}`;
    await bubble(page, firstShown).waitFor();
    expect(await bubble(page, `message ${MESSAGES - PAGE}`).count()).toBe(0);

    await messageLog(page).evaluate((log) => {
      log.scrollTop = 0;
    });
    const before = await topOf(page, firstShown);
    await bubble(page, `message ${MESSAGES - PAGE}`).waitFor();
    await page.waitForFunction(() => document.querySelector('.chat__loading') === null);
    expect(Math.abs((await topOf(page, firstShown)) - before)).toBeLessThan(2);
    expect(await bubble(page, 'message 5').count()).toBe(0);

    const button = page.getByRole('button', { name: 'Load older messages' });
    await button.focus();
    await page.keyboard.press('Enter');
    await page.getByText('Beginning of the conversation').waitFor();
    await bubble(page, 'message 1').waitFor();
    expect(await messageLog(page).locator('.message').count()).toBe(MESSAGES);
    await messageLog(page).evaluate((log) => {
      log.scrollTop = 0;
    });
    await screenshot(page, '25-scroll-back');
    expect(opened.problems).toEqual([]);
  });

  it('finds an old word across the whole history, ignoring case and accents, and opens the chat at it highlighted', async () => {
    const { opened, page } = await aliceLogsInAfterLongChat((n) => (n === 3 ? 'Meet me at the Café on Rue Cler' : `message ${n}`));
    const search = page.getByRole('searchbox', { name: 'Search all messages' });
    await search.fill('CAFE');
    await search.press('Enter');
    const results = page.getByRole('list', { name: 'Search results' });
    await results.getByRole('button').first().waitFor();
    expect(await results.getByRole('button').count()).toBe(1);
    await expect(results.locator('mark').innerText()).resolves.toBe('Café');
    await page.getByRole('status').filter({ hasText: '1 message with “CAFE”' }).waitFor();
    await screenshot(page, '26-search');

    await results.getByRole('button').click();
    await waitUntilChatOpen(page, BOB);
    const found = bubble(page, 'Meet me at the Café on Rue Cler');
    await found.waitFor();
    await page.locator('.message--highlighted').filter({ hasText: 'Rue Cler' }).waitFor();
    await waitUntilScrolledTo(page, '.message--highlighted');
    await expect(found.evaluate((element) => element === document.activeElement)).resolves.toBe(true);

    // Chosen again after scrolling away, the result shows the message again.
    await messageLog(page).evaluate((log) => {
      log.scrollTop = log.scrollHeight;
    });
    await page.waitForFunction(() => document.querySelector('.message--highlighted') === null);
    await results.getByRole('button').click();
    await page.locator('.message--highlighted').filter({ hasText: 'Rue Cler' }).waitFor();
    await waitUntilScrolledTo(page, '.message--highlighted');

    await search.fill('nowhere');
    await search.press('Enter');
    await page.getByRole('status').filter({ hasText: 'No messages with “nowhere”.' }).waitFor();
    expect(opened.problems).toEqual([]);
  });

  it('logs out forgetting this browser when asked to', async () => {
    const { opened, page } = await aliceLogsInAfterLongChat();
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('checkbox', { name: 'Forget this browser' }).check();
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByText('You have logged out.').waitFor();
    await expect(page.evaluate(() => (window as unknown as FakeWindow).starbaseFake.forgottenBrowsers)).resolves.toEqual([ALICE_ADDRESS]);
    expect(opened.problems).toEqual([]);
  });
});
