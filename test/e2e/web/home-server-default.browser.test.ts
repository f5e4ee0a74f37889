/**
 * The Log in form offers the page's own host as the server once the page turns out to be served by a
 * home server. That answer can come late (a loaded machine, a slow network): what the person types
 * into the Server field meanwhile is what stays.
 */
import type { Page, Route } from 'playwright-core';
import { openWatchedPage } from './chromium';
import { useFakeAppSuite } from './fake-app-suite';
import { createPeer } from './fake-network-page';
import { fillLogIn, openApp, showLogIn } from './pages';

jest.setTimeout(60_000);

const suite = useFakeAppSuite('web-fake-home-server-default');

const ALICE = { name: 'alice', server: 'chat.example.org', password: 'alice password 123' };

const serverField = (page: Page) => page.getByLabel('Server', { exact: true });

/** The Log in screen of a page whose questions to its own server wait until `answer` is called. */
async function logInWithOwnServerSlow(): Promise<{ page: Page; answer: () => Promise<void> }> {
  const { page } = await openWatched();
  const held: Route[] = [];
  let logInAsked = () => {};
  const askedByLogIn = new Promise<void>((resolve) => (logInAsked = resolve));
  await page.route('**/.well-known/starbase', (route) => {
    held.push(route);
    // The first question is the first screen's (Create your account), the second Log in's.
    if (held.length === 2) logInAsked();
  });
  await openApp(page, suite.server.url);
  await createPeer(page, `alice@${ALICE.server}`, ALICE.password);
  await showLogIn(page);
  await askedByLogIn;
  const answer = async () => {
    const finished = held.map((route) => page.waitForEvent('requestfinished', { predicate: (request) => request === route.request() }));
    await Promise.all(held.map((route) => route.continue()));
    await Promise.all(finished);
    // The app read the answer and rendered what it did with it.
    await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
  };
  return { page, answer };
}

async function openWatched() {
  const opened = await openWatchedPage(suite.browser, { viewport: { width: 800, height: 600 } });
  suite.watched.push(opened);
  return opened;
}

describe('the server the Log in form offers (fake network)', () => {
  it('keeps what is typed into Server when the page’s own server answers while the field has focus', async () => {
    const { page, answer } = await logInWithOwnServerSlow();
    await page.getByLabel('Name', { exact: true }).fill(ALICE.name);
    await serverField(page).focus();
    await answer();
    await page.keyboard.insertText(ALICE.server);
    expect(await serverField(page).inputValue()).toBe(ALICE.server);

    await page.getByLabel('Password', { exact: true }).fill(ALICE.password);
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor({ timeout: 10_000 });
  });

  it('offers the page’s own host once the person leaves Server empty', async () => {
    const { page, answer } = await logInWithOwnServerSlow();
    await serverField(page).focus();
    await answer();
    expect(await serverField(page).inputValue()).toBe('');

    await page.getByLabel('Name', { exact: true }).focus();
    await page.waitForFunction((input) => input !== null && (input as HTMLInputElement).value !== '', await serverField(page).elementHandle());
    expect(await serverField(page).inputValue()).toBe(new URL(suite.server.url).host);
  });

  it('logs in at the page’s own host when the person presses Enter in Server left empty', async () => {
    const { page, answer } = await logInWithOwnServerSlow();
    const ownHost = new URL(suite.server.url).host;
    await createPeer(page, `alice@${ownHost}`, ALICE.password);
    await page.getByLabel('Name', { exact: true }).fill(ALICE.name);
    await page.getByLabel('Password', { exact: true }).fill(ALICE.password);
    await serverField(page).focus();
    await answer();
    await serverField(page).press('Enter');
    await page.getByRole('navigation', { name: 'Main' }).waitFor({ timeout: 10_000 });
    expect(await page.getByText(`alice@${ownHost}`).count()).toBeGreaterThan(0);
  });

  it('offers it at once when the answer comes before the person reaches Server', async () => {
    const { page, answer } = await logInWithOwnServerSlow();
    await answer();
    expect(await serverField(page).inputValue()).toBe(new URL(suite.server.url).host);
    await fillLogIn(page, ALICE);
    expect(await serverField(page).inputValue()).toBe(ALICE.server);
  });
});
