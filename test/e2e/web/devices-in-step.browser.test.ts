/**
 * Issue 12, "Devices stay in step" and "Nothing typed is lost": two home servers, real Chromium,
 * the production bundle. alice uses two devices (two browser contexts, like a desktop and a
 * phone), bob one. A message alice sends on one device shows on the other by itself; a message
 * that could not reach bob's server goes out by itself once it can, with the blame on bob's
 * server; a message too long for the server is refused in the composer with the text kept; one
 * the server refuses for good can be deleted; and a device left behind by a password change says
 * so and keeps what was typed there.
 */
import type { Browser, Page } from 'playwright-core';
import { CLIENT_CORE_WIRED } from '../../../src/adapters/web/compose';
import { startTestServer, type TestServer } from '../../support/test-server';
import { buildRealApp, type BuiltApp } from './build-app';
import { expectProblems, launchChromium, openWatchedPage, refusedWith, type WatchedPage } from './chromium';
import {
  acceptRequest,
  addFriend,
  addressOf,
  changePassword,
  logInAfterPasswordChangeElsewhere,
  deleteAccount,
  fillLogIn,
  logIn,
  logOut,
  messageLog,
  openApp,
  openChat,
  registerAccount,
  screenshot,
  sendMessage,
  submitFriendRequest,
  waitForMessage,
  waitForSendState,
  waitUntilChatOpen,
  type Account,
} from './pages';

jest.setTimeout(300_000);

const describeOnceWired = CLIENT_CORE_WIRED ? describe : describe.skip;

const composerOf = (page: Page) => page.getByRole('textbox', { name: /^Message to / });

