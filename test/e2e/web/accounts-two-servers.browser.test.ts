/**
 * What a demanding first-month user ran into with accounts, friend requests and settings, on the
 * production bundle with two real home servers: each test is one of them, and fails without its fix.
 */
import { createNodeMessenger } from '../../support/node-messenger';
import { expectProblems, refusedWith } from './chromium';
import { useFriendsOnTwoServers } from './friends-on-two-servers';
import type { Locator, Page } from 'playwright-core';
import { acceptRequest, addressOf, contactButton, openAddFriend, openChat, openSettings, requestCard, screenshot, setOpenInbox, showContacts, submitFriendRequest, type Account } from './pages';

jest.setTimeout(180_000);

describe('accounts and friend requests, across two home servers', () => {
  const friends = useFriendsOnTwoServers('web-real-accounts');

  /** A new account on bob's server, made by a Node client and logged out. */
  const registerOnBobsServer = async (name: string): Promise<Account> => {
    const account = { name, server: friends.bob.server, password: `${name} has a long passphrase` };
    const node = await createNodeMessenger().messenger.register(addressOf(account), account.password);
    await node.logOut();
    return account;
  };

  it('ends the handshake of a request accepted after its sender withdrew it, instead of waiting for them for ever', async () => {
    const carol = await registerOnBobsServer('carol');
    const { page: alicePage } = await friends.aliceSignedIn();
    await submitFriendRequest(alicePage, addressOf(carol), 'Hi Carol');
    await alicePage.getByRole('status').filter({ hasText: `Friend request sent to ${addressOf(carol)}` }).waitFor();
    await showContacts(alicePage);
    await contactButton(alicePage, addressOf(carol)).click();
    await alicePage.getByRole('button', { name: 'Withdraw request' }).click();
    await alicePage.getByRole('group', { name: 'Confirm removal' }).getByRole('button', { name: 'Withdraw request' }).click();
    await contactButton(alicePage, addressOf(carol)).waitFor({ state: 'detached' });

    const carolPage = await friends.signedIn(carol);
    // alice's server refuses the acceptance of the withdrawn request (401): what this test is about.
    expectProblems(carolPage, refusedWith(401));
    await acceptRequest(carolPage, addressOf(friends.alice));
    const chat = carolPage.getByRole('region', { name: addressOf(friends.alice) });
    await chat.getByText(`You and ${addressOf(friends.alice)} are no longer friends.`).waitFor({ timeout: 15_000 });
    await screenshot(carolPage, 'accounts-accepted-withdrawn-request');
    expect(await contactButton(carolPage, addressOf(friends.alice)).innerText()).toContain('No longer friends');
    expect(await carolPage.getByText('The secure handshake finishes as soon as').count()).toBe(0);
  });

  it('opens the chat with someone whose request was accepted at once, not once their silent server let the acceptance go', async () => {
    const gwen = await registerOnBobsServer('gwen');
    const { page: alicePage } = await friends.aliceSignedIn();
    await submitFriendRequest(alicePage, addressOf(gwen), 'Hi Gwen');
    await alicePage.getByRole('status').filter({ hasText: `Friend request sent to ${addressOf(gwen)}` }).waitFor();
    const gwenPage = await friends.signedIn(gwen);
    // alice's server takes the acceptance and never answers.
    await gwenPage.route('**/users/alice/drops', () => undefined);

    const started = Date.now();
    await acceptRequest(gwenPage, addressOf(friends.alice));
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(await gwenPage.getByRole('textbox', { name: `Message to ${addressOf(friends.alice)}` }).isVisible()).toBe(true);
  });

  it('offers to withdraw a request not yet accepted, in those words, where it offered to remove a friend', async () => {
    const dave = await registerOnBobsServer('dave');
    const { page } = await friends.aliceSignedIn();
    await submitFriendRequest(page, addressOf(dave));
    await page.getByRole('status').filter({ hasText: `Friend request sent to ${addressOf(dave)}` }).waitFor();
    await showContacts(page);
    await contactButton(page, addressOf(dave)).click();
    await page.getByRole('heading', { name: addressOf(dave), level: 2 }).waitFor();

    expect(await page.getByRole('button', { name: 'Remove friend' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Withdraw request' }).click();
    const confirm = page.getByRole('group', { name: 'Confirm removal' });
    expect(await confirm.locator('p').innerText()).toContain(`Withdraw your friend request to ${addressOf(dave)}? They can no longer accept it`);
    expect(await confirm.getByRole('button').allInnerTexts()).toEqual(['Withdraw request', 'Withdraw and block', 'Keep']);
    await screenshot(page, 'accounts-withdraw-request');
  });

  it('takes a withdrawn request off the contacts of every device of ours, where it stayed among friends as no longer friends', async () => {
    const erin = await registerOnBobsServer('erin');
    const { page: laptop } = await friends.aliceSignedIn();
    await submitFriendRequest(laptop, addressOf(erin));
    await laptop.getByRole('status').filter({ hasText: `Friend request sent to ${addressOf(erin)}` }).waitFor();
    const { page: phone } = await friends.aliceSignedIn();
    await showContacts(phone);
    await contactButton(phone, addressOf(erin)).waitFor();
    await showContacts(laptop);
    await contactButton(laptop, addressOf(erin)).click();
    await laptop.getByRole('button', { name: 'Withdraw request' }).click();
    await laptop.getByRole('group', { name: 'Confirm removal' }).getByRole('button', { name: 'Withdraw request' }).click();

    await laptop.getByRole('heading', { name: 'Welcome' }).waitFor();
    await contactButton(laptop, addressOf(erin)).waitFor({ state: 'detached', timeout: 10_000 });
    await contactButton(phone, addressOf(erin)).waitFor({ state: 'detached', timeout: 15_000 });
    expect(await laptop.getByText('No longer friends').count()).toBe(0);
    await screenshot(phone, 'accounts-withdrawn-request-gone');
  });

  it('puts focus back on the password, selected, when Settings refuses it, where it fell to the page for a keyboard user', async () => {
    const { page } = await friends.aliceSignedIn();
    // The server refuses both wrong passwords with a 403.
    expectProblems(page, refusedWith(403));
    await openSettings(page);
    const isFocusedAndSelected = (field: Locator) =>
      field.evaluate((input: HTMLInputElement) => input === document.activeElement && input.selectionStart === 0 && input.selectionEnd === input.value.length);

    const current = page.getByLabel('Current password', { exact: true });
    await current.fill('not my password at all');
    await page.getByLabel('New password', { exact: true }).fill('a brand new and long passphrase');
    await page.getByLabel('Repeat new password', { exact: true }).fill('a brand new and long passphrase');
    await page.getByLabel('Repeat new password', { exact: true }).press('Enter');
    await page.getByRole('alert').filter({ hasText: 'Your current password is wrong.' }).waitFor();
    expect(await isFocusedAndSelected(current)).toBe(true);

    const confirmation = page.getByLabel('Password to confirm', { exact: true });
    await confirmation.fill('wrong password');
    await page.getByLabel('I understand that my account and messages will be gone for good.').check();
    await confirmation.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'Wrong password. Your account was not deleted.' }).waitFor();
    expect(await isFocusedAndSelected(confirmation)).toBe(true);
  });

  it('takes away the server\'s refusal of the last password change once the next try is refused in the form itself', async () => {
    const { page } = await friends.aliceSignedIn();
    await openSettings(page);
    const fill = async (current: string, next: string) => {
      await page.getByLabel('Current password', { exact: true }).fill(current);
      await page.getByLabel('New password', { exact: true }).fill(next);
      await page.getByLabel('Repeat new password', { exact: true }).fill(next);
      await page.getByRole('button', { name: 'Change password' }).click();
    };
    await fill('not my password at all', 'a brand new and long passphrase');
    const refused = page.getByRole('alert').filter({ hasText: 'Your current password is wrong.' });
    await refused.waitFor();

    await fill(friends.alice.password, friends.alice.password);
    await page.locator('.field__error').filter({ hasText: 'Choose a password different from the current one.' }).waitFor();
    expect(await refused.count()).toBe(0);
  });

  it('shows in Settings whether the inbox is open as another device of ours last set it, not as it was when this one signed in', async () => {
    const { page: laptop } = await friends.aliceSignedIn();
    const { page: phone } = await friends.aliceSignedIn();
    const openInbox = phone.getByRole('switch', { name: 'Open inbox' });
    await openSettings(phone);
    expect(await openInbox.isChecked()).toBe(false);

    await setOpenInbox(laptop, true);
    await openAddFriendThenSettings(phone);
    await expectChecked(openInbox, true);

    await setOpenInbox(laptop, false);
    await openAddFriendThenSettings(phone);
    await expectChecked(openInbox, false);
  });

  it('keeps keyboard focus in the list after declining a request, where it fell to the page with the card', async () => {
    const [frank, grace] = await Promise.all([registerOnBobsServer('frank'), registerOnBobsServer('grace')]);
    for (const sender of [frank, grace]) {
      const node = await createNodeMessenger().messenger.logIn(addressOf(sender), sender.password);
      await node.sendFriendRequest(addressOf(friends.alice), `hi from ${sender.name}`, () => Promise.reject(new Error('a proof-of-work captcha was expected')));
      await node.logOut();
    }
    const { page } = await friends.aliceSignedIn();
    const contacts = await showContacts(page);
    const focusedText = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');

    await contacts.getByRole('button', { name: `Decline request from ${addressOf(frank)}` }).press('Enter');
    await requestCard(page, addressOf(frank)).waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.activeElement?.id === 'requests-heading');
    expect(await focusedText()).toMatch(/^Friend requests\s*1$/);

    await contacts.getByRole('button', { name: `Decline and block ${addressOf(grace)}` }).press('Enter');
    await requestCard(page, addressOf(grace)).waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.activeElement?.id === 'friends-heading');
  });

  it('stays on Settings opened while a block was being saved, where the finished block sent the user to Welcome', async () => {
    const { page } = await friends.aliceSignedIn();
    const blockedAddress = `oscar@${friends.bob.server}`;
    await submitFriendRequest(page, addressOf(await registerOnBobsServer('oscar')));
    await page.getByRole('status').filter({ hasText: `Friend request sent to ${blockedAddress}` }).waitFor();
    await openChat(page, blockedAddress);
    // The block's writes to alice's server take a while, as on a slow connection.
    let writesHeld = 0;
    let writesDone = 0;
    await page.route(`http://${friends.alice.server}/api/v1/**`, async (route) => {
      if (route.request().method() === 'GET') return route.continue();
      writesHeld += 1;
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue().catch(() => undefined);
      writesDone += 1;
    });
    await page.getByRole('button', { name: 'Withdraw request' }).click();
    await page.getByRole('group', { name: 'Confirm removal' }).getByRole('button', { name: 'Withdraw and block' }).click();
    for (const deadline = Date.now() + 5000; writesHeld === 0 && Date.now() < deadline; ) await page.waitForTimeout(50);
    expect(writesHeld).toBeGreaterThan(0);
    await openSettings(page);

    await page.getByRole('region', { name: 'Blocked' }).getByText(blockedAddress).waitFor({ timeout: 20_000 });
    for (const deadline = Date.now() + 20_000; writesDone < writesHeld && Date.now() < deadline; ) await page.waitForTimeout(50);
    await page.waitForTimeout(1000);
    expect(await page.getByRole('heading', { name: 'Settings', level: 2 }).count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'Welcome' }).count()).toBe(0);
    await page.unrouteAll({ behavior: 'ignoreErrors' });
  });

  it('keeps keyboard focus in the Blocked section of Settings after unblocking, where it fell to the page with the button', async () => {
    const { page } = await friends.aliceSignedIn();
    const blockedAddress = `mallory@${friends.bob.server}`;
    const blocked = page.getByRole('region', { name: 'Blocked' });
    await submitFriendRequest(page, addressOf(await registerOnBobsServer('mallory')));
    await page.getByRole('status').filter({ hasText: `Friend request sent to ${blockedAddress}` }).waitFor();
    await openChat(page, blockedAddress);
    await page.getByRole('button', { name: 'Withdraw request' }).click();
    await page.getByRole('group', { name: 'Confirm removal' }).getByRole('button', { name: 'Withdraw and block' }).click();
    await page.getByRole('heading', { name: 'Welcome' }).waitFor();
    await openSettings(page);

    const unblock = blocked.getByRole('button', { name: `Unblock ${blockedAddress}` });
    await unblock.press('Enter');
    await unblock.waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.activeElement?.textContent?.trim() === 'Blocked');
  });
});


const openAddFriendThenSettings = async (page: Page): Promise<void> => {
  await openAddFriend(page);
  await openSettings(page);
};

/** The switch's state a few seconds on: the app asks the server when Settings opens. */
const expectChecked = async (toggle: Locator, checked: boolean): Promise<void> => {
  for (const deadline = Date.now() + 5000; Date.now() < deadline && (await toggle.isChecked()) !== checked; ) await toggle.page().waitForTimeout(100);
  expect(await toggle.isChecked()).toBe(checked);
};
