/**
 * Logging out where the user's own server takes every request and never answers: the production bundle and one real home
 * server, whose answers the page stops getting once signed in. One click logs out of this browser within a few seconds,
 * and the Log in screen says the server could not be told and when the session there ends by itself.
 */
import { authorityOf, createNodeMessenger } from '../../support/node-messenger';
import { addressOf, fillLogIn, openApp, openSettings, type Account } from './pages';
import { useRealAppOnOneServer } from './real-app-on-one-server';

jest.setTimeout(180_000);

/** Well inside the 20 s the log-out's request would wait for an answer, and its retries. */
const LOGGED_OUT_WITHIN_MS = 12_000;

describe('logging out while the home server never answers (production bundle, one real server)', () => {
  const suite = useRealAppOnOneServer('web-log-out-silent-server');

  it('logs out of this browser at once and says on the Log in screen that the server could not be told', async () => {
    const alice: Account = { name: 'alice', server: authorityOf(suite.server.url!), password: 'alice has a long passphrase' };
    await (await createNodeMessenger().messenger.register(addressOf(alice), alice.password)).logOut();
    const watched = await suite.openPage();
    const { page } = watched;

    await openApp(page, suite.server.url!);
    await fillLogIn(page, alice);
    await page.getByLabel('Stay signed in on this browser').check();
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await openSettings(page);
    // From here the server takes whatever the page asks and never answers.
    await page.route('**/api/v1/**', () => undefined);

    const started = Date.now();
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('heading', { name: 'Log in', level: 1 }).waitFor({ timeout: LOGGED_OUT_WITHIN_MS });
    expect(Date.now() - started).toBeLessThan(LOGGED_OUT_WITHIN_MS);
    await expect(page.getByRole('status').filter({ hasText: 'You have logged out.' }).innerText()).resolves.toBe(
      'You have logged out. Your server could not be told, so your session there stays open until it ends by itself, within an hour.',
    );

    // The server answers again: nothing kept signs this browser in.
    await page.unroute('**/api/v1/**');
    await page.reload();
    await page.getByRole('heading', { name: 'Log in', level: 1 }).waitFor();
    expect(await page.getByRole('status').filter({ hasText: /\S/ }).count()).toBe(0);
    expect(watched.problems).toEqual([]);
  });

  it('says it is logging out, and takes no second click, while it waits for the server', async () => {
    const bob: Account = { name: 'bob', server: authorityOf(suite.server.url!), password: 'bob has an even longer passphrase' };
    await (await createNodeMessenger().messenger.register(addressOf(bob), bob.password)).logOut();
    const watched = await suite.openPage();
    const { page } = watched;
    await openApp(page, suite.server.url!);
    await fillLogIn(page, bob);
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await openSettings(page);
    await page.route('**/api/v1/**', () => undefined);

    await page.getByRole('button', { name: 'Log out' }).click();
    const working = page.getByRole('button', { name: 'Logging out…' });
    await working.waitFor({ timeout: 1_000 });
    expect(await working.isDisabled()).toBe(true);
    expect(await working.getAttribute('aria-busy')).toBe('true');
    // Still waiting on the server, well into its 5 s.
    await page.waitForTimeout(2_000);
    expect(await working.isDisabled()).toBe(true);
    await page.getByRole('heading', { name: 'Log in', level: 1 }).waitFor({ timeout: LOGGED_OUT_WITHIN_MS });
    expect(watched.problems).toEqual([]);
  });
});
