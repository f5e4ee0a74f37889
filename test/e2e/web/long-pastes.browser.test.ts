/**
 * A field with a length limit keeps all of a paste that is too long and says by how much, instead of
 * cutting it off unseen (an account created under a name cut short, a code the server then refuses):
 * the Name field and the invite code, over the fake network.
 */
import type { Locator, Page } from 'playwright-core';
import { openWatchedPage } from './chromium';
import { useFakeAppSuite } from './fake-app-suite';
import { fillRegistration, inviteCodeField, openApp, submitRegistration } from './pages';

jest.setTimeout(120_000);

const suite = useFakeAppSuite('web-fake-long-pastes');

const newPage = async (path = ''): Promise<Page> => {
  const opened = await openWatchedPage(suite.browser, { viewport: { width: 1200, height: 800 } });
  suite.watched.push(opened);
  await openApp(opened.page, `${suite.server.url}/${path}`);
  return opened.page;
};

const errorOf = (page: Page, field: Locator): Locator => page.locator('.field', { has: field }).locator('.field__error');
const isFocused = (field: Locator): Promise<boolean> => field.evaluate((element) => element === document.activeElement);
const stillRegistering = (page: Page): Locator => page.getByRole('heading', { name: 'Create your account' });

describe('a paste longer than its field takes (fake network)', () => {
  it('keeps the whole of a name too long and says by how much, creating no account under a name cut short', async () => {
    const page = await newPage();
    const name = 'alexandra-montgomery-whitfield-climbs';
    expect(name.length).toBe(37);
    await fillRegistration(page, { name, server: 'chat.example.org', password: 'a long enough passphrase for her' });
    const field = page.getByLabel('Name', { exact: true });

    expect(await field.inputValue()).toBe(name);
    await errorOf(page, field).filter({ hasText: '5 characters too long: a name holds up to 32.' }).waitFor();
    await submitRegistration(page);
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-invalid') === 'true');
    expect(await isFocused(field)).toBe(true);
    expect(await errorOf(page, field).innerText()).toBe('5 characters too long: a name holds up to 32.');
    expect(await stillRegistering(page).isVisible()).toBe(true);
  });

  it('keeps the whole of an invite code too long and says by how much, sending no code cut short', async () => {
    const page = await newPage('?registration=invite');
    await fillRegistration(page, { name: 'ivy', server: 'chat.example.org', password: 'invited to the climbing club' });
    const code = `${'fake-invite-code-'.repeat(16)}tail`;
    expect(code.length).toBe(276);
    await inviteCodeField(page).fill(code);

    expect(await inviteCodeField(page).inputValue()).toBe(code);
    await errorOf(page, inviteCodeField(page)).filter({ hasText: '20 characters too long: an invite code holds up to 256.' }).waitFor();
    await submitRegistration(page);
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-invalid') === 'true');
    expect(await isFocused(inviteCodeField(page))).toBe(true);
    expect(await stillRegistering(page).isVisible()).toBe(true);
  });
});
