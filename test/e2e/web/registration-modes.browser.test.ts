/**
 * Account creation on servers that take new accounts only by invite, or not at all: first the UI
 * over the fake network (every path, fast), then the production bundle against real home servers
 * (the invite code travels from the form through the client core to the server's invite store).
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { createInviteCodes } from '../../support/invite-codes';
import { startTestServer, type TestServer } from '../../support/test-server';
import { buildFakeApp, buildRealApp } from './build-app';
import { expectProblems, launchChromium, openWatchedPage, refusedWith, type WatchedPage } from './chromium';
import { FAKE_INVITE_CODE } from './fake-registration';
import { fillRegistration, inviteCodeField, openApp, screenshot, submitRegistration, type Account } from './pages';
import { serveStatic, type StaticServer } from './static-server';

jest.setTimeout(240_000);

let browser: Browser;
const watched: WatchedPage[] = [];

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

afterEach(async () => {
  for (const { context } of watched.splice(0)) await context.close();
});

async function newPage(): Promise<WatchedPage> {
  const opened = await openWatchedPage(browser, { viewport: { width: 1200, height: 800 } });
  watched.push(opened);
  return opened;
}

const errorOf = (page: Page, field: Locator): Locator => page.locator('.field', { has: field }).locator('.field__error');

async function expectFocusOn(page: Page, field: Locator): Promise<void> {
  const id = await field.getAttribute('id');
  await page.waitForFunction((wanted) => document.activeElement?.id === wanted, id);
}

async function waitForWelcome(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

const closedBanner = (page: Page): Locator => page.getByRole('alert').filter({ hasText: 'This server does not take new accounts' });

describe('account creation by invite, over the fake network', () => {
  let fake: StaticServer;
  const ivy = (server: string): Account => ({ name: 'ivy', server, password: 'invited to the climbing club' });

  beforeAll(async () => {
    fake = await serveStatic(buildFakeApp('web-fake-registration'), { actAsHomeServer: true });
  });
  afterAll(async () => {
    await fake?.close();
  });

  afterEach(() => {
    expect(fake.cspReports).toEqual([]);
  });

  it('asks for the code up front, explains a missing or refused one at the field, and registers with a good one', async () => {
    const opened = await newPage();
    const { page } = opened;
    await openApp(page, `${fake.url}/?registration=invite`);
    await fillRegistration(page, ivy(fake.host));
    await inviteCodeField(page).waitFor();
    expect(await page.getByText('This server takes new accounts by invitation').isVisible()).toBe(true);
    await screenshot(page, 'register-invite', { fullPage: true });

    await submitRegistration(page);
    await errorOf(page, inviteCodeField(page)).filter({ hasText: 'Enter the invite code you were given.' }).waitFor();
    await expectFocusOn(page, inviteCodeField(page));

    await inviteCodeField(page).fill('not-the-code');
    await submitRegistration(page);
    await errorOf(page, inviteCodeField(page)).filter({ hasText: 'The server did not accept this invite code.' }).waitFor();
    await expectFocusOn(page, inviteCodeField(page));
    expect(await inviteCodeField(page).getAttribute('aria-invalid')).toBe('true');
    // Said once, at the field: not repeated in the form's alert.
    expect(await page.locator('.alert--error').count()).toBe(0);

    await inviteCodeField(page).fill(` ${FAKE_INVITE_CODE} `);
    expect(await errorOf(page, inviteCodeField(page)).count()).toBe(0);
    await submitRegistration(page);
    await waitForWelcome(page);
    expect(opened.problems).toEqual([]);
  });

  it('shows the field when registering reveals a code is needed that the server could not be asked about', async () => {
    const opened = await newPage();
    const { page } = opened;
    await openApp(page, `${fake.url}/?registration=invite&probe=off`);
    await fillRegistration(page, ivy(fake.host));
    expect(await inviteCodeField(page).count()).toBe(0);

    await submitRegistration(page);
    await errorOf(page, inviteCodeField(page)).filter({ hasText: 'This server takes new accounts only with an invite code.' }).waitFor();
    await expectFocusOn(page, inviteCodeField(page));
    await inviteCodeField(page).fill(FAKE_INVITE_CODE);
    await submitRegistration(page);
    await waitForWelcome(page);
    expect(opened.problems).toEqual([]);
  });

  it('says a closed server takes no new accounts and offers no button that cannot work', async () => {
    const opened = await newPage();
    const { page } = opened;
    await openApp(page, `${fake.url}/?registration=closed`);
    await closedBanner(page).waitFor();
    expect(await closedBanner(page).innerText()).toContain(`${fake.host} has closed registration`);
    expect(await page.getByRole('button', { name: 'Create account' }).isDisabled()).toBe(true);
    expect(await inviteCodeField(page).count()).toBe(0);
    await screenshot(page, 'register-closed', { fullPage: true });
    expect(opened.problems).toEqual([]);
  });
});

describe('the production bundle against invite-only and closed home servers', () => {
  let inviteServer: TestServer;
  let closedServer: TestServer;

  beforeAll(async () => {
    const app = buildRealApp('web-real-registration');
    inviteServer = await startTestServer({ listen: true, config: { registration: 'invite', webRoot: app.directory } });
    closedServer = await startTestServer({ listen: true, config: { registration: 'closed', webRoot: app.directory } });
  });
  afterAll(async () => {
    await inviteServer?.close();
    await closedServer?.close();
  });

  it('registers with a code the operator created, after the server refused a made-up one', async () => {
    const opened = await newPage();
    const { page } = opened;
    const server = new URL(inviteServer.url!).host;
    await openApp(page, inviteServer.url!);
    await fillRegistration(page, { name: 'ivy', server, password: 'invited to the climbing club' });
    await inviteCodeField(page).fill('made-up-code');
    await submitRegistration(page);
    await errorOf(page, inviteCodeField(page)).filter({ hasText: 'The server did not accept this invite code.' }).waitFor({ timeout: 60_000 });

    const [code] = await createInviteCodes(inviteServer);
    await inviteCodeField(page).fill(code!);
    await submitRegistration(page);
    await waitForWelcome(page);
    expect(await page.locator('.topbar__account').innerText()).toContain(`ivy@${server}`);
    // The refused POST /accounts is the one failed request the browser reports, as it does every 4xx.
    expect(opened.problems).toEqual([expect.stringMatching(/^console error: Failed to load resource: .*403/)]);
    expectProblems(page, refusedWith(403));
  });

  it('tells a visitor of a closed server that it takes no new accounts', async () => {
    const opened = await newPage();
    const { page } = opened;
    await openApp(page, closedServer.url!);
    await closedBanner(page).waitFor();
    expect(await page.getByRole('button', { name: 'Create account' }).isDisabled()).toBe(true);
    expect(opened.problems).toEqual([]);
  });
});
