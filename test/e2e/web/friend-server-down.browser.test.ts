/**
 * A friend request to a server that does not answer, in the production bundle: the alert names
 * that server, not the person's own, and says nothing was sent.
 */
import { createServer } from 'node:net';
import type { Browser } from 'playwright-core';
import { authorityOf, createNodeMessenger } from '../../support/node-messenger';
import { startTestServer, type TestServer } from '../../support/test-server';
import { buildRealApp } from './build-app';
import { launchChromium, openWatchedPage, type WatchedPage } from './chromium';
import { addressOf, logIn, openApp, submitFriendRequest, type Account } from './pages';

jest.setTimeout(120_000);

/** A port on 127.0.0.1 that was free a moment ago and has nothing listening now. */
const closedPort = async (): Promise<number> => {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
};

describe('a friend request to a server that does not answer (production bundle)', () => {
  let server: TestServer;
  let browser: Browser;
  const opened: WatchedPage[] = [];

  beforeAll(async () => {
    const app = buildRealApp('web-friend-server-down');
    server = await startTestServer({ listen: true, captcha: 'pow', config: { webRoot: app.directory } });
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const { context } of opened) await context.close();
    await browser?.close();
    await server?.close();
  });

  it('names their server in the alert, keeps the form, and lists no request', async () => {
    const alice: Account = { name: 'alice', server: authorityOf(server.url!), password: 'alice has a long passphrase' };
    await createNodeMessenger().messenger.register(addressOf(alice), alice.password).then((session) => session.logOut());
    const nowhere = `127.0.0.1:${await closedPort()}`;

    const watched = await openWatchedPage(browser, { viewport: { width: 1200, height: 800 } });
    opened.push(watched);
    const { page } = watched;
    await openApp(page, server.url!);
    await logIn(page, alice);
    await submitFriendRequest(page, `bob@${nowhere}`, 'Hi Bob');

    const alert = page.locator('#main').getByRole('alert').filter({ hasText: `Could not reach ${nowhere}, the server of bob@${nowhere}.` });
    await alert.waitFor();
    expect(await alert.innerText()).toContain('nothing was sent');
    expect(await page.getByLabel('Their address').inputValue()).toBe(`bob@${nowhere}`);
    expect(await page.getByLabel('Note (optional)').inputValue()).toBe('Hi Bob');
    expect(await page.getByText('Sent requests').count()).toBe(0);
  });
});
