/**
 * The web app in real Chromium, served with the production CSP, driven like a person would:
 * alice walks every screen while bob, carol and dave act through the in-page fake network.
 */
import type { Page } from 'playwright-core';
import { expectProblems, openWatchedPage, type WatchedPage } from './chromium';
import { useFakeAppSuite } from './fake-app-suite';
import { controlNetwork, createPeer, lastCaptchaAnswer, type Peer } from './fake-network-page';
import {
  acceptRequest,
  addressOf,
  answerCaptcha,
  captchaForm,
  changePassword,
  contactButton,
  declineRequest,
  deleteAccount,
  exportData,
  fillLogIn,
  fillRegistration,
  logIn,
  logOut,
  messageLog,
  openApp,
  openChat,
  openSettings,
  readSafetyNumber,
  requestCard,
  screenshot,
  sendMessage,
  setOpenInbox,
  showContacts,
  submitFriendRequest,
  waitForMessage,
  waitForFocusOn,
  waitForSendState,
  waitUntilChatOpen,
  type Account,
} from './pages';

jest.setTimeout(240_000);

const suite = useFakeAppSuite('web-fake');

async function newPage(options: Parameters<typeof openWatchedPage>[1] = {}): Promise<WatchedPage> {
  const opened = await openWatchedPage(suite.browser, { viewport: { width: 1200, height: 800 }, ...options });
  suite.watched.push(opened);
  return opened;
}

const visibleText = (page: Page, selector: string) => page.locator(selector).innerText();

function expectNoProblems(opened: WatchedPage): void {
  expect(opened.problems).toEqual([]);
  expect(suite.server.cspReports).toEqual([]);
}

