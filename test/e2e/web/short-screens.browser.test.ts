/**
 * A chat on a short screen (a phone with its browser's bars showing, a small desktop window): the
 * composer and its Send button show as the chat opens, without scrolling, even with the prompt to
 * compare safety numbers open and an error notice under the log; the log is what gives way.
 */
import type { Locator, Page } from 'playwright-core';
import { openWatchedPage } from './chromium';
import { useFakeAppSuite } from './fake-app-suite';
import { controlNetwork, createPeer } from './fake-network-page';
import { logIn, messageLog, openApp, openChat, screenshot, waitForMessage, waitUntilChatOpen } from './pages';

jest.setTimeout(120_000);

const suite = useFakeAppSuite('web-fake-short-screens');

const ALICE = { name: 'alice', server: 'chat.example.org', password: 'alice password 123' };
const BOB = 'bob@home.example.net';

const safetyPrompt = (page: Page) => page.getByRole('note', { name: 'Safety numbers not compared' });
const composer = (page: Page) => page.getByRole('textbox', { name: `Message to ${BOB}` });
const sendButton = (page: Page) => page.getByRole('button', { name: 'Send', exact: true });

/** alice, on a screen of `viewport`, with her chat with bob open the first time (the safety prompt explained in full), several messages in it. */
const aliceOn = async (viewport: { width: number; height: number }): Promise<Page> => {
  const opened = await openWatchedPage(suite.browser, { viewport });
  suite.watched.push(opened);
  const { page } = opened;
  await openApp(page, suite.server.url);
  const alice = await createPeer(page, `alice@${ALICE.server}`, ALICE.password);
  const bob = await createPeer(page, BOB);
  await bob.sendFriendRequest(alice.address, 'Hi Alice');
  await alice.acceptRequestFrom(bob.address);
  await bob.sync();
  for (const text of ['Are you around this weekend?', 'The forecast says sun on Saturday.', 'Bring the long rope, the short one is frayed.']) {
    await bob.sendMessage(alice.address, text);
  }
  await logIn(page, ALICE);
  await openChat(page, BOB);
  await waitUntilChatOpen(page, BOB);
  await waitForMessage(page, 'Bring the long rope');
  await safetyPrompt(page).getByText('Safety numbers not compared yet').waitFor();
  return page;
};

/** How far below the window's bottom edge `locator` ends (negative or zero: on screen). */
const belowWindow = async (page: Page, locator: Locator): Promise<number> => {
  const box = await locator.boundingBox();
  if (box === null) throw new Error('not laid out');
  return box.y + box.height - page.viewportSize()!.height;
};

/** Whatever is cut off by the box it scrolls in, along with the page itself: the chat pane or the safety prompt. */
const scrolledOutOfSight = (page: Page): Promise<string[]> =>
  page.evaluate(() =>
    ['.shell__main', '.safety-notice', 'html'].flatMap((selector) => {
      const element = document.querySelector(selector);
      return element !== null && element.scrollHeight > element.clientHeight + 1 ? [`${selector} (${element.scrollHeight - element.clientHeight} px)`] : [];
    }),
  );

/** Once the prompt had a frame to fold in: it folds when the layout shows it cut, which the messages arriving can do. */
const afterTwoFrames = (page: Page): Promise<void> =>
  page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));

const onScreenWithNothingCut = async (page: Page): Promise<void> => {
  expect(await belowWindow(page, sendButton(page))).toBeLessThanOrEqual(0);
  expect(await belowWindow(page, composer(page))).toBeLessThanOrEqual(0);
  expect(await scrolledOutOfSight(page)).toEqual([]);
  expect(await safetyPrompt(page).getByText('Safety numbers not compared yet').isVisible()).toBe(true);
  // Still a log to read: the last message at least.
  expect((await messageLog(page).boundingBox())!.height).toBeGreaterThanOrEqual(48);
};

const SHORT_SCREENS = [
  { width: 320, height: 480 },
  { width: 375, height: 548 },
  { width: 360, height: 640 },
  { width: 800, height: 500 },
  { width: 1100, height: 800 },
];

describe('a chat opened on a short screen (fake network)', () => {
  it.each(SHORT_SCREENS)('shows the composer, Send and the safety prompt uncut as the chat opens at $width × $height', async (viewport) => {
    const page = await aliceOn(viewport);
    await afterTwoFrames(page);
    await screenshot(page, `short-screen-${viewport.width}x${viewport.height}-opened`);

    await onScreenWithNothingCut(page);
  });

  it.each(SHORT_SCREENS)('still shows them with an error notice under the log at $width × $height, the log giving way', async (viewport) => {
    const page = await aliceOn(viewport);
    await controlNetwork(page, 'failNext', 'storeMessage', 'network_error');
    await composer(page).fill('Written on the train');
    await sendButton(page).click();
    await page.getByRole('alert').filter({ hasText: 'network_error' }).waitFor();
    await afterTwoFrames(page);
    await screenshot(page, `short-screen-${viewport.width}x${viewport.height}-error`);

    await onScreenWithNothingCut(page);
  });
});
