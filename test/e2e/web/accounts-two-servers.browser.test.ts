/**
 * What a demanding first-month user ran into with accounts, friend requests and settings, on the
 * production bundle with two real home servers: each test is one of them, and fails without its fix.
 */
import { createNodeMessenger } from '../../support/node-messenger';
import { useFriendsOnTwoServers } from './friends-on-two-servers';
import { acceptRequest, addressOf, contactButton, screenshot, showContacts, submitFriendRequest, type Account } from './pages';

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
    await acceptRequest(carolPage, addressOf(friends.alice));
    const chat = carolPage.getByRole('region', { name: addressOf(friends.alice) });
    await chat.getByText(`You and ${addressOf(friends.alice)} are no longer friends.`).waitFor({ timeout: 15_000 });
    await screenshot(carolPage, 'accounts-accepted-withdrawn-request');
    expect(await contactButton(carolPage, addressOf(friends.alice)).innerText()).toContain('No longer friends');
    expect(await carolPage.getByText('The secure handshake finishes as soon as').count()).toBe(0);
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
});
