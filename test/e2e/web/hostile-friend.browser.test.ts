/**
 * Issue 11 F2, in real Chromium with the production bundle: a friend's client sends a message
 * claiming `sentAt: 1e300`. Every screen that formatted that time used to throw a RangeError, and
 * since the value was stored in the blob, the app stayed blank on every login and device.
 * Now the time is bounded when the message is parsed (it shows the arrival time), and a record
 * stored by an older client that still holds such a value is contained by an error boundary.
 */
import type { Browser } from 'playwright-core';
import { MessengerSession } from '../../../src/application/client/messenger';
import { setOwn } from '../../../src/domain/messaging/own-record';
import { rewriteBlob } from '../../support/blob-rewriter';
import { authorityOf, createNodeMessenger } from '../../support/node-messenger';
import { startTestServer, type TestServer } from '../../support/test-server';
import { befriend } from '../../integration/two-server-fixture';
import { buildRealApp } from './build-app';
import { expectProblems, launchChromium, openWatchedPage, type WatchedPage } from './chromium';
import { addressOf, logIn, openApp, openChat, sendMessage, waitForMessage, waitForSendState, waitUntilChatOpen, type Account } from './pages';

jest.setTimeout(240_000);

describe('a friend who sends an impossible time', () => {
  let server: TestServer;
  let browser: Browser;
  let bobPage: WatchedPage;
  let alice: MessengerSession;
  let bob: Account;
  let hostileClock = false;

  beforeAll(async () => {
    const app = buildRealApp('web-hostile-friend');
    server = await startTestServer({ listen: true, config: { webRoot: app.directory } });
    const authority = authorityOf(server.url);
    bob = { name: 'bob', server: authority, password: 'bob has a long passphrase' };
    const clock = { now: () => (hostileClock ? 1e300 : Date.now()) };
    alice = await createNodeMessenger({ clock }).messenger.register(`alice@${authority}`, 'alice has a long passphrase');
    const bobNode = await createNodeMessenger().messenger.register(addressOf(bob), bob.password);
    await befriend(alice, bobNode);
    await bobNode.logOut();
    browser = await launchChromium();
    bobPage = await openWatchedPage(browser, { viewport: { width: 1200, height: 800 } });
  });
  afterAll(async () => {
    await bobPage?.context.close();
    await browser?.close();
    await server?.close();
  });

  const bobSeesAWorkingApp = async (): Promise<void> => {
    const { page } = bobPage;
    await openChat(page, alice.address);
    await waitUntilChatOpen(page, alice.address);
    await waitForMessage(page, 'a normal hello', 'in');
    const reply = await sendMessage(page, `still working ${Date.now()}`);
    await waitForSendState(reply, 'Sent');
  };

  it('shows the message with its arrival time, live and after a reload', async () => {
    const { page } = bobPage;
    await openApp(page, server.url!);
    await logIn(page, bob);
    await alice.sendMessage(addressOf(bob), 'a normal hello');
    hostileClock = true;
    await alice.sendMessage(addressOf(bob), 'greetings from the year 1e300');
    hostileClock = false;
    await bobSeesAWorkingApp();
    const odd = await waitForMessage(page, 'greetings from the year 1e300', 'in');
    const shownTime = Date.parse((await odd.locator('time').getAttribute('datetime')) ?? '');
    expect(Math.abs(shownTime - Date.now())).toBeLessThan(10 * 60_000);

    await page.reload();
    await logIn(page, bob);
    await bobSeesAWorkingApp();
    await waitForMessage(page, 'greetings from the year 1e300', 'in');
    expect(bobPage.problems).toEqual([]);
  });

  it('contains a record an older client stored with such a time: the rest of the app works', async () => {
    await rewriteBlob(addressOf(bob), bob.password, (doc) => {
      const [key, message] = Object.entries(doc.messages).find(([, record]) => record.body === 'greetings from the year 1e300') ?? [];
      if (key === undefined || message === undefined) throw new Error('the message is not in the blob');
      return { ...doc, messages: setOwn(doc.messages, key, { ...message, sentAt: 1e300 }) };
    });
    const { page } = bobPage;
    // The error boundary logs what it caught, for whoever debugs it; the user sees the notice.
    expectProblems(page, /^console error: A part of the page could not be shown/);
    await page.reload();
    await logIn(page, bob);
    await bobSeesAWorkingApp();
    await page.getByText('This message cannot be shown.').waitFor();
  });
});