describeOnceWired('devices in step, nothing typed is lost (two servers, real Chromium)', () => {
  let app: BuiltApp;
  let aliceServer: TestServer;
  let bobServer: TestServer;
  let browser: Browser;
  const opened: WatchedPage[] = [];
  let alice: Account;
  let bob: Account;
  let desktop: WatchedPage;
  let phone: WatchedPage;
  let bobDevice: WatchedPage;

  /** Requests from `page` to bob's drop endpoint are answered by `respond` until the returned function is called. */
  const interceptDropsToBob = async (page: Page, respond: 'unreachable' | 413) => {
    const pattern = new RegExp(`^${bobServer.url!}/api/v1/users/bob/drops$`);
    const handler = async (route: Parameters<Parameters<Page['route']>[1]>[0]) => {
      if (respond === 'unreachable') return route.abort('connectionrefused');
      return route.fulfill({
        status: 413,
        contentType: 'application/problem+json',
        body: JSON.stringify({ type: 'about:blank', title: 'Payload Too Large', status: 413, code: 'payload_too_large' }),
      });
    };
    await page.route(pattern, handler);
    return () => page.unroute(pattern, handler);
  };

  /**
   * Lets requests from `page` to bob's drop endpoint through only once the page has seen a click;
   * until then they fall back to the routes set before. A resend by the app's own timer, or by a
   * sync, can otherwise send a message in the moment before the test clicks.
   */
  const dropsToBobAfterNextClick = async (page: Page) => {
    const pattern = new RegExp(`^${bobServer.url!}/api/v1/users/bob/drops$`);
    await page.evaluate(() => {
      const marked = window as unknown as { __clicked?: boolean };
      marked.__clicked = false;
      document.addEventListener('click', () => (marked.__clicked = true), { capture: true, once: true });
    });
    const handler = async (route: Parameters<Parameters<Page['route']>[1]>[0]) => {
      const clicked = await page.evaluate(() => (window as unknown as { __clicked?: boolean }).__clicked === true);
      return clicked ? route.continue() : route.fallback();
    };
    await page.route(pattern, handler);
    return () => page.unroute(pattern, handler);
  };

  beforeAll(async () => {
    app = buildRealApp('web-real-devices');
    aliceServer = await startTestServer({ listen: true, captcha: 'pow', config: { webRoot: app.directory } });
    bobServer = await startTestServer({ listen: true, captcha: 'pow', config: { webRoot: app.directory } });
    browser = await launchChromium();
    alice = { name: 'alice', server: new URL(aliceServer.url!).host, password: 'alice has a long passphrase' };
    bob = { name: 'bob', server: new URL(bobServer.url!).host, password: 'bob has an even longer passphrase' };

    desktop = await openWatchedPage(browser, { viewport: { width: 1200, height: 800 } });
    phone = await openWatchedPage(browser, { viewport: { width: 1200, height: 800 } });
    bobDevice = await openWatchedPage(browser, { viewport: { width: 1200, height: 800 } });
    opened.push(desktop, phone, bobDevice);
    // These devices provoke refused requests on purpose (the unreachable server, the 413, the
    // revoked session), and Chromium logs each by itself.
    for (const { page } of opened) expectProblems(page, /^console error: Failed to load resource: /);

    await openApp(desktop.page, aliceServer.url!);
    await registerAccount(desktop.page, alice);
    await openApp(bobDevice.page, bobServer.url!);
    await registerAccount(bobDevice.page, bob);
    await addFriend(desktop.page, addressOf(bob), { note: 'Hi Bob' });
    await acceptRequest(bobDevice.page, addressOf(alice));
    await openApp(phone.page, aliceServer.url!);
    await logIn(phone.page, alice);

    for (const [page, friend] of [
      [desktop.page, addressOf(bob)],
      [phone.page, addressOf(bob)],
      [bobDevice.page, addressOf(alice)],
    ] as const) {
      await openChat(page, friend);
      await waitUntilChatOpen(page, friend);
    }
  });

  afterAll(async () => {
    for (const { context } of opened) await context.close();
    await browser?.close();
    await bobServer?.close();
    await aliceServer?.close();
  });

  it("shows a message sent on one device on the user's other device by itself, with its send state", async () => {
    const latencies: number[] = [];
    for (let round = 1; round <= 5; round++) {
      const [from, to] = round % 2 === 1 ? [desktop.page, phone.page] : [phone.page, desktop.page];
      const text = `Round ${round}: written on one device, read on the other`;
      const started = Date.now();
      await sendMessage(from, text);
      const mirrored = await waitForMessage(to, text, 'out');
      latencies.push(Date.now() - started);
      // The other device also learns that it was delivered, not only that it is being sent.
      await waitForSendState(mirrored, 'Sent');
      await waitForMessage(bobDevice.page, text, 'in');
    }
    console.info(`message sent on one device → shown on the user's other device: ${latencies.join(', ')} ms`);
  });

  it("resends a message by itself once bob's server can be reached, blaming bob's server meanwhile", async () => {
    const restore = await interceptDropsToBob(desktop.page, 'unreachable');
    const sent = await sendMessage(desktop.page, 'Are you there? Your server seems down.');
    await waitForSendState(sent, 'Not sent');
    const notice = desktop.page.locator('#main').getByRole('alert').filter({ hasText: `Could not reach ${addressOf(bob)}'s server` });
    await notice.waitFor();
    expect(await desktop.page.locator('#main').getByText('Check the server address').count()).toBe(0);
    await expect(sent.getByRole('button', { name: 'Retry now' }).isVisible()).resolves.toBe(true);
    await screenshot(desktop.page, 'chat-failed-message');

    await restore();
    // No click, no new message from bob: the resend timer alone gets it out.
    await waitForSendState(sent, 'Sent');
    await waitForMessage(bobDevice.page, 'Are you there? Your server seems down.', 'in');
    await notice.waitFor({ state: 'detached' });
  });

  it('retries a failed message on request and deletes one on request, on every device', async () => {
    // Down for both of alice's devices: the phone resends failed messages too.
    const restore = await interceptDropsToBob(desktop.page, 'unreachable');
    const restoreOnPhone = await interceptDropsToBob(phone.page, 'unreachable');
    const retried = await sendMessage(desktop.page, 'This one I retry by hand');
    await waitForSendState(retried, 'Not sent');
    const deleted = await sendMessage(desktop.page, 'This one I take back');
    await waitForSendState(deleted, 'Not sent');
    // Deleted while bob's server is still down: once it answers, the next resend would send this one too.
    await deleted.getByRole('button', { name: 'Delete' }).click();
    await deleted.waitFor({ state: 'detached' });
    await messageLog(phone.page).getByText('This one I take back').waitFor({ state: 'detached' });

    const stopGate = await dropsToBobAfterNextClick(desktop.page);
    await retried.getByRole('button', { name: 'Retry now' }).click();
    await waitForSendState(retried, 'Sent');
    await waitForMessage(bobDevice.page, 'This one I retry by hand', 'in');
    await waitForMessage(phone.page, 'This one I retry by hand', 'out');
    expect(await messageLog(bobDevice.page).getByText('This one I take back').count()).toBe(0);
    await stopGate();
    await restore();
    await restoreOnPhone();
  });

  it("stops retrying a message bob's server refuses as too large, says why, and lets it be deleted", async () => {
    const restore = await interceptDropsToBob(desktop.page, 413);
    const refused = await sendMessage(desktop.page, 'Pretend this is far too long for bob');
    await waitForSendState(refused, 'Not sent');
    await refused.getByText('server accepts, so it will never be sent').waitFor();
    expect(await refused.getByRole('button', { name: 'Retry now' }).count()).toBe(0);
    await restore();
    // The other device shows the same verdict; deleting there removes it here too.
    const onPhone = await waitForMessage(phone.page, 'Pretend this is far too long for bob', 'out');
    await onPhone.getByText('server accepts, so it will never be sent').waitFor();
    await onPhone.getByRole('button', { name: 'Delete' }).click();
    await refused.waitFor({ state: 'detached' });
  });

  it('counts down near the length limit and refuses an over-long message in the composer, keeping the text', async () => {
    const composer = composerOf(desktop.page);
    const counter = desktop.page.locator('.composer__room');
    await composer.fill('x'.repeat(40_000));
    expect(await counter.isVisible()).toBe(false);
    await composer.fill('x'.repeat(47_000));
    await counter.filter({ hasText: /characters left$/ }).waitFor();
    await screenshot(desktop.page, 'chat-length-counter');

    const tooLong = 'y'.repeat(100_000);
    await composer.fill(tooLong);
    await desktop.page.locator('#main').getByRole('alert').filter({ hasText: 'characters too long' }).waitFor();
    expect(await desktop.page.getByRole('button', { name: 'Send', exact: true }).isDisabled()).toBe(true);
    await composer.press('Enter');
    expect(await composer.inputValue()).toBe(tooLong);
    expect(await messageLog(desktop.page).getByText('yyyyyyyyyy').count()).toBe(0);

    await composer.fill('A short one instead');
    await composer.press('Enter');
    await waitForMessage(bobDevice.page, 'A short one instead', 'in');
  });

  it('clears notices that no longer hold', async () => {
    // bob accepted alice's request and opened her chat (beforeAll): the confirmation is history now.
    expect(await bobDevice.page.getByText(`You accepted ${addressOf(alice)}'s request.`).count()).toBe(0);

    await submitFriendRequest(desktop.page, `nobody@${bob.server}`);
    const previous = desktop.page.locator('#main').getByRole('alert').filter({ hasText: 'Nobody has this address' });
    await previous.waitFor();
    await desktop.page.getByLabel('Their address').fill(addressOf(alice));
    await desktop.page.getByRole('button', { name: 'Send friend request' }).click();
    await desktop.page.getByText('That is your own address.').waitFor();
    expect(await previous.count()).toBe(0);
  });

  it("tells friends about a deleted account, and marks a friend gone when their server no longer knows them", async () => {
    const befriend = async (account: Account) => {
      const watched = await openWatchedPage(browser, { viewport: { width: 1200, height: 800 } });
      opened.push(watched);
      await openApp(watched.page, bobServer.url!);
      await registerAccount(watched.page, account);
      await addFriend(desktop.page, addressOf(account));
      await acceptRequest(watched.page, addressOf(alice));
      await openChat(desktop.page, addressOf(account));
      await waitUntilChatOpen(desktop.page, addressOf(account));
      return watched;
    };
    const carol: Account = { name: 'carol', server: bob.server, password: 'carol picks a long passphrase' };
    const dave: Account = { name: 'dave', server: bob.server, password: 'dave picks a long passphrase too' };
    const carolDevice = await befriend(carol);
    const daveDevice = await befriend(dave);

    // carol deletes her account: alice's app hears it from her.
    await deleteAccount(carolDevice.page, carol.password);
    // A deleted account lands on the start screen (issue 12, "basics").
    await carolDevice.page.getByRole('heading', { name: 'Create your account', level: 1 }).waitFor();
    await openChat(desktop.page, addressOf(carol));
    await desktop.page.getByText(`You and ${addressOf(carol)} are no longer friends.`).waitFor();

    // dave's goodbye never arrives (his connection drops): alice finds out from his server's 404.
    await daveDevice.page.route(/\/api\/v1\/users\/alice\/drops$/, (route) => route.abort('connectionrefused'));
    expectProblems(daveDevice.page, /^console error: Failed to load resource: net::ERR_CONNECTION_REFUSED$/);
    await deleteAccount(daveDevice.page, dave.password);
    await daveDevice.page.getByRole('heading', { name: 'Create your account', level: 1 }).waitFor();
    await openChat(desktop.page, addressOf(dave));
    const sent = await sendMessage(desktop.page, 'Still there, Dave?');
    await waitForSendState(sent, 'Not sent');
    await sent.getByText(`${addressOf(dave)}'s account no longer exists`).first().waitFor();
    await desktop.page.getByText(`${addressOf(dave)}'s account no longer exists: their server does not know it any more. Messages`).waitFor();
    expect(await desktop.page.getByText('Check your connection').count()).toBe(0);
    expect(await desktop.page.getByText('The server does not know this account').count()).toBe(0);
  });

  it('stays signed in across reloads only when asked, with the keys wrapped by a non-extractable key, until logging out', async () => {
    const laptop = await openWatchedPage(browser, { viewport: { width: 1200, height: 800 } });
    opened.push(laptop);
    // alice's desktop and phone stay signed in beside it and write her store too: Chromium logs a 412 on a version conflict
    // and a 404 for what one of them removed a moment before (a page compacted away, a drop token revoked), both taken in stride.
    expectProblems(laptop.page, refusedWith(412), refusedWith(404));
    const page = laptop.page;
    const signedIn = page.getByRole('navigation', { name: 'Main' });
    const logInHeading = page.getByRole('heading', { name: 'Log in', level: 1 });

    // Without the option, a reload signs out, as before.
    await openApp(page, aliceServer.url!);
    await logIn(page, alice);
    await page.reload();
    await logInHeading.waitFor();

    await fillLogIn(page, alice);
    await page.getByLabel('Stay signed in on this browser').check();
    await screenshot(page, 'log-in-stay-signed-in');
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await signedIn.waitFor();
    const kept = await page.evaluate(async () => {
      const database = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('starbase');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const record = await new Promise<{ wrappingKey: CryptoKey; sealed: ArrayBuffer }>((resolve, reject) => {
        const get = database.transaction('kept-session').objectStore('kept-session').get('current');
        get.onsuccess = () => resolve(get.result as { wrappingKey: CryptoKey; sealed: ArrayBuffer });
        get.onerror = () => reject(get.error);
      });
      database.close();
      const exported = await crypto.subtle.exportKey('raw', record.wrappingKey).then(
        () => 'exported',
        (error: unknown) => (error instanceof Error ? error.name : 'refused'),
      );
      const sealedText = new TextDecoder().decode(record.sealed);
      return { extractable: record.wrappingKey.extractable, exported, sealedText, localStorage: JSON.stringify({ ...localStorage }) };
    });
    expect(kept.extractable).toBe(false);
    expect(kept.exported).toBe('InvalidAccessError');
    expect(kept.sealedText).not.toContain('authKey');
    expect(kept.localStorage).not.toMatch(/authKey|blobKey|kept/);

    await page.reload();
    await signedIn.waitFor();
    await openChat(page, addressOf(bob));
    await waitUntilChatOpen(page, addressOf(bob));

    await logOut(page);
    await page.reload();
    await logInHeading.waitFor();
  });

  it('tells a device left behind by a password change to sign in again, and keeps what was typed there', async () => {
    const newPassword = 'alice changed her long passphrase';
    await changePassword(phone.page, alice.password, newPassword);
    await phone.page.getByRole('status').filter({ hasText: 'Password changed.' }).waitFor();

    await openChat(desktop.page, addressOf(bob));
    const composer = composerOf(desktop.page);
    await composer.fill('Typed on the desktop after the password changed');
    await composer.press('Enter');
    await desktop.page.getByText('You changed your password on another device').waitFor();
    expect(await desktop.page.getByText("Your friend's server refused").count()).toBe(0);
    await logInAfterPasswordChangeElsewhere(desktop.page, { ...alice, password: newPassword });
    await openChat(desktop.page, addressOf(bob));
    expect(await composerOf(desktop.page).inputValue()).toBe('Typed on the desktop after the password changed');
  });
});
