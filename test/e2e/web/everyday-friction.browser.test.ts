/**
 * Small things a person walking through the app ran into, over the in-page fake network: each test
 * is one of them, and fails without its fix.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { ALICE_ADDRESS, aliceChatsWithBob as openAliceChat } from './alice-chats-with-bob';
import { openWatchedPage } from './chromium';
import { useFakeAppSuite } from './fake-app-suite';
import { controlNetwork, createPeer } from './fake-network-page';
import { isFocused, waitForFocus } from './keyboard-focus';
import {
  fillLogIn,
  fillRegistration,
  messageLog,
  openApp,
  openChat,
  sendMessage,
  setDisappearingTimer,
  showContacts,
  submitFriendRequest,
  submitRegistration,
  waitForMessage,
  waitForSendState,
  waitUntilScrolledTo,
} from './pages';

jest.setTimeout(120_000);

const suite = useFakeAppSuite('web-fake-everyday-friction');

const aliceChatsWithBob = () => openAliceChat(suite.browser, suite.server.url, suite.watched);

/** Whether the whole of `item` is inside the visible part of the chat log. */
const whollyInLog = (page: Page, item: Locator): Promise<boolean> =>
  item.evaluate((element) => {
    const log = element.closest('[role="log"]');
    if (log === null) return false;
    const [inner, outer] = [element.getBoundingClientRect(), log.getBoundingClientRect()];
    return inner.top >= outer.top - 1 && inner.bottom <= outer.bottom + 1;
  });

