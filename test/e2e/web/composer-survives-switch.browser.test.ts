/**
 * "Nothing the user typed is ever dropped", for the composer's whole state: a reply (its quote) and
 * an edit in progress (its text, and the new message typed under it) survive switching to another
 * chat and back, over the in-page fake network; and a reply or an edit the user's own server did not
 * store goes back into the composer as it was typed.
 */
import type { Page } from 'playwright-core';
import { openWatchedPage } from './chromium';
import { useFakeAppSuite } from './fake-app-suite';
import { controlNetwork, createPeer } from './fake-network-page';
import { chooseMessageAction, logIn, messageLog, openApp, openChat, sendMessage, waitForMessage, waitForSendState, waitUntilChatOpen } from './pages';

jest.setTimeout(120_000);

const suite = useFakeAppSuite('web-fake-composer-survives-switch');

const ALICE = { name: 'alice', server: 'chat.example.org', password: 'alice password 123' };
const ALICE_ADDRESS = 'alice@chat.example.org';
const BOB = 'bob@home.example.net';
const CAROL = 'carol@home.example.net';

const composer = (page: Page, friend: string) => page.getByRole('textbox', { name: `Message to ${friend}` });
const strip = (page: Page) => page.locator('.composer__strip');

/** alice signed in with her chat with bob open; bob and carol are her friends in the page's fake network. */
const aliceWithTwoFriends = async () => {
  const opened = await openWatchedPage(suite.browser, { viewport: { width: 1200, height: 800 } });
  suite.watched.push(opened);
  const { page } = opened;
  await openApp(page, suite.server.url);
  const alice = await createPeer(page, ALICE_ADDRESS, ALICE.password);
  const bob = await createPeer(page, BOB);
  const carol = await createPeer(page, CAROL);
  for (const friend of [bob, carol]) {
    await friend.sendFriendRequest(alice.address, 'Hi Alice');
    await alice.acceptRequestFrom(friend.address);
    await friend.sync();
  }
  await alice.sync();
  await logIn(page, ALICE);
  await openChat(page, BOB);
  await waitUntilChatOpen(page, BOB);
  return { opened, page, bob };
};

/** To carol's chat, where none of bob's composer shows, and back to bob's. */
const toCarolAndBack = async (page: Page) => {
  await openChat(page, CAROL);
  await waitUntilChatOpen(page, CAROL);
  expect(await composer(page, CAROL).inputValue()).toBe('');
  expect(await strip(page).count()).toBe(0);
  await openChat(page, BOB);
  await waitUntilChatOpen(page, BOB);
};

