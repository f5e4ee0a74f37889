/**
 * Every screen a person meets, checked by axe-core (WCAG 2.1 A and AA) at a desktop and a phone
 * size in the light appearance and at the desktop size in the dark one (see axe.ts), with the text
 * axe skips (under opacity, translucent, placeholders) measured as painted, and walked
 * with the keyboard where axe cannot judge: each control reachable with Tab, menus and dialogs
 * opened with Enter and closed with Escape.
 */
import type { Locator, Page } from 'playwright-core';
import type { MessengerSession } from '../../../src/application/client/messenger';
import { befriend, noImageCaptcha } from '../../integration/two-server-fixture';
import { authorityOf, createNodeMessenger } from '../../support/node-messenger';
import { ALICE_ADDRESS, aliceChatsWithBob } from './alice-chats-with-bob';
import { accessibilityLog, type FalsePositive } from './axe';
import { openWatchedPage, type WatchedPage } from './chromium';
import { lowPaintedContrasts } from './painted-contrast';
import { useFakeAppSuite } from './fake-app-suite';
import { controlNetwork, createPeer } from './fake-network-page';
import { tabTo, waitForFocus } from './keyboard-focus';
import {
  captchaForm,
  changePassword,
  contactButton,
  deleteForEveryone,
  editOwnMessage,
  fillLogIn,
  logIn,
  messageLog,
  openApp,
  openChat,
  openSettings,
  replyTo,
  requestCard,
  sendMessage,
  setDisappearingTimer,
  setReadReceipts,
  showLogIn,
  submitFriendRequest,
  submitRegistration,
  waitForMessage,
  waitForFocusOn,
  waitForSendState,
  waitUntilChatOpen,
  type Account,
} from './pages';
import { useRealAppOnOneServer } from './real-app-on-one-server';
import { gradientPng } from './test-pictures';

jest.setTimeout(240_000);

const suite = useFakeAppSuite('web-fake-accessibility');

/** Declared for the type checker; inside the page it is defined by createPeer. */
declare function peerSession(address: string): MessengerSession;

/** Findings judged wrong, each one rule on one element with the reason; none so far. Never a rule turned off for all. */
const FALSE_POSITIVES: readonly FalsePositive[] = [];

async function newPage(): Promise<WatchedPage> {
  const opened = await openWatchedPage(suite.browser, { viewport: { width: 1200, height: 800 } });
  suite.watched.push(opened);
  return opened;
}

/** Enter on the focused ⋯ button; the menu takes focus (on its first item) a frame later. */
async function openMenuWithKeyboard(page: Page, menu: Locator): Promise<void> {
  await page.keyboard.press('Enter');
  await menu.getByRole('menuitem').first().waitFor();
  await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'menuitem');
}

function expectNoProblems(opened: WatchedPage): void {
  expect(opened.problems).toEqual([]);
  expect(suite.server.cspReports).toEqual([]);
}

const ALICE = { name: 'alice', server: 'chat.example.org', password: 'alice password 123' };

