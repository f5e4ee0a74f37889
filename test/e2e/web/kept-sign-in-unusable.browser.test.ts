/**
 * "Stay signed in" where the browser's storage fails: the production bundle and one real home server, the database that
 * keeps the sign-in refusing to open (a newer version of it, as another app build would leave). Logging in still works,
 * for the page only, and says so in a warning the user can dismiss; the reload lands on the Log in screen with a plain
 * word; deleting the account, or the session ending by itself, says what stayed behind where the user lands, even where
 * the first sync of the session found it revoked first. A password changed here that the storage cannot keep signed in is
 * said at once, and the reload asks for the password without blaming another device. Never "Something went wrong in the app".
 */
import type { Page } from 'playwright-core';
import { authorityOf, createNodeMessenger } from '../../support/node-messenger';
import { expectProblems, refusedWith } from './chromium';
import { isFocused, tabTo } from './keyboard-focus';
import { addressOf, changePassword, deleteAccount, fillLogIn, openApp, type Account } from './pages';
import { useRealAppOnOneServer } from './real-app-on-one-server';
import { addedTexts, watchAddedTexts } from './texts-added';

jest.setTimeout(180_000);

/** The app opens its sign-in database at version 1: one at version 2, without the app's store, makes every use of it fail. */
const makeKeptSignInUnusable = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('starbase', 2);
        open.onupgradeneeded = () => {
          if (open.result.objectStoreNames.contains('kept-session')) open.result.deleteObjectStore('kept-session');
        };
        open.onsuccess = () => {
          open.result.close();
          resolve();
        };
        open.onerror = () => reject(open.error);
      }),
  );

/** The database that keeps the sign-in stops taking writes, as a full disk does; reading and deleting what it holds go on. */
const makeKeptSignInUnwritable = (page: Page) =>
  page.evaluate(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === 'kept-session') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
  });

