/**
 * "Block" end to end: two home servers, real Chromium, the production bundle. bob removes and blocks
 * alice from their chat; her next friend request never shows on his side (carol's, sent after it,
 * does, so his app has read past it); he unblocks her in Settings, blocks her from the ended chat's
 * header and unblocks her again, and her next request shows, which he declines with a block.
 */
import type { Page } from 'playwright-core';
import { noImageCaptcha } from '../../integration/two-server-fixture';
import { createNodeMessenger } from '../../support/node-messenger';
import { useFriendsOnTwoServers } from './friends-on-two-servers';
import { addFriend, addressOf, openChat, openSettings, requestCard, screenshot, showContacts } from './pages';

jest.setTimeout(300_000);

const WAIT_MS = 30_000;

const focusedText = (page: Page): Promise<string | null> => page.evaluate(() => document.activeElement?.textContent?.trim() ?? null);

describe('blocking a friend, across two home servers', () => {
  const friends = useFriendsOnTwoServers('web-real-block');

  it('drops the blocked friend’s request unseen, and shows the next one once unblocked in Settings', async () => {
    const alicePage = await friends.aliceDevice();
    const bobPage = await friends.bobDevice();
    const [alice, bob] = [addressOf(friends.alice), addressOf(friends.bob)];

    // While friends, blocking is offered with the removal (the header keeps two tools on a phone).
    expect(await bobPage.getByRole('button', { name: 'Block', exact: true }).count()).toBe(0);
    await bobPage.getByRole('button', { name: 'Remove friend' }).click();
    const removal = bobPage.getByRole('group', { name: 'Confirm removal' });
    await removal.getByText('Blocking them also refuses their friend requests until you unblock them in Settings.').waitFor();
    await screenshot(bobPage, 'block-confirm');
    await removal.getByRole('button', { name: 'Remove and block' }).click();
    await removal.waitFor({ state: 'detached', timeout: WAIT_MS });
    await openChat(bobPage, alice);
    await bobPage.getByText(`You blocked ${alice}. Unblock them in Settings.`).waitFor({ timeout: WAIT_MS });
    expect(await bobPage.getByRole('button', { name: 'Block', exact: true }).count()).toBe(0);

    // alice's app learns live that the friendship ended; a new request is all she can send.
    await alicePage.getByRole('button', { name: 'Delete chat' }).waitFor({ timeout: WAIT_MS });
    await addFriend(alicePage, bob, { note: 'why?' });
    const carol = await createNodeMessenger().messenger.register(`carol@${friends.alice.server}`, 'carol has a long passphrase too');
    await carol.sendFriendRequest(bob, 'hi bob', noImageCaptcha);
    await showContacts(bobPage);
    await requestCard(bobPage, carol.address).waitFor({ timeout: WAIT_MS });
    expect(await requestCard(bobPage, alice).count()).toBe(0);

    await openSettings(bobPage);
    const blocked = bobPage.getByRole('region', { name: 'Blocked' });
    await blocked.getByText(alice, { exact: true }).waitFor();
    await blocked.getByRole('button', { name: `Unblock ${alice}` }).click();
    await blocked.getByText('You have not blocked anyone.').waitFor({ timeout: WAIT_MS });

    // A chat that ended offers Block in its header: asked first (focus on Keep, back on Block after), then focus on what happened.
    await openChat(bobPage, alice);
    const block = bobPage.getByRole('button', { name: 'Block', exact: true });
    await block.focus();
    await bobPage.keyboard.press('Enter');
    const confirm = bobPage.getByRole('group', { name: 'Confirm blocking' });
    await confirm
      .getByText(`Block ${alice}? They can no longer send you messages or friend requests. You will no longer be friends.`)
      .waitFor();
    expect(await focusedText(bobPage)).toBe('Keep');
    await bobPage.keyboard.press('Enter');
    await confirm.waitFor({ state: 'detached' });
    expect(await focusedText(bobPage)).toBe('Block');
    await bobPage.keyboard.press('Enter');
    await confirm.getByRole('button', { name: `Block ${alice}` }).click();
    // The button that had focus is gone: focus is on what happened, not lost to the page.
    await bobPage.waitForFunction((text) => document.activeElement?.textContent?.trim() === text, `You blocked ${alice}. Unblock them in Settings.`, { timeout: WAIT_MS });
    await openSettings(bobPage);
    await blocked.getByRole('button', { name: `Unblock ${alice}` }).click();
    await blocked.getByText('You have not blocked anyone.').waitFor({ timeout: WAIT_MS });

    // Her request still waits on her side: she withdraws it and asks again.
    await openChat(alicePage, bob);
    await alicePage.getByRole('button', { name: 'Withdraw request' }).click();
    await alicePage.getByRole('group', { name: 'Confirm removal' }).getByRole('button', { name: 'Withdraw request' }).click();
    await addFriend(alicePage, bob, { note: 'friends again?' });
    await showContacts(bobPage);
    const again = requestCard(bobPage, alice);
    await again.getByText('“friends again?”').waitFor({ timeout: WAIT_MS });
    expect(await again.count()).toBe(1);

    // Declining it with a block puts her back on the list.
    await again.getByRole('button', { name: `Decline and block ${alice}` }).click();
    await again.waitFor({ state: 'detached', timeout: WAIT_MS });
    await bobPage.getByRole('status').filter({ hasText: `You declined and blocked ${alice}. Unblock them in Settings.` }).waitFor();
    await openSettings(bobPage);
    await blocked.getByRole('button', { name: `Unblock ${alice}` }).waitFor();
    for (const { problems } of friends.opened) expect(problems).toEqual([]);
  });
});