describe('the composer keeps a reply or an edit in progress across a chat switch (fake network)', () => {
  it('brings back a reply with its quote, sends it as a reply, and then has nothing to bring back', async () => {
    const { opened, page, bob } = await aliceWithTwoFriends();
    await bob.sendMessage(ALICE_ADDRESS, 'Dinner at eight?');
    const dinner = await waitForMessage(page, 'Dinner at eight?');

    await chooseMessageAction(dinner, 'Reply');
    await composer(page, BOB).pressSequentially('Eight works');
    await toCarolAndBack(page);
    expect(await strip(page).innerText()).toContain(`Replying to ${BOB}`);
    expect(await strip(page).innerText()).toContain('Dinner at eight?');
    expect(await composer(page, BOB).inputValue()).toBe('Eight works');

    await composer(page, BOB).press('Enter');
    const reply = messageLog(page).locator('.message--out').filter({ hasText: 'Eight works' });
    await waitForSendState(reply, 'Sent');
    expect(await reply.locator('.message__quote').innerText()).toContain('Dinner at eight?');
    const dinnerId = await bob.messageId(ALICE_ADDRESS, 'Dinner at eight?');
    expect((await bob.conversation(ALICE_ADDRESS)).find((entry) => entry.kind === 'message' && entry.body === 'Eight works')).toMatchObject({ replyTo: { id: dinnerId } });

    await toCarolAndBack(page);
    expect(await strip(page).count()).toBe(0);
    expect(await composer(page, BOB).inputValue()).toBe('');
    expect(opened.problems).toEqual([]);
  });

  it('brings back an edit with its edited text, and the reply typed under it once the edit is cancelled or saved', async () => {
    const { opened, page, bob } = await aliceWithTwoFriends();
    await bob.sendMessage(ALICE_ADDRESS, 'Dinner at eight?');
    const dinner = await waitForMessage(page, 'Dinner at eight?');
    const sent = await sendMessage(page, 'See you at 5');
    await waitForSendState(sent, 'Sent');
    // By its id: its text changes.
    const mine = messageLog(page).locator(`[data-message-id="${await sent.getAttribute('data-message-id')}"]`);

    await chooseMessageAction(dinner, 'Reply');
    await composer(page, BOB).pressSequentially('Bring the map');
    await chooseMessageAction(mine, 'Edit');
    await composer(page, BOB).fill('See you at 6');
    await toCarolAndBack(page);
    expect(await strip(page).innerText()).toContain('Editing your message');
    expect(await composer(page, BOB).inputValue()).toBe('See you at 6');

    // Cancelled: the reply typed before the edit is back, quote and all.
    await composer(page, BOB).press('Escape');
    await strip(page).filter({ hasText: `Replying to ${BOB}` }).waitFor();
    expect(await composer(page, BOB).inputValue()).toBe('Bring the map');

    await chooseMessageAction(mine, 'Edit');
    await composer(page, BOB).fill('See you at 6');
    await toCarolAndBack(page);
    expect(await composer(page, BOB).inputValue()).toBe('See you at 6');
    await composer(page, BOB).press('Enter');
    await mine.filter({ hasText: 'See you at 6' }).filter({ hasText: 'edited' }).waitFor();
    await strip(page).filter({ hasText: `Replying to ${BOB}` }).waitFor();
    expect(await composer(page, BOB).inputValue()).toBe('Bring the map');

    await toCarolAndBack(page);
    expect(await strip(page).innerText()).toContain('Dinner at eight?');
    expect(await composer(page, BOB).inputValue()).toBe('Bring the map');
    expect(opened.problems).toEqual([]);
  });

  it('puts a reply and an edit that could not be stored back into the composer, quote and text', async () => {
    const { opened, page, bob } = await aliceWithTwoFriends();
    await bob.sendMessage(ALICE_ADDRESS, 'Dinner at eight?');
    const dinner = await waitForMessage(page, 'Dinner at eight?');
    const sent = await sendMessage(page, 'See you at 5');
    await waitForSendState(sent, 'Sent');
    const mine = messageLog(page).locator(`[data-message-id="${await sent.getAttribute('data-message-id')}"]`);
    const alert = page.getByRole('alert');

    await chooseMessageAction(dinner, 'Reply');
    await composer(page, BOB).pressSequentially('Eight works');
    await controlNetwork(page, 'failNext', 'storeMessage', 'network_error');
    await composer(page, BOB).press('Enter');
    await alert.first().waitFor();
    expect(await strip(page).innerText()).toContain('Dinner at eight?');
    expect(await composer(page, BOB).inputValue()).toBe('Eight works');
    expect(await messageLog(page).locator('.message--out').filter({ hasText: 'Eight works' }).count()).toBe(0);

    await composer(page, BOB).press('Escape');
    await composer(page, BOB).fill('');
    await chooseMessageAction(mine, 'Edit');
    await composer(page, BOB).fill('See you at 6');
    await controlNetwork(page, 'failNext', 'storeMessage', 'network_error');
    await composer(page, BOB).press('Enter');
    await strip(page).filter({ hasText: 'Editing your message' }).waitFor();
    expect(await composer(page, BOB).inputValue()).toBe('See you at 6');
    expect(await mine.innerText()).toContain('See you at 5');

    await composer(page, BOB).press('Enter');
    await mine.filter({ hasText: 'See you at 6' }).filter({ hasText: 'edited' }).waitFor();
    expect(await strip(page).count()).toBe(0);
    expect(opened.problems).toEqual([]);
  });
  it('keeps an edit begun while a reply or another edit was on its way that comes back unstored, with what came back under it', async () => {
    const { opened, page, bob } = await aliceWithTwoFriends();
    await bob.sendMessage(ALICE_ADDRESS, 'Dinner at eight?');
    const dinner = await waitForMessage(page, 'Dinner at eight?');
    const sent = await sendMessage(page, 'See you at 5');
    await waitForSendState(sent, 'Sent');
    const mine = messageLog(page).locator(`[data-message-id="${await sent.getAttribute('data-message-id')}"]`);

    await chooseMessageAction(dinner, 'Reply');
    await composer(page, BOB).pressSequentially('Eight works');
    // A slow server: the reply's answer (a refusal) comes only after an edit was begun.
    await controlNetwork(page, 'holdStores', true);
    await controlNetwork(page, 'failNext', 'storeMessage', 'network_error');
    await composer(page, BOB).press('Enter');
    await chooseMessageAction(mine, 'Edit');
    await composer(page, BOB).fill('See you at 6');
    await controlNetwork(page, 'holdStores', false);
    await page.getByRole('alert').first().waitFor();

    await strip(page).filter({ hasText: 'Editing your message' }).waitFor();
    expect(await composer(page, BOB).inputValue()).toBe('See you at 6');
    await composer(page, BOB).press('Escape');
    await strip(page).filter({ hasText: `Replying to ${BOB}` }).filter({ hasText: 'Dinner at eight?' }).waitFor();
    expect(await composer(page, BOB).inputValue()).toBe('Eight works');

    // An edit that comes back unstored while another edit was begun: its text goes under that one, neither lost.
    await composer(page, BOB).press('Escape');
    await composer(page, BOB).fill('');
    const other = await sendMessage(page, 'Bring wine');
    await waitForSendState(other, 'Sent');
    const wine = messageLog(page).locator(`[data-message-id="${await other.getAttribute('data-message-id')}"]`);
    await chooseMessageAction(mine, 'Edit');
    await composer(page, BOB).fill('See you at 7');
    await controlNetwork(page, 'holdStores', true);
    await controlNetwork(page, 'failNext', 'storeMessage', 'network_error');
    await composer(page, BOB).press('Enter');
    await chooseMessageAction(wine, 'Edit');
    await composer(page, BOB).fill('Bring cheese');
    await controlNetwork(page, 'holdStores', false);
    await page.getByRole('alert').first().waitFor();
    expect(await composer(page, BOB).inputValue()).toBe('Bring cheese');
    await composer(page, BOB).press('Escape');
    await strip(page).waitFor({ state: 'detached' });
    expect(await composer(page, BOB).inputValue()).toBe('See you at 7');
    expect(opened.problems).toEqual([]);
  });
  it('keeps nothing of an edit whose message the user deleted for everyone, neither the edit nor its text as a new message', async () => {
    const { opened, page } = await aliceWithTwoFriends();
    const sent = await sendMessage(page, 'See you at 5');
    await waitForSendState(sent, 'Sent');
    const mine = messageLog(page).locator(`[data-message-id="${await sent.getAttribute('data-message-id')}"]`);

    await chooseMessageAction(mine, 'Edit');
    await composer(page, BOB).fill('See you at 6');
    await chooseMessageAction(mine, 'Delete for everyone');
    const dialog = page.getByRole('alertdialog', { name: 'Delete this message for everyone?' });
    await dialog.getByRole('button', { name: 'Delete for everyone' }).click();
    await mine.filter({ hasText: /deleted/i }).waitFor();
    expect(await strip(page).count()).toBe(0);

    await toCarolAndBack(page);
    expect(await strip(page).count()).toBe(0);
    expect(await composer(page, BOB).inputValue()).toBe('');
    expect(opened.problems).toEqual([]);
  });
});