describe('everyday friction in the web app (fake network)', () => {
  it('keeps a message that did not go out in sight when the error under the log pushes it up', async () => {
    const { opened, page, bob } = await aliceChatsWithBob();
    for (let n = 1; n <= 12; n += 1) await bob.sendMessage(ALICE_ADDRESS, `News number ${n}`);
    await waitForMessage(page, 'News number 12');

    await controlNetwork(page, 'failDeliveriesTo', bob.address, true);
    const lost = await sendMessage(page, 'Are you still there?');
    await waitForSendState(lost, 'Not sent');
    await page.getByRole('alert').filter({ hasText: `Could not reach ${bob.address}'s server.` }).waitFor();
    // Two frames: the layout after the alert, then any scroll that answers it.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));

    expect(await whollyInLog(page, lost)).toBe(true);
    expect(await whollyInLog(page, lost.getByRole('button', { name: 'Retry now' }))).toBe(true);
    expect(await messageLog(page).evaluate((log) => log.scrollHeight - log.scrollTop - log.clientHeight)).toBeLessThanOrEqual(1);
    expect(opened.problems).toEqual([]);
  });

  it('keeps the newest message in sight when the log shrinks just after it was scrolled to its end, before the scroll was reported', async () => {
    const { opened, page, bob } = await aliceChatsWithBob();
    for (let n = 1; n <= 12; n += 1) await bob.sendMessage(ALICE_ADDRESS, `Update number ${n}`);
    const newest = await waitForMessage(page, 'Update number 12');
    const nextFrame = () => page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    // Still at the end (within a few pixels), as after a message arrived.
    await messageLog(page).evaluate((log) => (log.scrollTop = log.scrollHeight - log.clientHeight - 4));
    await nextFrame();
    // One task: the log is scrolled to its end, then something under it takes room (as an error notice
    // does), before the browser reports that scroll.
    await messageLog(page).evaluate((log) => {
      log.scrollTop = log.scrollHeight;
      const notice = document.createElement('div');
      notice.style.height = '120px';
      notice.style.flex = 'none';
      log.after(notice);
    });
    await nextFrame();
    await nextFrame();

    expect(await whollyInLog(page, newest)).toBe(true);
    expect(opened.problems).toEqual([]);
  });

  it('sends a message that did not go out when Retry now is clicked, and keeps it failed while the server stays down', async () => {
    const { opened, page, bob } = await aliceChatsWithBob();
    await controlNetwork(page, 'failDeliveriesTo', bob.address, true);
    const lost = await sendMessage(page, 'Did this reach you?');
    await waitForSendState(lost, 'Not sent');

    await lost.getByRole('button', { name: 'Retry now' }).click();
    await waitForSendState(lost, 'Not sent');
    expect(await bob.messagesFrom(ALICE_ADDRESS)).not.toContain('Did this reach you?');

    // The fake has no resend loop: only the click can send it now.
    await controlNetwork(page, 'failDeliveriesTo', bob.address, false);
    await lost.getByRole('button', { name: 'Retry now' }).click();
    await waitForSendState(lost, 'Sent');
    expect(await bob.messagesFrom(ALICE_ADDRESS)).toContain('Did this reach you?');
    expect(opened.problems).toEqual([]);
  });

  it('gives the advice on a too weak password once, in the error, not twice', async () => {
    const opened = await openWatchedPage(suite.browser);
    suite.watched.push(opened);
    const { page } = opened;
    await openApp(page, suite.server.url);
    await fillRegistration(page, { name: 'alice', server: 'chat.example.org', password: 'password123' });
    const advice = page.getByText('A few unrelated words make a strong password', { exact: false });
    await advice.first().waitFor();
    expect(await advice.count()).toBe(1);

    await submitRegistration(page);
    const error = page.locator('.field__error').filter({ hasText: 'Too weak (very weak).' });
    await error.waitFor();
    expect(await error.innerText()).toContain('This is a commonly used password.');
    expect(await page.getByText('This is a commonly used password.', { exact: false }).count()).toBe(1);
    expect(await advice.count()).toBe(1);
    await expect(page.getByText('Strength: Very weak.').isVisible()).resolves.toBe(true);

    // Typing again clears the error, and the advice is back under the bar.
    await page.getByLabel('Password', { exact: true }).fill('password1234');
    await error.waitFor({ state: 'detached' });
    expect(await advice.count()).toBe(1);
    expect(opened.problems).toEqual([]);
  });

  it('asks before a reload throws away a message typed and not yet kept on the device, and not once it is sent', async () => {
    const { opened, page, bob } = await aliceChatsWithBob();
    const composer = page.getByRole('textbox', { name: `Message to ${bob.address}` });
    // However slow the machine, the draft is not kept when the reload comes: in the typing pause or its write held.
    await controlNetwork(page, 'holdDraftWrites', true);
    await composer.click();
    await composer.pressSequentially('Half a thought I have not sent yet');
    const asked: string[] = [];
    page.on('dialog', (dialog) => {
      asked.push(dialog.type());
      void dialog.dismiss();
    });

    // Staying: the page is not reloaded, the text is still there.
    await page.reload({ timeout: 2_000 }).catch(() => undefined);
    expect(asked).toEqual(['beforeunload']);
    await expect(composer.inputValue()).resolves.toBe('Half a thought I have not sent yet');

    // Sent, nothing is lost: the reload goes ahead without asking.
    await controlNetwork(page, 'holdDraftWrites', false);
    await composer.press('Enter');
    await waitForSendState(messageLog(page).getByRole('listitem').filter({ hasText: 'Half a thought' }), 'Sent');
    await page.reload();
    await page.getByRole('heading', { name: 'Log in', level: 1 }).waitFor();
    expect(asked).toEqual(['beforeunload']);
    expect(opened.problems).toEqual([]);
  });

  it('keeps the chat tools on one row on a 360 px phone, leaving that row to the messages', async () => {
    const { opened, page } = await aliceChatsWithBob();
    await page.setViewportSize({ width: 360, height: 740 });
    const safetyNumber = page.getByRole('button', { name: 'Safety number', exact: true });
    const remove = page.getByRole('button', { name: 'Remove friend', exact: true });
    await remove.waitFor();
    const [first, second] = [await safetyNumber.boundingBox(), await remove.boundingBox()];
    expect(second?.y).toBe(first?.y);
    expect((second?.x ?? 0) + (second?.width ?? 0)).toBeLessThanOrEqual(360);
    expect(opened.problems).toEqual([]);
  });

  it('says how to get a new puzzle once a friend request ran out of pictures, with the address and note kept', async () => {
    const { opened, page } = await aliceChatsWithBob();
    await controlNetwork(page, 'failNext', 'sendFriendRequest', 'captcha_invalid');
    await submitFriendRequest(page, 'carol@elsewhere.example', 'Carol, it is Alice');
    await page.getByRole('alert').filter({ hasText: 'That answer was not right.' }).waitFor();
    expect(await page.getByRole('alert').filter({ hasText: 'That answer was not right.' }).innerText()).toContain(
      'Send the request again for a new puzzle; the address and note are kept.',
    );
    await expect(page.getByLabel('Their address').inputValue()).resolves.toBe('carol@elsewhere.example');
    await expect(page.getByLabel('Note (optional)').inputValue()).resolves.toBe('Carol, it is Alice');
    expect(opened.problems).toEqual([]);
  });

  it('never lets the page itself scroll on a 360 px phone, so the top bar stays in sight', async () => {
    const { opened, page, bob } = await aliceChatsWithBob();
    await page.setViewportSize({ width: 360, height: 740 });
    await setDisappearingTimer(page, '1 day');
    await page.getByText('You set messages to disappear after 1 day').waitFor();
    for (let n = 1; n <= 6; n += 1) await bob.sendMessage(ALICE_ADDRESS, `Line ${n}`);
    await waitForMessage(page, 'Line 6');
    await page.getByRole('textbox', { name: `Message to ${bob.address}` }).focus();

    const pageHeight = () => page.evaluate(() => document.scrollingElement?.scrollHeight ?? 0);
    expect(await pageHeight()).toBeLessThanOrEqual(740);
    // Opening a message from the search scrolls it into view: the panes scroll, never the page.
    await showContacts(page);
    await page.getByRole('searchbox', { name: 'Search all messages' }).fill('Line 1');
    await page.getByRole('searchbox', { name: 'Search all messages' }).press('Enter');
    await page.getByRole('list', { name: 'Search results' }).getByRole('button').first().click();
    await page.locator('.message--highlighted').waitFor();
    await waitUntilScrolledTo(page, '.message--highlighted');
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await expect(page.getByRole('navigation', { name: 'Main' }).isVisible()).resolves.toBe(true);
    expect(await pageHeight()).toBeLessThanOrEqual(740);
    expect(opened.problems).toEqual([]);
  });

  it('makes every control in a chat at least 24 px tall, the disappearing-messages timer included', async () => {
    const { opened, page } = await aliceChatsWithBob();
    await page.setViewportSize({ width: 360, height: 740 });
    await page.getByLabel('Disappearing messages').waitFor();
    // A checkbox inside its label is hit through the label's text, so its own box may be smaller.
    const tooSmall = await page.locator('#main').evaluate((main) =>
      Array.from(main.querySelectorAll<HTMLElement>('button, select, textarea, input:not([type="checkbox"])'))
        .filter((control) => control.offsetParent !== null && control.getBoundingClientRect().height < 24)
        .map((control) => `${control.tagName} ${control.getAttribute('aria-label') ?? control.textContent ?? ''}`),
    );
    expect(tooSmall).toEqual([]);
    await setDisappearingTimer(page, '1 hour');
    await page.getByText('You set messages to disappear after 1 hour').waitFor();
    expect(opened.problems).toEqual([]);
  });

  it('promises no file sending in a conversation that can no longer carry messages', async () => {
    const { opened, page, bob } = await aliceChatsWithBob();
    const keepDetails = page.getByRole('checkbox', { name: 'Keep camera and location in pictures' });
    await expect(keepDetails.isEnabled()).resolves.toBe(true);
    await page.getByText('You can also drop files here or paste a picture.').waitFor();

    await page.getByRole('button', { name: 'Remove friend' }).click();
    await page.getByRole('button', { name: `Remove ${bob.address}` }).click();
    await openChat(page, bob.address);
    await page.getByText(`You and ${bob.address} are no longer friends.`).waitFor();
    // The friendship ended for good: no attach bar at all, rather than a disabled one.
    expect(await page.getByRole('button', { name: 'Attach files' }).count()).toBe(0);
    expect(await keepDetails.count()).toBe(0);
    expect(await page.getByText('You can also drop files here or paste a picture.').count()).toBe(0);
    expect(opened.problems).toEqual([]);
  });

  it('keeps a file still being sent in sight, with its Cancel, when the friendship ends meanwhile', async () => {
    const { opened, page, bob } = await aliceChatsWithBob();
    // Forty chunks: long enough to be under way when the removal arrives. Given as a path, the
    // browser reads the file itself (so it stays on disk until the test ends): 40 MiB handed over
    // as a buffer crossed the DevTools protocol base64-encoded and outlasted the 30 s timeout on a
    // loaded machine.
    const dir = mkdtempSync(join(tmpdir(), 'starbase-album-'));
    try {
      const album = join(dir, 'album.zip');
      writeFileSync(album, Buffer.alloc(40 * 1024 * 1024, 7));
      await page.getByLabel('Files to send').setInputFiles(album);
      const progress = page.getByRole('progressbar', { name: 'Sending album.zip' });
      await progress.waitFor();
      await bob.run('removeFriend', ALICE_ADDRESS);
      await page.getByRole('button', { name: 'Delete chat' }).waitFor();

      expect(await page.getByRole('button', { name: 'Attach files' }).count()).toBe(0);
      expect(await progress.isVisible()).toBe(true);
      await page.getByRole('button', { name: 'Cancel' }).click();
      await progress.waitFor({ state: 'detached' });
      expect(opened.problems).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says a name is taken at the name field, and puts the cursor there', async () => {
    const opened = await openWatchedPage(suite.browser, { viewport: { width: 360, height: 740 } });
    suite.watched.push(opened);
    const { page } = opened;
    await openApp(page, suite.server.url);
    await createPeer(page, ALICE_ADDRESS);
    await fillRegistration(page, { name: 'alice', server: 'chat.example.org', password: 'a long and unusual passphrase' });
    await submitRegistration(page);

    const name = page.getByLabel('Name', { exact: true });
    await page.locator('.field__error').filter({ hasText: 'This name is already taken on that server.' }).waitFor();
    await expect(name.getAttribute('aria-invalid')).resolves.toBe('true');
    await page.waitForFunction(() => document.activeElement === document.querySelector('input[aria-invalid="true"]'));
    await expect(name.evaluate((input) => input === document.activeElement)).resolves.toBe(true);
    expect(await page.getByText('This name is already taken on that server.').count()).toBe(1);

    await name.fill('alice2');
    await page.locator('.field__error').filter({ hasText: 'already taken' }).waitFor({ state: 'detached' });
    expect(opened.problems).toEqual([]);
  });
  it('says why removing or blocking failed, and gives keyboard focus back to the button that was pressed', async () => {
    const { opened, page, bob } = await aliceChatsWithBob();
    const removeFriend = page.getByRole('button', { name: 'Remove friend' });
    await removeFriend.click();
    const removal = page.getByRole('group', { name: 'Confirm removal' });
    // The button that opened it is gone while it shows: focus starts on the safe answer.
    await waitForFocus(removal.getByRole('button', { name: 'Keep' }));

    // Each button is disabled while its call runs, which drops focus to the page's body.
    const failures = [
      { label: `Remove ${bob.address}`, operation: 'removeFriend', code: 'network_error', said: 'Could not reach' },
      { label: 'Remove and block', operation: 'blockContact', code: 'rate_limited', said: 'Too many attempts' },
    ];
    for (const { label, operation, code, said } of failures) {
      const button = removal.getByRole('button', { name: label, exact: true });
      await controlNetwork(page, 'failNext', operation, code);
      await button.click();
      // One alert serves both buttons: it says why the latest failed.
      await removal.getByRole('alert').filter({ hasText: said }).waitFor();
      await expect(removal.getByRole('alert').innerText()).resolves.not.toContain(failures.find((other) => other.code !== code)?.said);
      await expect(button.isEnabled()).resolves.toBe(true);
      await expect(isFocused(button)).resolves.toBe(true);
    }
    await removal.getByRole('button', { name: 'Keep' }).click();
    await waitForFocus(removeFriend);

    // Once the chat ended, the header offers Block, which asks in its own confirm.
    await bob.run('removeFriend', ALICE_ADDRESS);
    await page.getByRole('button', { name: 'Block', exact: true }).click();
    const blocking = page.getByRole('group', { name: 'Confirm blocking' });
    const block = blocking.getByRole('button', { name: `Block ${bob.address}` });
    await controlNetwork(page, 'failNext', 'blockContact', 'network_error');
    await block.click();
    await blocking.getByRole('alert').filter({ hasText: 'Could not reach' }).waitFor();
    await expect(block.isEnabled()).resolves.toBe(true);
    await expect(isFocused(block)).resolves.toBe(true);
    expect(opened.problems).toEqual([]);
  });

  it('puts keyboard focus where the user acts next after a failed log-in: the password when refused, else the error', async () => {
    const opened = await openWatchedPage(suite.browser);
    suite.watched.push(opened);
    const { page } = opened;
    await openApp(page, suite.server.url);
    const alice = { name: 'alice', server: 'chat.example.org', password: 'alice password 123' };
    await createPeer(page, ALICE_ADDRESS, alice.password);
    const password = page.getByLabel('Password', { exact: true });
    const logIn = page.getByRole('button', { name: 'Log in', exact: true });

    // The form is disabled while logging in, which drops focus to the page's body.
    await fillLogIn(page, alice, 'not her password');
    await logIn.click();
    await page.getByRole('alert').filter({ hasText: 'Wrong address or password.' }).waitFor();
    await waitForFocus(password);
    // Selected, so typing the password again replaces the wrong one.
    await page.keyboard.type(alice.password);
    await expect(password.inputValue()).resolves.toBe(alice.password);

    await controlNetwork(page, 'failNext', 'logIn', 'network_error');
    await logIn.click();
    await waitForFocus(page.getByRole('alert').filter({ hasText: 'Could not reach the server.' }));
    // Trying again is one Tab away.
    await page.keyboard.press('Tab');
    await expect(isFocused(logIn)).resolves.toBe(true);

    await controlNetwork(page, 'changePasswordParameters', ALICE_ADDRESS);
    await logIn.click();
    await page.getByRole('alertdialog', { name: 'Your password settings changed on the server' }).getByRole('button', { name: 'Cancel' }).click();
    await waitForFocus(page.getByRole('alert').filter({ hasText: 'Nothing was sent' }));
    expect(opened.problems).toEqual([]);
  });

  it('closes the removal confirm when the friend removes us meanwhile, with keyboard focus on the ended chat’s Block', async () => {
    const { opened, page, bob } = await aliceChatsWithBob();
    await page.getByRole('button', { name: 'Remove friend' }).click();
    const removal = page.getByRole('group', { name: 'Confirm removal' });
    await waitForFocus(removal.getByRole('button', { name: 'Keep' }));

    await bob.run('removeFriend', ALICE_ADDRESS);
    await page.getByText(`You and ${bob.address} are no longer friends.`).waitFor();
    await removal.waitFor({ state: 'detached' });
    // Removal is no longer possible: what the ended chat offers instead takes the focus the confirm had.
    await waitForFocus(page.getByRole('button', { name: 'Block', exact: true }));
    await expect(page.getByRole('button', { name: 'Delete chat' }).isVisible()).resolves.toBe(true);
    expect(opened.problems).toEqual([]);
  });

  it('puts keyboard focus where the user acts next after a failed registration: the name when refused, else the error', async () => {
    const opened = await openWatchedPage(suite.browser);
    suite.watched.push(opened);
    const { page } = opened;
    await openApp(page, suite.server.url);
    const name = page.getByLabel('Name', { exact: true });
    const createAccount = page.getByRole('button', { name: 'Create account' });
    await fillRegistration(page, { name: 'carol', server: 'chat.example.org', password: 'carol password 123' });

    // The form is disabled while registering, which drops focus to the page's body.
    await controlNetwork(page, 'failNext', 'register', 'network_error');
    await submitRegistration(page);
    await waitForFocus(page.getByRole('alert').filter({ hasText: 'Could not reach the server.' }));
    // Trying again is one Tab away.
    await page.keyboard.press('Tab');
    await expect(isFocused(createAccount)).resolves.toBe(true);

    await controlNetwork(page, 'failNext', 'register', 'captcha_invalid');
    await submitRegistration(page);
    await waitForFocus(page.getByRole('alert').filter({ hasText: 'That answer was not right.' }));

    // The server refused the name: the alert says so, the name is where to change it.
    await controlNetwork(page, 'failNext', 'register', 'validation_failed');
    await submitRegistration(page);
    await page.getByRole('alert').filter({ hasText: 'Check the name' }).waitFor();
    await waitForFocus(name);
    expect(opened.problems).toEqual([]);
  });

  it('shows that deleting a chat is under way, and why it failed, with the chat kept', async () => {
    const { opened, page, bob } = await aliceChatsWithBob();
    await bob.run('removeFriend', ALICE_ADDRESS);
    const deleteChat = page.getByRole('button', { name: 'Delete chat' });
    await deleteChat.waitFor();
    await deleteChat.click();
    const confirm = page.getByRole('group', { name: 'Confirm chat deletion' });
    const deleteButton = confirm.getByRole('button', { name: 'Delete', exact: true });

    await controlNetwork(page, 'failNext', 'deleteChat', 'network_error');
    await deleteButton.click();
    await confirm.getByRole('alert').filter({ hasText: 'Could not reach' }).waitFor();
    await expect(deleteButton.isEnabled()).resolves.toBe(true);
    // Disabled while it ran, the button lost focus: it gets it back, so the keyboard is where it was.
    await expect(deleteButton.evaluate((button) => button === document.activeElement)).resolves.toBe(true);

    // The fake's deletion ends with the draft kept for bob: held there, it stays under way.
    await controlNetwork(page, 'holdDraftWrites', true);
    await deleteButton.click();
    await confirm.getByRole('status').filter({ hasText: 'Deleting the chat and freeing the space its files took…' }).waitFor();
    await expect(confirm.getAttribute('aria-busy')).resolves.toBe('true');
    await expect(deleteButton.isDisabled()).resolves.toBe(true);
    await expect(confirm.getByRole('button', { name: 'Keep' }).isDisabled()).resolves.toBe(true);
    await controlNetwork(page, 'holdDraftWrites', false);
    await page.getByText('You have no friends here yet. Use “Add friend” to send a request.').waitFor();
    expect(opened.problems).toEqual([]);
  });
});