describe('the web app over the fake messenger', () => {
  it('lets a person register, befriend, chat, check safety numbers and manage settings', async () => {
    const opened = await newPage();
    const { page } = opened;
    // Addresses on the fake network need no real host: these read well in the README's screenshots.
    const alice: Account = { name: 'alice', server: 'chat.example.org', password: 'correct horse battery staple' };
    await openApp(page, suite.server.url);

    // A first visit starts at account creation, with this home server filled in.
    await page.getByRole('heading', { name: 'Create your account' }).waitFor();
    // The screen shows before its server answers whether it is a home server (a HEAD of the page, then /.well-known).
    const serverField = page.getByLabel('Server', { exact: true });
    await page.waitForFunction((input) => input !== null && (input as HTMLInputElement).value !== '', await serverField.elementHandle());
    expect(await serverField.inputValue()).toBe(suite.server.host);
    await waitForFocusOn(page, 'Create your account');

    // Mistakes are explained next to the field, and focus goes to the first one.
    await page.getByRole('button', { name: 'Create account' }).click();
    expect(await visibleText(page, '.field__error >> nth=0')).toContain('Enter a name.');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.id)).toBe(
      await page.getByLabel('Name', { exact: true }).getAttribute('id'),
    );
    await fillRegistration(page, { ...alice, password: 'short' });
    expect(await visibleText(page, '.strength')).toContain('Strength: Very weak.');
    await fillRegistration(page, alice, 'something else entirely');
    await page.getByLabel('Password', { exact: true }).fill(alice.password);
    expect(await visibleText(page, '.strength__label')).toMatch(/Strength: (Strong|Very strong)\./);
    await screenshot(page, '01-register', { fullPage: true });
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('The two passwords differ.').waitFor();

    // While Argon2 runs, a progress indicator says what is happening.
    await page.getByLabel('Repeat password', { exact: true }).fill(alice.password);
    await controlNetwork(page, 'hold');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('status').filter({ hasText: /Strengthening your password.*50%/ }).waitFor();
    expect(await page.getByRole('progressbar').count()).toBe(1);
    await screenshot(page, '02-register-progress', { fullPage: true });
    await controlNetwork(page, 'release');
    await page.getByRole('heading', { name: 'Welcome' }).waitFor();
    expect(await page.locator('.topbar__account').innerText()).toContain(addressOf(alice));

    // Other people on the network.
    const bob = await createPeer(page, 'bob@home.example.net');
    const carol = await createPeer(page, 'carol@chat.example.org');
    const dave = await createPeer(page, 'dave@spam.example.com');

    // Cancelling the captcha sends nothing, says so, and hands the address back for another try.
    await submitFriendRequest(page, carol.address);
    await captchaForm(page).getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('status').filter({ hasText: 'Cancelled. No request was sent.' }).waitFor();
    await page.waitForFunction(() => document.activeElement?.getAttribute('placeholder') === 'name@server');

    // Adding a friend shows the recipient server's captcha; a wrong answer is explained.
    await submitFriendRequest(page, bob.address, 'Hi Bob, it is Alice from the climbing club');
    await captchaForm(page).waitFor();
    expect(await captchaForm(page).getByRole('img').getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    await screenshot(page, '03-add-friend-captcha');
    const firstAnswer = await lastCaptchaAnswer(page);
    await captchaForm(page).getByRole('button', { name: 'Another picture' }).click();
    await page.waitForFunction((previous) => (window as unknown as { starbaseFake: { lastCaptchaAnswer: string } }).starbaseFake.lastCaptchaAnswer !== previous, firstAnswer);
    await captchaForm(page).getByLabel('Characters in the picture').waitFor();
    await answerCaptcha(page, async () => 'WRONG');
    // A miss keeps the request: a fresh picture, and the note is still there when it goes out.
    await captchaForm(page).getByText('That was not it, so here is a new picture.').waitFor();
    await answerCaptcha(page, async () => (await lastCaptchaAnswer(page)) ?? '');
    await page.getByRole('status').filter({ hasText: `Friend request sent to ${bob.address}` }).waitFor();
    const contacts = await showContacts(page);
    await contacts.getByText('Request sent, waiting for them to accept').waitFor();

    // Incoming requests appear live with their note; accept one, decline another.
    await carol.sendFriendRequest(addressOf(alice), 'Carol here, from work');
    await dave.sendFriendRequest(addressOf(alice), 'Buy cheap watches');
    await requestCard(page, dave.address).waitFor();
    await requestCard(page, carol.address).getByText('“Carol here, from work”').waitFor();
    await screenshot(page, '04-contacts-requests');
    await declineRequest(page, dave.address);
    await acceptRequest(page, carol.address);

    // bob accepts: the friendship completes without a reload.
    await bob.acceptRequestFrom(addressOf(alice));
    await contactButton(page, bob.address).filter({ hasNotText: 'waiting' }).waitFor();
    await contacts.getByRole('heading', { name: 'Sent requests' }).waitFor({ state: 'detached' });

    // Chat: live incoming messages, send states, a gap marker, a failed send.
    await openChat(page, bob.address);
    await bob.sendMessage(addressOf(alice), 'Hey Alice! Good to see you here.');
    await waitForMessage(page, 'Hey Alice! Good to see you here.', 'in');
    const sent = await sendMessage(page, 'Hi Bob <b>not bold</b> — shall we climb on Saturday?');
    await waitForSendState(sent, 'Sent');
    expect(await sent.locator('b').count()).toBe(0);
    expect(await bob.messagesFrom(addressOf(alice))).toEqual(['Hi Bob <b>not bold</b> — shall we climb on Saturday?']);
    await controlNetwork(page, 'dropNextMessage', bob.address, addressOf(alice));
    await bob.sendMessage(addressOf(alice), 'This one gets lost');
    await bob.sendMessage(addressOf(alice), 'Saturday works, 10am at the crag?');
    await waitForMessage(page, 'Saturday works, 10am at the crag?', 'in');
    expect(await messageLog(page).getByRole('note').innerText()).toBe('A message from them may be missing here.');
    expect(await messageLog(page).getByText('This one gets lost').count()).toBe(0);
    await screenshot(page, '05-chat');
    await controlNetwork(page, 'failDeliveriesTo', bob.address, true);
    const failed = await sendMessage(page, 'This one will not make it');
    await waitForSendState(failed, 'Not sent');
    await page.getByRole('alert').filter({ hasText: `Could not reach ${bob.address}'s server.` }).waitFor();
    await controlNetwork(page, 'failDeliveriesTo', bob.address, false);

    // Unread counts for the conversation not on screen.
    await carol.sendMessage(addressOf(alice), 'Lunch tomorrow?');
    await carol.sendMessage(addressOf(alice), 'My treat.');
    const carolButton = contactButton(page, carol.address);
    await carolButton.getByText('2 unread messages').waitFor();
    await screenshot(page, '06-contacts-unread');
    await openChat(page, carol.address);
    await waitForMessage(page, 'My treat.', 'in');
    await carolButton.locator('.badge').waitFor({ state: 'detached' });

    // Safety numbers: 12 groups of 5 digits, equal to bob's.
    const groups = await readSafetyNumber(page, bob.address);
    expect(groups).toHaveLength(12);
    for (const group of groups) expect(group).toMatch(/^\d{5}$/);
    expect(groups.join(' ')).toBe(await bob.safetyNumber(addressOf(alice)));
    await screenshot(page, '07-safety-number');

    // Settings: open inbox, password change, export, log out and back in.
    await setOpenInbox(page, true);
    await screenshot(page, '08-settings');
    await changePassword(page, 'not my password', 'a brand new long passphrase');
    await page.getByRole('alert').filter({ hasText: 'Your current password is wrong.' }).waitFor();
    await changePassword(page, alice.password, 'a brand new long passphrase');
    await page.getByRole('status').filter({ hasText: 'Password changed.' }).waitFor({ timeout: 30_000 });
    const exported = await exportData(page);
    expect(exported.fileName).toMatch(/^starbase-alice_chat\.example\.org-\d{4}-\d{2}-\d{2}\.json$/);
    expect(JSON.parse(exported.text)).toMatchObject({ address: addressOf(alice), openInbox: true });
    await logOut(page);
    await page.getByRole('status').filter({ hasText: 'You have logged out.' }).waitFor();
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('alice');
    expect(await page.getByLabel('Server', { exact: true }).inputValue()).toBe(alice.server);

    await fillLogIn(page, alice, alice.password);
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Wrong address or password.' }).waitFor();
    await screenshot(page, '09-login-error');
    const renewed = { ...alice, password: 'a brand new long passphrase' };
    await logIn(page, renewed);
    await openChat(page, bob.address);
    await waitForMessage(page, 'Saturday works, 10am at the crag?', 'in');

    // Deleting the account needs the password and an explicit confirmation.
    await deleteAccount(page, 'wrong password');
    await page.getByRole('alert').filter({ hasText: 'Wrong password. Your account was not deleted.' }).waitFor();
    await deleteAccount(page, renewed.password);
    await page.getByRole('status').filter({ hasText: 'Your account was deleted.' }).waitFor();

    expectNoProblems(opened);
  });

  it('works on a phone-sized screen with the keyboard alone, and shows proof-of-work progress', async () => {
    const opened = await newPage({ viewport: { width: 375, height: 720 }, isMobile: true, hasTouch: true });
    const { page } = opened;
    await openApp(page, `${suite.server.url}/?captcha=pow`);
    await page.getByRole('heading', { name: 'Create your account' }).waitFor();

    // Keyboard only: Tab through the form, type, press Enter.
    await page.keyboard.press('Tab');
    await page.keyboard.type('erin');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe(suite.server.host);
    await page.keyboard.press('Tab');
    await page.keyboard.type('four random words here');
    await page.keyboard.press('Tab'); // the Show toggle
    await page.keyboard.press('Tab');
    await page.keyboard.type('four random words here');
    await screenshot(page, '10-phone-register');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Friends' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Welcome' }).isVisible()).toBe(false);
    await waitForFocusOn(page, 'Friends');
    await expectNoHorizontalScroll(page);

    const frank: Peer = await createPeer(page, `frank@${suite.server.host}`);
    await controlNetwork(page, 'hold');
    await submitFriendRequest(page, frank.address, 'Hello Frank');
    await page.getByRole('status').filter({ hasText: /Solving the server's anti-spam puzzle.*40%/ }).waitFor();
    await screenshot(page, '11-phone-pow-progress');
    await controlNetwork(page, 'release');
    await page.getByRole('status').filter({ hasText: `Friend request sent to ${frank.address}` }).waitFor();
    await frank.acceptRequestFrom(`erin@${suite.server.host}`);
    await showContacts(page);
    await page.getByRole('heading', { name: 'Sent requests' }).waitFor({ state: 'detached' });
    await frank.sendMessage(`erin@${suite.server.host}`, 'Welcome to starbase, Erin!');

    await contactButton(page, frank.address).getByText('1 unread message').waitFor();
    await screenshot(page, '12-phone-contacts');
    await contactButton(page, frank.address).focus();
    await page.keyboard.press('Enter');
    await waitForMessage(page, 'Welcome to starbase, Erin!', 'in');
    await waitForFocusOn(page, frank.address);
    await page.getByRole('textbox', { name: `Message to ${frank.address}` }).focus();
    await page.keyboard.type('Thanks! Typing with the keyboard only.');
    await page.keyboard.press('Enter');
    await waitForSendState(await waitForMessage(page, 'Thanks! Typing with the keyboard only.', 'out'), 'Sent');
    await expectNoHorizontalScroll(page);
    await screenshot(page, '13-phone-chat');

    await openSettings(page);
    await expectNoHorizontalScroll(page);
    await page.getByRole('button', { name: '← Contacts' }).click();
    await page.getByRole('heading', { name: 'Friends' }).waitFor();

    expectNoProblems(opened);
  });

  it('remembers the last address and explains a failed log-in', async () => {
    const opened = await newPage();
    const { page } = opened;
    await openApp(page, suite.server.url);
    await page.evaluate(() => localStorage.setItem('starbase.lastAddress', 'gina@chat.example.org'));
    await page.reload();
    await page.getByRole('heading', { name: 'Log in', level: 1 }).waitFor();
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('gina');
    expect(await page.getByLabel('Server', { exact: true }).inputValue()).toBe('chat.example.org');

    await controlNetwork(page, 'failNext', 'logIn', 'network_error');
    await page.getByLabel('Password', { exact: true }).fill('whatever it is');
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Could not reach the server.' }).waitFor();
    expect(await page.getByRole('alert').filter({ hasText: /\S/ }).innerText()).toContain('code: network_error');

    await controlNetwork(page, 'failNext', 'logIn', 'kdf_downgrade');
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'weaker password protection' }).waitFor();

    expectNoProblems(opened);
  });

  it('blocks a conversation whose security key changed and shows account warnings', async () => {
    const opened = await newPage({ colorScheme: 'dark' });
    const { page } = opened;
    await openApp(page, suite.server.url);
    const hana = await createPeer(page, 'hana@chat.example.org', 'hana password 123');
    const ivan = await createPeer(page, 'ivan@home.example.net');
    await ivan.sendFriendRequest(hana.address, 'Hello Hana');
    await hana.acceptRequestFrom(ivan.address);
    await ivan.sync();
    await hana.sync();

    await logIn(page, { name: 'hana', server: 'chat.example.org', password: 'hana password 123' });
    await openChat(page, ivan.address);
    await waitUntilChatOpen(page, ivan.address);

    await controlNetwork(page, 'changeIdentityKey', ivan.address);
    await page.getByText(`${ivan.address}'s security key changed.`).waitFor();
    await page.getByRole('textbox', { name: `Message to ${ivan.address}` }).and(page.locator(':disabled')).waitFor();
    expect(await contactButton(page, ivan.address).innerText()).toContain('Security key changed: messages blocked');

    await controlNetwork(page, 'setWarnings', hana.address, { storage: 'Your account holds 15.2 MB of 16 MB.' });
    await page.getByRole('alert').filter({ hasText: 'Storage almost full' }).waitFor();
    await screenshot(page, '14-identity-changed-dark');

    expectNoProblems(opened);
  });

  it('says a request refused for an address blocked on another device was declined by the block, not that it waits for an acceptance', async () => {
    const opened = await newPage();
    const { page } = opened;
    await openApp(page, suite.server.url);
    const judy = await createPeer(page, 'judy@chat.example.org', 'judy password 123');
    const mallory = await createPeer(page, 'mallory@home.example.net');
    await mallory.sendFriendRequest(judy.address, 'Remember me?');
    await logIn(page, { name: 'judy', server: 'chat.example.org', password: 'judy password 123' });
    const contacts = await showContacts(page);
    const card = contacts.getByRole('listitem', { name: `Friend request from ${mallory.address}` });
    await card.waitFor();

    // What the client reports when judy's laptop blocked mallory while this tab still listed the request.
    await controlNetwork(page, 'failNext', 'acceptFriendRequest', 'not_friends');
    await card.getByRole('button', { name: `Accept request from ${mallory.address}` }).click();
    const alert = page.getByRole('alert').filter({ hasText: /\S/ });
    await alert.filter({ hasText: 'code: not_friends' }).waitFor();
    expect(await alert.innerText()).toContain('You blocked this address, maybe on another device, so its request was declined.');

    expectNoProblems(opened);
  });

  it('notices console errors and CSP violations, so the checks above can fail', async () => {
    const opened = await newPage();
    const { page } = opened;
    // Only the after-each check lets these two through: this test provokes them.
    expectProblems(page, /^console error: a deliberate error$/, /^CSP violation: style-src/, /^console error: Applying inline style violates /);
    await openApp(page, suite.server.url);
    await page.evaluate(() => {
      const style = document.createElement('style');
      style.textContent = 'body { color: red; }';
      document.head.append(style);
      console.error('a deliberate error');
    });
    await until(() => suite.server.cspReports.length > 0 && opened.problems.some((problem) => problem.startsWith('CSP violation')));
    expect(opened.problems).toEqual(expect.arrayContaining(['console error: a deliberate error', expect.stringMatching(/^CSP violation: style-src/)]));
    expect(JSON.stringify(suite.server.cspReports)).toContain('style-src');
    suite.server.cspReports.splice(0);
  });
});

/** Waits for a condition the browser reports asynchronously (no time is asserted). */
async function until(condition: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 500 && !condition(); attempt += 1) await new Promise((resolve) => setTimeout(resolve, 20));
}

async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}
