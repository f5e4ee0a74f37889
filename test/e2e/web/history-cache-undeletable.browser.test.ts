/**
 * Deleting the account where the browser's storage fails to delete the history it cached: the production bundle and one
 * real home server, IndexedDB refusing to delete the cache's database (as it does where the site's storage is blocked).
 * The account is gone all the same; the register screen says what stayed behind, sealed with keys that no longer exist,
 * and how to remove it. Never "Something went wrong in the app", nor an error in the console. A log-out forgetting this
 * browser that the server never answers logs out all the same, and says what stayed and that the server was not told.
 */
import type { Page } from 'playwright-core';
import { authorityOf, createNodeMessenger } from '../../support/node-messenger';
import { expectProblems } from './chromium';
import { addressOf, deleteAccount, fillLogIn, logIn, openApp, openSettings, type Account } from './pages';
import { useRealAppOnOneServer } from './real-app-on-one-server';
import { addedTexts, watchAddedTexts } from './texts-added';

jest.setTimeout(180_000);

/** Every deletion of a cache database (`starbase-objects <address>`) throws, as a browser whose storage is blocked does; each is counted. */
const makeCacheUndeletable = (page: Page) =>
  page.evaluate(() => {
    const refused: string[] = [];
    (window as unknown as { refusedDeletions: string[] }).refusedDeletions = refused;
    const deleteDatabase = IDBFactory.prototype.deleteDatabase;
    IDBFactory.prototype.deleteDatabase = function (this: IDBFactory, name: string) {
      if (!name.startsWith('starbase-objects')) return deleteDatabase.call(this, name);
      refused.push(name);
      throw new DOMException('Access to storage is not allowed in this context.', 'SecurityError');
    };
  });
/** From now on every use of IndexedDB throws, as where the site's storage is blocked: opening, deleting, and on databases already open. */
const breakIndexedDb = (page: Page) =>
  page.evaluate(() => {
    const refuse = () => {
      throw new DOMException('Access to storage is not allowed in this context.', 'SecurityError');
    };
    IDBFactory.prototype.open = refuse;
    IDBFactory.prototype.deleteDatabase = refuse;
    IDBDatabase.prototype.transaction = refuse;
  });
const refusedDeletions = (page: Page) => page.evaluate(() => (window as unknown as { refusedDeletions: string[] }).refusedDeletions);

describe('a cached history the browser cannot delete (production bundle, one real server)', () => {
  const suite = useRealAppOnOneServer('web-history-cache-undeletable');

  it('deletes the account all the same and says on the register screen what stayed behind', async () => {
    const alice: Account = { name: 'alice', server: authorityOf(suite.server.url!), password: 'alice has a long passphrase' };
    await (await createNodeMessenger().messenger.register(addressOf(alice), alice.password)).logOut();
    const watched = await suite.openPage();
    const { page } = watched;

    await openApp(page, suite.server.url!);
    await logIn(page, alice);
    await makeCacheUndeletable(page);
    await watchAddedTexts(page);
    await deleteAccount(page, alice.password);

    await page.getByRole('heading', { name: 'Create your account', level: 1 }).waitFor();
    await expect(page.getByRole('status').filter({ hasText: 'Your account was deleted.' }).innerText()).resolves.toBe(
      'Your account was deleted. This browser could not delete the copy of the account’s history it kept, as its storage failed. It stays sealed with the deleted account’s keys, which no longer exist; clearing this site’s data in the browser’s settings removes it.',
    );
    expect(await refusedDeletions(page)).toEqual([`starbase-objects ${addressOf(alice)}`]);
    // Not in a warning of the session ending, which would only flash.
    expect((await addedTexts(page)).filter((text) => text.includes('could not delete') && !text.includes('Your account was deleted.'))).toEqual([]);
    await expect(createNodeMessenger().messenger.logIn(addressOf(alice), alice.password)).rejects.toMatchObject({ code: 'wrong_password' });
    expect(watched.problems).toEqual([]);
  });

  it('logs out all the same and says what stayed behind when a log-out forgetting this browser is never answered by the server', async () => {
    const carol: Account = { name: 'carol', server: authorityOf(suite.server.url!), password: 'carol has a long passphrase' };
    await (await createNodeMessenger().messenger.register(addressOf(carol), carol.password)).logOut();
    const { page } = await suite.openPage();

    await openApp(page, suite.server.url!);
    await logIn(page, carol);
    await openSettings(page);
    await makeCacheUndeletable(page);
    await page.route('**/sessions/current', (route) => (route.request().method() === 'DELETE' ? route.abort('timedout') : route.fallback()));
    expectProblems(page, /^console error: Failed to load resource: net::ERR_TIMED_OUT$/);
    await page.getByLabel('Forget this browser').check();
    await page.getByRole('button', { name: 'Log out' }).click();

    // Out of this browser all the same: the server may still hold the session, and the cached history stayed, both said now.
    await page.getByRole('heading', { name: 'Log in', level: 1 }).waitFor();
    await expect(page.getByRole('status').filter({ hasText: 'You have logged out.' }).innerText()).resolves.toBe(
      'You have logged out. This browser could not delete the copy of your history it kept, as its storage failed. ' +
        'It stays sealed: only you can read it, after signing in. Clearing this site’s data in the browser’s settings removes it. ' +
        'Your server could not be told, so your session there stays open until it ends by itself, within an hour.',
    );
  });

  it('says once what stayed behind when the browser’s storage fails altogether, the advice at the end', async () => {
    const bob: Account = { name: 'bob', server: authorityOf(suite.server.url!), password: 'bob has a long passphrase' };
    await (await createNodeMessenger().messenger.register(addressOf(bob), bob.password)).logOut();
    const watched = await suite.openPage();
    const { page } = watched;

    await openApp(page, suite.server.url!);
    await fillLogIn(page, bob);
    await page.getByLabel('Stay signed in on this browser').check();
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await openSettings(page);
    await page.getByLabel('Password to confirm', { exact: true }).fill(bob.password);
    await page.getByLabel('I understand that my account and messages will be gone for good.').check();
    await breakIndexedDb(page);
    await page.getByRole('button', { name: 'Delete my account' }).click();

    await page.getByRole('heading', { name: 'Create your account', level: 1 }).waitFor();
    await expect(page.getByRole('status').filter({ hasText: 'Your account was deleted.' }).innerText()).resolves.toBe(
      'Your account was deleted. This browser’s storage failed, so it could not delete what it kept of the deleted account: the sign-in, the drafts, the cached history and the unsent files. ' +
        'The sign-in no longer works and the others stay sealed with keys that no longer exist. Clearing this site’s data in the browser’s settings removes them.',
    );
    await expect(createNodeMessenger().messenger.logIn(addressOf(bob), bob.password)).rejects.toMatchObject({ code: 'wrong_password' });
    expect(watched.problems).toEqual([]);
  });
});
