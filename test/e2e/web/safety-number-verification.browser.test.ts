/**
 * Issue 11 F6: a home server both friends use can sit in the middle of first contact; only
 * comparing safety numbers detects it. After a new friendship the app asks for the comparison,
 * shows the number as digits and as a QR code, and lets the user mark the friend verified —
 * shown in the chat header and the contact list, and kept in the blob for every device.
 */
import type { Browser } from 'playwright-core';
import { MessengerSession } from '../../../src/application/client/messenger';
import { authorityOf, createNodeMessenger } from '../../support/node-messenger';
import { startTestServer, type TestServer } from '../../support/test-server';
import { befriend } from '../../integration/two-server-fixture';
import { buildRealApp } from './build-app';
import { launchChromium, openWatchedPage, type WatchedPage } from './chromium';
import { addressOf, contactButton, logIn, openApp, openChat, type Account } from './pages';

jest.setTimeout(240_000);

describe('comparing and marking a safety number', () => {
  let server: TestServer;
  let browser: Browser;
  let bobPage: WatchedPage;
  let alice: MessengerSession;
  let bob: Account;

  beforeAll(async () => {
    const app = buildRealApp('web-safety-number');
    server = await startTestServer({ listen: true, config: { webRoot: app.directory } });
    const authority = authorityOf(server.url);
    bob = { name: 'bob', server: authority, password: 'bob has a long passphrase' };
    alice = await createNodeMessenger().messenger.register(`alice@${authority}`, 'alice has a long passphrase');
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

  it('prompts after the new friendship, shows digits and QR code, and marks the friend verified on every device', async () => {
    const { page } = bobPage;
    await openApp(page, server.url!);
    await logIn(page, bob);
    await openChat(page, alice.address);
    const prompt = page.getByRole('note').filter({ hasText: 'Compare safety numbers' });
    await prompt.waitFor();
    await prompt.getByRole('button', { name: 'Compare safety numbers' }).click();

    const expected = (await alice.safetyNumber(addressOf(bob))).replace(/\D/g, '');
    const qr = page.getByRole('img', { name: 'Safety number as a QR code' });
    await qr.waitFor();
    expect(await qr.getAttribute('data-digits')).toBe(expected);
    expect(await qr.locator('path').getAttribute('d')).toMatch(/^M\d+ \d+h1v1h-1z/);
    expect((await page.locator('.safety').innerText()).replace(/\D/g, '')).toContain(expected);

    await page.getByRole('button', { name: 'They match: mark as verified' }).click();
    await page.getByRole('status').filter({ hasText: `You marked ${alice.address} as verified.` }).waitFor();
    await page.getByRole('button', { name: 'Back to the conversation' }).click();
    await page.locator('.chat__verified').filter({ hasText: 'Verified' }).waitFor();
    expect(await page.getByRole('note').filter({ hasText: 'Compare safety numbers' }).count()).toBe(0);
    await contactButton(page, alice.address).filter({ hasText: '✓ Verified' }).waitFor();

    const otherDevice = await createNodeMessenger().messenger.logIn(addressOf(bob), bob.password);
    expect(otherDevice.overview().friends.find((friend) => friend.address === alice.address)).toMatchObject({ safetyNumberVerified: true });
    await otherDevice.markSafetyNumberVerified(alice.address, false);
    await otherDevice.logOut();
    await page.reload();
    await logIn(page, bob);
    await openChat(page, alice.address);
    await page.getByRole('note').filter({ hasText: 'Compare safety numbers' }).waitFor();
    expect(bobPage.problems).toEqual([]);
  });
});
