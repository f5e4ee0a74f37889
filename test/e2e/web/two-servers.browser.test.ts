/**
 * The end-to-end test: two home servers, real Chromium, the production bundle.
 * alice uses the app served by her own home server; bob uses the same bundle from a third,
 * plain static origin and logs in to his server by address. alice adds bob (the test reads the
 * captcha answer from bob's server, playing the person who looks at the picture), bob accepts,
 * both compare safety numbers, they chat live, and bob reloads and still sees the history.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { CLIENT_CORE_WIRED } from '../../../src/adapters/web/compose';
import { startTestServer, type TestServer } from '../../support/test-server';
import { buildRealApp, type BuiltApp } from './build-app';
import { launchChromium, openWatchedPage, type WatchedPage } from './chromium';
import {
  acceptRequest,
  addFriend,
  addressOf,
  logIn,
  openApp,
  openChat,
  readSafetyNumber,
  registerAccount,
  screenshot,
  sendMessage,
  SCREENSHOT_DIR,
  waitForMessage,
  waitForSendState,
  waitUntilChatOpen,
  type Account,
} from './pages';
import { serveStatic, type StaticServer } from './static-server';

jest.setTimeout(300_000);

const describeOnceWired = CLIENT_CORE_WIRED ? describe : describe.skip;

/**
 * Reads the answer of the captcha the page fetched last, from the issuing server's own store:
 * the captcha request passes through the test, which notes its id (Chromium does not reliably
 * keep bodies of streamed fetch responses for later inspection).
 */
async function captchaReader(page: Page, server: TestServer) {
  let latestId: string | null = null;
  await page.route(/\/api\/v1\/users\/[^/]+\/captcha$/, async (route) => {
    const response = await route.fetch();
    if (route.request().method() === 'GET' && response.ok()) latestId = ((await response.json()) as { id: string }).id;
    await route.fulfill({ response });
  });
  return async (): Promise<string> => {
    if (latestId === null) throw new Error('The page fetched no captcha');
    await screenshot(page, 'e2e-alice-captcha');
    const captcha = await server.storage.captchas.find(latestId);
    if (captcha === null) throw new Error(`Captcha ${latestId} is not in the server's store`);
    return captcha.answer;
  };
}

describeOnceWired('two home servers, two browsers, the production bundle', () => {
  let app: BuiltApp;
  let aliceServer: TestServer;
  let bobServer: TestServer;
  let thirdOrigin: StaticServer;
  let browser: Browser;
  const opened: WatchedPage[] = [];

  beforeAll(async () => {
    app = buildRealApp();
    aliceServer = await startTestServer({ listen: true, captcha: 'pow', config: { webRoot: app.directory } });
    bobServer = await startTestServer({ listen: true, captcha: 'image', config: { webRoot: app.directory } });
    thirdOrigin = await serveStatic(app.directory);
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const { context } of opened) await context.close();
    await browser?.close();
    await thirdOrigin?.close();
    await bobServer?.close();
    await aliceServer?.close();
  });

  it('registers, befriends across servers, compares safety numbers and chats live', async () => {
    const aliceUrl = aliceServer.url!;
    const bobServerHost = new URL(bobServer.url!).host;
    const alicePage = await openWatchedPage(browser, { viewport: { width: 1200, height: 800 } });
    const bobPage = await openWatchedPage(browser, { viewport: { width: 390, height: 760 }, isMobile: true, hasTouch: true });
    opened.push(alicePage, bobPage);
    const alice: Account = { name: 'alice', server: new URL(aliceUrl).host, password: 'alice has a long passphrase' };
    const bob: Account = { name: 'bob', server: bobServerHost, password: 'bob has an even longer passphrase' };

    // alice: the app from her home server; bob: the same bundle from an unrelated origin.
    await openApp(alicePage.page, aliceUrl);
    // The app asks its own origin whether it is a home server after the first screen is drawn.
    await alicePage.page.waitForFunction((server) => [...document.querySelectorAll('input')].some((input) => input.value === server), alice.server);
    expect(await alicePage.page.getByLabel('Server', { exact: true }).inputValue()).toBe(alice.server);
    await registerAccount(alicePage.page, alice);
    await openApp(bobPage.page, thirdOrigin.url);
    expect(await bobPage.page.getByLabel('Server', { exact: true }).inputValue()).toBe('');
    await registerAccount(bobPage.page, bob);

    await addFriend(alicePage.page, addressOf(bob), {
      note: 'Hi Bob, it is Alice',
      readCaptcha: await captchaReader(alicePage.page, bobServer),
    });
    await acceptRequest(bobPage.page, addressOf(alice));
    await screenshot(bobPage.page, 'e2e-bob-accepted');

    const aliceSees = await readSafetyNumber(alicePage.page, addressOf(bob));
    const bobSees = await readSafetyNumber(bobPage.page, addressOf(alice));
    expect(aliceSees).toHaveLength(12);
    expect(bobSees).toEqual(aliceSees);
    await screenshot(alicePage.page, 'e2e-alice-safety-number');

    await openChat(alicePage.page, addressOf(bob));
    await waitUntilChatOpen(alicePage.page, addressOf(bob));
    await openChat(bobPage.page, addressOf(alice));
    await waitUntilChatOpen(bobPage.page, addressOf(alice));

    const latencies: number[] = [];
    const exchange = async (from: Page, to: Page, text: string) => {
      const started = Date.now();
      const sent = await sendMessage(from, text);
      await waitForMessage(to, text, 'in');
      latencies.push(Date.now() - started);
      await waitForSendState(sent, 'Sent');
    };
    await exchange(alicePage.page, bobPage.page, 'Hello Bob! This came through two servers.');
    await exchange(bobPage.page, alicePage.page, 'Hi Alice, and nobody in between could read it.');
    await exchange(alicePage.page, bobPage.page, 'Climbing on Saturday?');
    await screenshot(alicePage.page, 'e2e-alice-chat');
    await screenshot(bobPage.page, 'e2e-bob-chat');

    await bobPage.page.reload();
    await logIn(bobPage.page, bob);
    await openChat(bobPage.page, addressOf(alice));
    await waitForMessage(bobPage.page, 'Climbing on Saturday?', 'in');
    await waitForMessage(bobPage.page, 'Hi Alice, and nobody in between could read it.', 'out');

    await mkdir(SCREENSHOT_DIR, { recursive: true });
    await writeFile(
      join(SCREENSHOT_DIR, '..', 'web-e2e-metrics.json'),
      JSON.stringify({ sendToDisplayMs: latencies, bundle: app.build.files[app.build.script] }, null, 2),
    );
    console.info(`send → display in the other browser: ${latencies.join(', ')} ms`);

    expect(alicePage.problems).toEqual([]);
    expect(bobPage.problems).toEqual([]);
    expect(thirdOrigin.cspReports).toEqual([]);
  });
});
