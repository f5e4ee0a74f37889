/**
 * Issue 16's end-to-end test: two home servers, real Chromium, the production bundle. alice (one
 * browser) replies, edits, deletes, reacts and sets a disappearing timer; bob watches on two
 * devices (two browser contexts signed in to the same account) and sees each change arrive live.
 */
import type { Locator, Page } from 'playwright-core';
import { expectProblems, refusedWith } from './chromium';
import { useFriendsOnTwoServers } from './friends-on-two-servers';
import {
  addressOf,
  deleteForEveryone,
  editOwnMessage,
  messageLog,
  openChat,
  reactTo,
  replyTo,
  screenshot,
  sendMessage,
  setDisappearingTimer,
  setReadReceipts,
  waitForMessage,
  waitForSendState,
} from './pages';

jest.setTimeout(300_000);

/** "Within a second or two" on an idle machine; the bound leaves room for a loaded CI runner. */
const SEEN_WITHIN_MS = 8_000;

describe('message types across two home servers, on two of bob’s devices', () => {
  const friends = useFriendsOnTwoServers('web-real-message-types');

  it('shows bob each reply, edit, reaction, deletion and timer within seconds on both his devices, and alice his read receipt', async () => {
    const alicePage = await friends.aliceDevice();
    const bobDevices = [await friends.bobDevice(), await friends.bobDevice({ width: 390, height: 760 })];
    // Two of bob's devices write his store at once: Chromium logs the server's 412 on a version
    // conflict by itself, and the client merges and writes again (what this test checks below).
    for (const page of bobDevices) expectProblems(page, refusedWith(412));
    const latencies: Record<string, number> = {};
    /** Waits until every one of bob's devices shows `seen`, and notes how long the slowest took. */
    const bobSees = async (what: string, seen: (page: Page) => Locator): Promise<void> => {
      const started = Date.now();
      await Promise.all(bobDevices.map((page) => seen(page).first().waitFor({ timeout: SEEN_WITHIN_MS })));
      latencies[what] = Date.now() - started;
    };
    const bubble = (page: Page, text: string, direction: 'in' | 'out') => messageLog(page).locator(`.message--${direction}`).filter({ hasText: text });

    const question = await sendMessage(bobDevices[0]!, 'Dinner at eight?');
    await waitForSendState(question, 'Sent');
    const dinner = await waitForMessage(alicePage, 'Dinner at eight?', 'in');

    const reply = await replyTo(alicePage, dinner, 'Eight works for me');
    await waitForSendState(reply, 'Sent');
    await bobSees('reply', (page) => bubble(page, 'Eight works for me', 'in').locator('.message__quote').filter({ hasText: 'Dinner at eight?' }));

    await editOwnMessage(alicePage, reply, 'Eight works, see you there');
    await bobSees('edit', (page) => bubble(page, 'Eight works, see you there', 'in').filter({ hasText: 'edited' }));

    await reactTo(alicePage, dinner, '👍');
    await bobSees('reaction', (page) => bubble(page, 'Dinner at eight?', 'out').locator('.reaction').filter({ hasText: '👍 1' }));

    const oops = await sendMessage(alicePage, 'Bring the tickets I forgot');
    await waitForSendState(oops, 'Sent');
    await bobSees('message', (page) => bubble(page, 'Bring the tickets I forgot', 'in'));
    await deleteForEveryone(alicePage, oops);
    await bobSees('delete', (page) => messageLog(page).locator('.message--in').filter({ hasText: 'This message was deleted.' }));
    for (const page of bobDevices) expect(await messageLog(page).getByText('Bring the tickets I forgot').count()).toBe(0);

    await setDisappearingTimer(alicePage, '1 day');
    await messageLog(alicePage).getByText('You set messages to disappear after 1 day').waitFor();
    await bobSees('timer', (page) => messageLog(page).getByText(`${addressOf(friends.alice)} set messages to disappear after 1 day`));
    for (const page of bobDevices) expect(await page.getByLabel('Disappearing messages').inputValue()).toBe(String(24 * 3600));
    const secret = await sendMessage(alicePage, 'The door code is 4711');
    await waitForSendState(secret, 'Sent');
    await bobSees('disappearing message', (page) => bubble(page, 'The door code is 4711', 'in').locator('.message__countdown'));

    // Read receipts, once both turn them on (bob on one device: the setting is his account's).
    await setReadReceipts(bobDevices[0]!, true);
    await openChat(bobDevices[0]!, addressOf(friends.alice));
    await setReadReceipts(alicePage, true);
    await openChat(alicePage, addressOf(friends.bob));
    const asked = await sendMessage(alicePage, 'Did you read this?');
    await waitForSendState(asked, 'Sent');
    const started = Date.now();
    await asked.locator('.message__read').waitFor({ timeout: SEEN_WITHIN_MS });
    latencies['read receipt'] = Date.now() - started;

    await screenshot(alicePage, 'e2e-message-types-alice');
    await screenshot(bobDevices[1]!, 'e2e-message-types-bob-phone');
    console.info(`bob's devices saw each change after (ms): ${JSON.stringify(latencies)}`);
  });
});