describe('a sign-in the browser cannot keep (production bundle, one real server)', () => {
  const suite = useRealAppOnOneServer('web-kept-sign-in-unusable');

  it('logs in for the page and says so, lands on Log in after a reload, and says what a deletion left where the user lands', async () => {
    const alice: Account = { name: 'alice', server: authorityOf(suite.server.url!), password: 'alice has a long passphrase' };
    await (await createNodeMessenger().messenger.register(addressOf(alice), alice.password)).logOut();
    const watched = await suite.openPage();
    const { page } = watched;
    const logInButton = page.getByRole('button', { name: 'Log in', exact: true });
    const storageWarning = page.getByRole('alert').filter({ hasText: 'Could not use this browser’s storage' });

    await openApp(page, suite.server.url!);
    await makeKeptSignInUnusable(page);
    await fillLogIn(page, alice);
    await page.getByLabel('Stay signed in on this browser').check();
    await logInButton.click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    expect(await storageWarning.locator('p').allInnerTexts()).toEqual([
      'Could not use this browser’s storage',
      'This browser could not keep you signed in, as its storage failed: you are signed in on this page only, and reloading or reopening it asks for your password.',
    ]);
    expect(await page.getByRole('alert').count()).toBe(1);
    // Read, it can go: focus moves to the heading of what the page shows, never the page's body.
    await tabTo(page, storageWarning.getByRole('button', { name: 'Dismiss' }));
    await page.keyboard.press('Enter');
    await storageWarning.waitFor({ state: 'detached' });
    expect(await isFocused(page.getByRole('heading', { name: 'Welcome', level: 2 }))).toBe(true);

    await page.reload();
    await page.getByRole('heading', { name: 'Log in', level: 1 }).waitFor();
    await expect(page.getByRole('status').filter({ hasText: 'Could not sign you in again' }).innerText()).resolves.toBe(
      'Could not sign you in again automatically: This browser could not read the sign-in it kept, as its storage failed. Log in with your password.',
    );

    // Without "Stay signed in", the one kept before is forgotten, which this storage fails at too.
    await fillLogIn(page, alice);
    await logInButton.click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await storageWarning.filter({ hasText: 'could not forget that you stayed signed in' }).waitFor();
    await watchAddedTexts(page);
    await deleteAccount(page, alice.password);
    await page.getByRole('heading', { name: 'Create your account', level: 1 }).waitFor();
    await expect(page.getByRole('status').filter({ hasText: 'Your account was deleted.' }).innerText()).resolves.toBe(
      'Your account was deleted. This browser could not forget the sign-in it kept for it, as its storage failed. It no longer works; clearing this site’s data in the browser’s settings removes it.',
    );
    // Not in a warning of the session ending, which would only flash.
    expect((await addedTexts(page)).filter((text) => text.includes('could not forget') && !text.includes('Your account was deleted.'))).toEqual([]);
    expect(watched.problems).toEqual([]);
  });

  it('says on the Log in screen that the kept sign-in stayed when the session ends by itself and the storage fails to forget it', async () => {
    const carol: Account = { name: 'carol', server: authorityOf(suite.server.url!), password: 'carol has a long passphrase' };
    await (await createNodeMessenger().messenger.register(addressOf(carol), carol.password)).logOut();
    const { page } = await suite.openPage();
    // The browser logs the refused renewals (401) itself: the app says nothing in the console.
    expectProblems(page, refusedWith(401));

    await openApp(page, suite.server.url!);
    await fillLogIn(page, carol);
    await page.getByLabel('Stay signed in on this browser').check();
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    await makeKeptSignInUnusable(page);
    await watchAddedTexts(page);

    const phone = await createNodeMessenger().messenger.logIn(addressOf(carol), carol.password);
    await phone.changePassword(carol.password, 'carol changed her long passphrase');

    await page.getByRole('heading', { name: 'Log in', level: 1 }).waitFor();
    await expect(page.getByRole('status').filter({ hasText: 'this session ended' }).innerText()).resolves.toBe(
      'You changed your password on another device (or deleted this account there), so this session ended. Sign in again: what you typed is kept. ' +
        // The server has just refused the keys it kept: it cannot sign anyone in, so nothing to fear, only to tidy.
        'This browser could not forget that you stayed signed in, as its storage failed. That sign-in no longer works: your server refused it. Logging in without “Stay signed in” tries again to forget it.',
    );
    // Not in a warning of the session ending, which would only flash.
    expect((await addedTexts(page)).filter((text) => text.includes('could not forget') && !text.includes('this session ended'))).toEqual([]);
    await phone.logOut();
  });

  it('says at once when a password changed here cannot be kept signed in, and the reload asks for it without blaming another device', async () => {
    const erin: Account = { name: 'erin', server: authorityOf(suite.server.url!), password: 'erin has a long passphrase' };
    const newPassword = 'erin changed her long passphrase';
    await (await createNodeMessenger().messenger.register(addressOf(erin), erin.password)).logOut();
    const watched = await suite.openPage();
    const { page } = watched;

    await openApp(page, suite.server.url!);
    await fillLogIn(page, erin);
    await page.getByLabel('Stay signed in on this browser').check();
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await makeKeptSignInUnwritable(page);
    await changePassword(page, erin.password, newPassword);

    await expect(page.getByRole('status').filter({ hasText: 'Password changed.' }).innerText()).resolves.toBe(
      'Password changed. Your other devices must log in again with the new password. ' +
        'This browser could not keep you signed in, as its storage failed: you are signed in on this page only, and reloading or reopening it asks for your password.',
    );
    await page.reload();
    await page.getByRole('heading', { name: 'Log in', level: 1 }).waitFor();
    expect(await page.getByRole('status').filter({ hasText: /\S/ }).count()).toBe(0);
    await fillLogIn(page, erin, newPassword);
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    expect(watched.problems).toEqual([]);
  });

  it('says why and what stayed on the Log in screen when the first sync of a chat finds the session revoked, before the session says so', async () => {
    const dave: Account = { name: 'dave', server: authorityOf(suite.server.url!), password: 'dave has a long passphrase' };
    await (await createNodeMessenger().messenger.register(addressOf(dave), dave.password)).logOut();
    const { page } = await suite.openPage();
    // The browser logs the refused renewals (401) itself: the app says nothing in the console.
    expectProblems(page, refusedWith(401));
    // The first sync is held until the password changed elsewhere: it then finds the session revoked.
    let release: () => void = () => undefined;
    const changed = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/inbox**', async (route) => {
      await changed;
      await route.fallback();
    });

    await openApp(page, suite.server.url!);
    await fillLogIn(page, dave);
    await page.getByLabel('Stay signed in on this browser').check();
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await makeKeptSignInUnusable(page);
    const phone = await createNodeMessenger().messenger.logIn(addressOf(dave), dave.password);
    await phone.changePassword(dave.password, 'dave changed his long passphrase');
    release();

    await page.getByRole('heading', { name: 'Log in', level: 1 }).waitFor();
    // The plain notice of the sync's refusal may come first: it gives way to why, and what stayed.
    await page.getByRole('status').filter({ hasText: 'this session ended' }).waitFor();
    await expect(page.getByRole('status').filter({ hasText: 'this session ended' }).innerText()).resolves.toBe(
      'You changed your password on another device (or deleted this account there), so this session ended. Sign in again: what you typed is kept. ' +
        'This browser could not forget that you stayed signed in, as its storage failed. That sign-in no longer works: your server refused it. Logging in without “Stay signed in” tries again to forget it.',
    );
    await phone.logOut();
  });
});
