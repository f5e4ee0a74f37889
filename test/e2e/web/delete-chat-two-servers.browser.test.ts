/**
 * "Delete chat" end to end: two home servers, real Chromium, the production bundle. alice and bob
 * chat, bob removes alice, and alice deletes the chat with the keyboard: the contact leaves her
 * list and stays gone after a reload and on another sign-in. The ended chat offers no attach bar or
 * timer meanwhile.
 */
import type { Page } from 'playwright-core';
import { useFriendsOnTwoServers } from './friends-on-two-servers';
import { addressOf, contactButton, logIn, screenshot, sendMessage, waitForMessage, waitForSendState } from './pages';

jest.setTimeout(300_000);

const WAIT_MS = 30_000;
const NO_FRIENDS = 'You have no friends here yet. Use “Add friend” to send a request.';

const focusedText = (page: Page): Promise<string | null> => page.evaluate(() => document.activeElement?.textContent?.trim() ?? null);

describe('deleting the chat of someone who removed us, across two home servers', () => {
  const friends = useFriendsOnTwoServers('web-real-delete-chat');

  it('takes the contact and its history off every device of alice’s, for good', async () => {
    const alicePage = await friends.aliceDevice();
    const bobPage = await friends.bobDevice();
    const [alice, bob] = [addressOf(friends.alice), addressOf(friends.bob)];

    await waitForSendState(await sendMessage(alicePage, 'Lake on Sunday?'), 'Sent');
    await waitForMessage(bobPage, 'Lake on Sunday?');
    await waitForSendState(await sendMessage(bobPage, 'Sorry, I am out of town'), 'Sent');
    await waitForMessage(alicePage, 'Sorry, I am out of town');
    expect(await alicePage.getByRole('button', { name: 'Delete chat' }).count()).toBe(0);
    const endedChatHides = [alicePage.getByRole('button', { name: 'Attach files' }), alicePage.getByLabel('Disappearing messages')];
    for (const control of endedChatHides) expect(await control.count()).toBe(1);

    await bobPage.getByRole('button', { name: 'Remove friend' }).click();
    await bobPage.getByRole('group', { name: 'Confirm removal' }).getByRole('button', { name: `Remove ${alice}` }).click();

    // alice's app learns of the removal live, and only then offers to delete the chat.
    const deleteChat = alicePage.getByRole('button', { name: 'Delete chat' });
    await deleteChat.waitFor({ timeout: WAIT_MS });
    // Nothing to attach or time any more: only the history, to keep or delete.
    for (const control of endedChatHides) expect(await control.count()).toBe(0);
    await deleteChat.focus();
    await alicePage.keyboard.press('Enter');
    const confirm = alicePage.getByRole('group', { name: 'Confirm chat deletion' });
    await confirm.getByText('Delete this chat and its history on all your devices? This cannot be undone.').waitFor();
    await screenshot(alicePage, 'delete-chat-confirm');
    expect(await focusedText(alicePage)).toBe('Keep');
    await alicePage.keyboard.press('Enter');
    await confirm.waitFor({ state: 'detached' });
    expect(await focusedText(alicePage)).toBe('Delete chat');
    await waitForMessage(alicePage, 'Sorry, I am out of town');

    await alicePage.keyboard.press('Enter');
    await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
    await alicePage.getByText(NO_FRIENDS).waitFor({ timeout: WAIT_MS });
    expect(await contactButton(alicePage, bob).count()).toBe(0);

    await alicePage.reload();
    await logIn(alicePage, friends.alice);
    await alicePage.getByText(NO_FRIENDS).waitFor({ timeout: WAIT_MS });
    expect(await contactButton(alicePage, bob).count()).toBe(0);

    const other = await friends.aliceSignedIn();
    await other.page.getByText(NO_FRIENDS).waitFor({ timeout: WAIT_MS });
    expect(await contactButton(other.page, bob).count()).toBe(0);
    for (const { problems } of friends.opened) expect(problems).toEqual([]);
  });
});