describe('accessibility of the web app (fake network)', () => {
  it('the sign-in screens: registration, its mistakes and progress, log-in and its error, an invite-only server', async () => {
    const opened = await newPage();
    const { page } = opened;
    const a11y = accessibilityLog(page, FALSE_POSITIVES);
    await openApp(page, suite.server.url);
    await page.getByRole('heading', { name: 'Create your account' }).waitFor();
    await a11y.check('register');

    await submitRegistration(page);
    await page.getByText('Enter a name.').waitFor();
    await page.getByLabel('Password', { exact: true }).fill('short');
    await page.getByText('Strength: Very weak.').waitFor();
    await a11y.check('register with mistakes');

    // Keyboard alone: Tab through the form, type, and Enter creates the account.
    await page.getByLabel('Name', { exact: true }).fill('');
    await page.getByLabel('Password', { exact: true }).fill('');
    await tabTo(page, page.getByLabel('Name', { exact: true }));
    await page.keyboard.type('zoe');
    await tabTo(page, page.getByLabel('Password', { exact: true }));
    await page.keyboard.type('four random words here');
    await tabTo(page, page.getByLabel('Repeat password', { exact: true }));
    await page.keyboard.type('four random words here');
    await controlNetwork(page, 'hold');
    await page.keyboard.press('Enter');
    await page.getByRole('progressbar').waitFor();
    // The form is disabled while it runs: its dimmed fields and button are inactive controls, which
    // WCAG 1.4.3 exempts, so they are not measured; the progress line says what is going on.
    await a11y.check('register in progress');
    await controlNetwork(page, 'release');
    await page.getByRole('navigation', { name: 'Main' }).waitFor();

    await page.goto(suite.server.url);
    await showLogIn(page);
    await a11y.check('log in');
    await fillLogIn(page, ALICE);
    await controlNetwork(page, 'failNext', 'logIn', 'network_error');
    await page.getByLabel('Password', { exact: true }).press('Enter');
    await page.getByRole('alert').filter({ hasText: 'Could not reach the server.' }).waitFor();
    await a11y.check('log in with an error alert');

    // The server asks for other password parameters than last time: the app asks before using the password.
    await controlNetwork(page, 'changePasswordParameters', ALICE_ADDRESS);
    await page.getByLabel('Password', { exact: true }).press('Enter');
    const kdfPrompt = page.getByRole('alertdialog', { name: 'Your password settings changed on the server' });
    await kdfPrompt.waitFor();
    // The form under it is disabled: the prompt takes focus, on the answer that uses nothing.
    const keepPassword = kdfPrompt.getByRole('button', { name: 'Cancel' });
    await waitForFocus(keepPassword);
    await a11y.check('log in asking about changed password settings');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'Nothing was sent' }).waitFor();

    await openApp(page, `${suite.server.url}/?registration=invite`);
    await page.getByRole('button', { name: 'Create an account' }).click();
    await page.getByLabel('Invite code', { exact: true }).waitFor();
    await a11y.check('register on an invite-only server');

    expect(a11y.found).toEqual([]);
    expectNoProblems(opened);
  });

  it('the signed-in screens: home, a chat with every kind of message, its menus, add friend, safety number, settings', async () => {
    const opened = await newPage();
    const { page } = opened;
    const a11y = accessibilityLog(page, FALSE_POSITIVES);
    await openApp(page, suite.server.url);
    const alice = await createPeer(page, ALICE_ADDRESS, ALICE.password);
    const bob = await createPeer(page, 'bob@home.example.net');
    const carol = await createPeer(page, 'carol@chat.example.org');
    const dave = await createPeer(page, 'dave@home.example.net');
    await bob.sendFriendRequest(alice.address, 'Hi Alice');
    await alice.acceptRequestFrom(bob.address);
    await carol.sendFriendRequest(alice.address, 'Carol here, from work');
    await alice.sendFriendRequest(dave.address, 'Hello Dave');
    await bob.sendMessage(alice.address, 'Shall we climb on Saturday?');
    await alice.sync();
    await logIn(page, ALICE);
    await requestCard(page, carol.address).waitFor();
    await contactButton(page, bob.address).getByText('1 unread message').waitFor();
    await a11y.check('home with contacts and a friend request');

    await controlNetwork(page, 'setWarnings', alice.address, { storage: 'Your account holds 15.2 MB of 16 MB.' });
    await page.getByRole('alert').filter({ hasText: 'Storage almost full' }).waitFor();
    await a11y.check('home with an account warning');

    // The chat opens from the contact list with the keyboard, and focus lands on its heading.
    await tabTo(page, contactButton(page, bob.address));
    await page.keyboard.press('Enter');
    await waitUntilChatOpen(page, bob.address);
    const bobsMessage = await waitForMessage(page, 'Shall we climb on Saturday?', 'in');

    // The message menu: reachable with Tab, opened with Enter, arrows move, Escape closes and gives focus back.
    const menuButton = bobsMessage.getByRole('button', { name: /^Actions for / });
    await tabTo(page, menuButton, 'Shift+Tab');
    const menu = bobsMessage.getByRole('menu');
    await openMenuWithKeyboard(page, menu);
    await waitForFocus(menu.getByRole('menuitem', { name: 'Reply' }));
    await page.keyboard.press('ArrowDown');
    await waitForFocus(menu.getByRole('menuitem', { name: 'React' }));
    await a11y.check('chat with the message menu open');
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
    await waitForFocus(menuButton);
    expect(await menuButton.getAttribute('aria-expanded')).toBe('false');

    // React through the menu with the keyboard: the picker opens focused, Escape closes it.
    await openMenuWithKeyboard(page, menu);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const picker = bobsMessage.getByRole('dialog', { name: 'React to this message' });
    await picker.waitFor();
    await waitForFocus(picker.getByRole('button').first());
    await a11y.check('chat with the reaction picker open');
    await page.keyboard.press('Escape');
    await picker.waitFor({ state: 'detached' });
    await waitForFocus(menuButton);

    // Reply with the keyboard: menu, Enter on Reply, type, Enter sends.
    await openMenuWithKeyboard(page, menu);
    await page.keyboard.press('Enter');
    await page.locator('.composer__strip').filter({ hasText: 'Replying to' }).waitFor();
    await waitForFocus(page.getByRole('textbox', { name: `Message to ${bob.address}` }));
    await page.keyboard.type('Yes, 10am at the crag');
    await page.keyboard.press('Enter');
    const reply = await waitForMessage(page, 'Yes, 10am at the crag', 'out');
    await waitForSendState(reply, 'Sent');

    const edited = await sendMessage(page, 'I will bring the rope');
    await waitForSendState(edited, 'Sent');
    await editOwnMessage(page, edited, 'I will bring the rope and the quickdraws');
    await bob.run('react', alice.address, await bob.messageId(alice.address, 'Yes, 10am at the crag'), '👍');
    await reply.locator('.reaction').waitFor();
    await page.getByLabel('Files to send').setInputFiles([{ name: 'crag.png', mimeType: 'image/png', buffer: gradientPng() }]);
    await messageLog(page).locator('img.message-file__thumbnail').waitFor();
    await controlNetwork(page, 'failDeliveriesTo', bob.address, true);
    const failed = await sendMessage(page, 'This one will not make it');
    await waitForSendState(failed, 'Not sent');
    await page.getByRole('alert').filter({ hasText: `Could not reach ${bob.address}'s server.` }).waitFor();
    await a11y.check('chat with a reply, an edit, a reaction, a picture and a failed message');

    // Retry is reachable with the keyboard and sends the message once the server answers.
    await controlNetwork(page, 'failDeliveriesTo', bob.address, false);
    await tabTo(page, failed.getByRole('button', { name: 'Retry now' }), 'Shift+Tab');
    await page.keyboard.press('Enter');
    await waitForSendState(failed, 'Sent');

    // Deleting for everyone asks in a modal dialog; Escape cancels and focus goes back to the menu.
    const editedMenu = edited.getByRole('button', { name: /^Actions for / });
    await tabTo(page, reply.getByRole('button', { name: /^Reply to / }), 'Shift+Tab');
    await tabTo(page, editedMenu);
    await openMenuWithKeyboard(page, edited.getByRole('menu'));
    await page.keyboard.press('ArrowUp');
    await waitForFocus(edited.getByRole('menuitem', { name: 'Delete for everyone' }));
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('alertdialog', { name: 'Delete this message for everyone?' });
    await dialog.waitFor();
    await waitForFocus(dialog.getByRole('button', { name: 'Cancel' }));
    await a11y.check('chat with the delete dialog');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await waitForFocus(editedMenu);

    await tabTo(page, page.getByRole('button', { name: 'Safety number', exact: true }), 'Shift+Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('list', { name: 'Safety number, 12 groups of 5 digits' }).waitFor();
    await a11y.check('safety number');

    // Add a friend with the keyboard alone, up to the captcha.
    const addFriend = page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Add friend' });
    await tabTo(page, addFriend);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Add a friend' }).waitFor();
    await a11y.check('add friend');
    await tabTo(page, page.getByLabel('Their address'));
    await page.keyboard.type('erin@home.example.net');
    await createPeer(page, 'erin@home.example.net');
    await page.keyboard.press('Enter');
    await captchaForm(page).waitFor();
    await a11y.check('add friend with a captcha');
    await tabTo(page, captchaForm(page).getByRole('button', { name: 'Cancel' }));
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Cancelled. No request was sent.' }).waitFor();

    await tabTo(page, page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Settings', level: 2 }).waitFor();
    await a11y.check('settings');
    await changePassword(page, 'not my password', 'a brand new long passphrase');
    await page.getByRole('alert').filter({ hasText: 'Your current password is wrong.' }).waitFor();
    await a11y.check('settings with an error alert');

    // The theme is a radio group: Tab reaches the chosen one, arrows choose another.
    await tabTo(page, page.getByRole('radio', { name: 'Same as my device' }), 'Shift+Tab');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await page.getByRole('radio', { name: 'Dark' }).isChecked()).toBe(true);
    // The theme is applied after the render that follows the choice.
    await page.waitForFunction(() => document.documentElement.dataset['theme'] === 'dark');
    await a11y.check('settings with the dark theme chosen in the app');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    expect(await page.getByRole('radio', { name: 'Same as my device' }).isChecked()).toBe(true);
    await page.waitForFunction(() => document.documentElement.dataset['theme'] === undefined);

    await openChat(page, bob.address);
    await controlNetwork(page, 'changeIdentityKey', bob.address);
    await page.getByText(`${bob.address}'s security key changed.`).waitFor();
    await a11y.check('chat whose security key changed');

    expect(a11y.found).toEqual([]);
    expectNoProblems(opened);
  });

  it('the rarer things in a chat (a missing message, disappearing messages, a read receipt, a file, deleted and unsupported messages), the text of every bubble as painted, search results, account deletion ready', async () => {
    const { opened, page, bob } = await aliceChatsWithBob(suite.browser, `${suite.server.url}/?captcha=pow`, suite.watched);
    const a11y = accessibilityLog(page, FALSE_POSITIVES);
    await setReadReceipts(page, true);
    await bob.run('setReadReceipts', true);
    await openChat(page, bob.address);
    await setDisappearingTimer(page, '1 day');
    await messageLog(page).getByText('You set messages to disappear after 1 day').waitFor();
    await waitForSendState(await sendMessage(page, 'The door code is 4711'), 'Sent');
    await bob.run('markRead', ALICE_ADDRESS);
    await page.locator('.message__read').waitFor();
    await controlNetwork(page, 'dropNextMessage', bob.address, ALICE_ADDRESS);
    await bob.sendMessage(ALICE_ADDRESS, 'This one gets lost');
    await controlNetwork(page, 'sendUnsupported', bob.address, ALICE_ADDRESS);
    await bob.sendMessage(ALICE_ADDRESS, 'Here is the plan');
    await bob.run('deleteMessage', ALICE_ADDRESS, await bob.messageId(ALICE_ADDRESS, 'Here is the plan'));
    await page.evaluate(
      async ([bob, alice]) => {
        await peerSession(bob).sendFiles(alice, [{ name: 'plan.pdf', type: 'application/pdf', bytes: new TextEncoder().encode('%PDF-1.4 not really') }]);
      },
      [bob.address, ALICE_ADDRESS] as const,
    );
    await messageLog(page).getByRole('button', { name: 'Download plan.pdf' }).waitFor();
    await messageLog(page).getByRole('note').waitFor();
    await messageLog(page).getByText('Unsupported message: it needs a newer version of starbase.').waitFor();
    await messageLog(page).getByText('This message was deleted.').waitFor();
    await a11y.check('chat with a gap, disappearing messages, a read receipt, a file, deleted and unsupported messages');

    // Every kind of bubble at once, in and out, for one measure of its text as painted: axe skips text under opacity.
    await bob.run('reply', ALICE_ADDRESS, await bob.messageId(ALICE_ADDRESS, 'The door code is 4711'), 'Noted, thanks');
    const quoting = await replyTo(page, await waitForMessage(page, 'Noted, thanks', 'in'), 'See you there');
    await waitForSendState(quoting, 'Sent');
    const regretted = await sendMessage(page, 'Wrong chat, sorry');
    await waitForSendState(regretted, 'Sent');
    await deleteForEveryone(page, regretted);
    await messageLog(page).getByText('You deleted this message.').waitFor();
    await page.getByLabel('Files to send').setInputFiles([{ name: 'route.txt', mimeType: 'text/plain', buffer: Buffer.from('left at the oak') }]);
    await waitForSendState(await waitForMessage(page, 'route.txt', 'out'), 'Sent');
    await controlNetwork(page, 'failDeliveriesTo', bob.address, true);
    await waitForSendState(await sendMessage(page, 'This one will not make it'), 'Not sent');
    await controlNetwork(page, 'failDeliveriesTo', bob.address, false);
    await controlNetwork(page, 'holdDeliveries', true);
    const pending = await sendMessage(page, 'On my way, ten minutes');
    await waitForSendState(pending, 'Sending…');
    await a11y.check('chat with a message being sent');
    a11y.found.push(...(await lowPaintedContrasts(page, messageLog(page), 'a chat with every kind of message')));
    await controlNetwork(page, 'holdDeliveries', false);
    await waitForSendState(pending, 'Sent');

    // On a phone the chat is a view of its own: its back button is reached by keyboard and focus lands on the list.
    await page.setViewportSize({ width: 360, height: 740 });
    await tabTo(page, page.getByRole('button', { name: '← Contacts' }), 'Shift+Tab');
    await page.keyboard.press('Enter');
    await waitForFocusOn(page, 'Friends');
    await page.setViewportSize({ width: 1200, height: 800 });

    const search = page.getByRole('searchbox', { name: 'Search all messages' });
    await tabTo(page, search, 'Shift+Tab');
    await page.keyboard.type('door');
    await page.keyboard.press('Enter');
    const result = page.getByRole('list', { name: 'Search results' }).getByRole('listitem').first();
    await result.waitFor();
    await a11y.check('search results');

    const erin = await createPeer(page, 'erin@home.example.net');
    await controlNetwork(page, 'hold');
    await submitFriendRequest(page, erin.address, 'Hello Erin');
    await page.getByRole('status').filter({ hasText: /Solving the server's anti-spam puzzle.*40%/ }).waitFor();
    await a11y.check('add friend while solving the anti-spam puzzle');
    await controlNetwork(page, 'release');
    await page.getByRole('status').filter({ hasText: `Friend request sent to ${erin.address}` }).waitFor();

    await opened.context.grantPermissions(['notifications'], { origin: suite.server.url });
    await openSettings(page);
    await tabTo(page, page.getByRole('switch', { name: 'Desktop notifications' }));
    await page.keyboard.press('Space');
    await page.getByRole('status').filter({ hasText: 'Notifications are on' }).waitFor();
    await a11y.check('settings with notifications on');
    await page.getByLabel('Password to confirm', { exact: true }).fill('alice password 123');
    await page.getByLabel('I understand that my account and messages will be gone for good.').check();
    await page.getByRole('button', { name: 'Delete my account' }).and(page.locator(':enabled')).waitFor();
    await a11y.check('settings with account deletion ready');

    expect(a11y.found).toEqual([]);
    expectNoProblems(opened);
  });
});

describe('accessibility of the production bundle on a real home server', () => {
  const real = useRealAppOnOneServer('web-real-accessibility');

  it('the app as shipped: the first visit, then home with a friend and a request, and a chat', async () => {
    const server = authorityOf(real.server.url ?? '');
    const alice: Account = { name: 'alice', server, password: 'alice has a long passphrase' };
    const aliceInNode = await createNodeMessenger().messenger.register(`alice@${server}`, alice.password);
    const bob = await createNodeMessenger().messenger.register(`bob@${server}`, 'bob has a long passphrase too');
    const carol = await createNodeMessenger().messenger.register(`carol@${server}`, 'carol has a long passphrase');
    await befriend(bob, aliceInNode, noImageCaptcha);
    await bob.sendMessage(aliceInNode.address, 'Hello from a real server');
    await carol.sendFriendRequest(aliceInNode.address, 'Carol here', noImageCaptcha);
    await aliceInNode.logOut();

    const opened = await real.openPage();
    const { page } = opened;
    const a11y = accessibilityLog(page, FALSE_POSITIVES);
    await openApp(page, real.server.url ?? '');
    await page.getByRole('heading', { name: 'Create your account' }).waitFor();
    await a11y.check('register (production bundle)');
    await logIn(page, alice);
    await requestCard(page, carol.address).waitFor();
    await a11y.check('home (production bundle)');
    await openChat(page, bob.address);
    await waitForMessage(page, 'Hello from a real server', 'in');
    await a11y.check('chat (production bundle)');

    expect(a11y.found).toEqual([]);
    expect(opened.problems).toEqual([]);
  });
});
