/**
 * A friend request from someone on the person's own server, in the production bundle: the check
 * with "their server" is a check with the person's own one, and the request card says so.
 */
import type { Browser } from 'playwright-core';
import { noImageCaptcha } from '../../integration/two-server-fixture';
import { authorityOf, createNodeMessenger } from '../../support/node-messenger';
import { startTestServer, type TestServer } from '../../support/test-server';
import { buildRealApp } from './build-app';
import { launchChromium, openWatchedPage, type WatchedPage } from './chromium';
import { addressOf, logIn, openApp, requestCard, type Account } from './pages';

jest.setTimeout(120_000);

describe('a friend request from the same server (production bundle)', () => {
  let server: TestServer;
  let browser: Browser;
  const opened: WatchedPage[] = [];

  beforeAll(async () => {
    const app = buildRealApp('web-same-server-request');
    server = await startTestServer({ listen: true, captcha: 'pow', config: { webRoot: app.directory } });
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const { context } of opened) await context.close();
    await browser?.close();
    await server?.close();
  });

  it('does not warn that checking tells a stranger’s server the person’s IP address when the server is their own', async () => {
    const alice: Account = { name: 'alice', server: authorityOf(server.url!), password: 'alice has a long passphrase' };
    const carol = await createNodeMessenger().messenger.register(`carol@${alice.server}`, 'carol has a long passphrase too');
    await createNodeMessenger().messenger.register(addressOf(alice), alice.password).then((session) => session.logOut());
    await carol.sendFriendRequest(addressOf(alice), 'Hi Alice, Carol from down the hall', noImageCaptcha);

    const watched = await openWatchedPage(browser, { viewport: { width: 1200, height: 800 } });
    opened.push(watched);
    const { page } = watched;
    await openApp(page, server.url!);
    await logIn(page, alice);
    const card = requestCard(page, carol.address);
    await card.waitFor({ timeout: 30_000 });
    const warning = card.locator('.request__warning');
    await expect(warning.innerText()).resolves.toContain(`your own server has not confirmed that this key is ${carol.address}'s`);
    expect(await warning.innerText()).not.toContain('IP address');
    expect(await warning.innerText()).not.toContain("stranger's server");

    await card.getByRole('button', { name: 'Check with their server' }).click();
    await page.getByRole('status').filter({ hasText: `${carol.address}'s own server confirms this request.` }).waitFor();
    expect(watched.problems).toEqual([]);
  });
});
