/**
 * What a demanding first-month user ran into with files and search, on the production bundle with
 * two real home servers: each test is one of them, and fails without its fix.
 */
import type { Page } from 'playwright-core';
import { useFriendsOnTwoServers } from './friends-on-two-servers';
import { messageLog, screenshot, sendMessage, waitForSendState } from './pages';

jest.setTimeout(180_000);

describe('files and search across two home servers', () => {
  const friends = useFriendsOnTwoServers('web-real-files-and-search');

  const searchFor = async (page: Page, query: string): Promise<void> => {
    const field = page.getByRole('searchbox', { name: 'Search all messages' });
    await field.fill(query);
    await field.press('Enter');
    await page.getByRole('status').filter({ hasText: `with “${query}”` }).waitFor();
  };
  const results = (page: Page) => page.getByRole('list', { name: 'Search results' }).getByRole('button');

  it('finds a file by its name and opens the chat at its message', async () => {
    const alicePage = await friends.aliceDevice();
    await alicePage.getByLabel('Files to send').setInputFiles([{ name: 'tax-return-2026.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 not really') }]);
    await messageLog(alicePage).locator('.message-file__name', { hasText: 'tax-return-2026.pdf' }).waitFor({ timeout: 60_000 });
    await waitForSendState(await sendMessage(alicePage, 'Here is the form you asked for'), 'Sent');
    const bobPage = await friends.bobDevice();

    await searchFor(bobPage, 'tax return');
    expect(await results(bobPage).count()).toBe(1);
    expect(await results(bobPage).first().locator('mark').innerText()).toBe('tax');
    await results(bobPage).first().click();
    await messageLog(bobPage).locator('.message--in .message-file__name', { hasText: 'tax-return-2026.pdf' }).waitFor();
  });

  it('keeps each search result’s time on one line beside the sender', async () => {
    const page = await friends.aliceDevice();
    await waitForSendState(await sendMessage(page, 'Bring the blue tent'), 'Sent');
    await searchFor(page, 'tent');
    await screenshot(page, 'files-and-search-result-time');

    const time = results(page).first().locator('.search-result__time');
    const fontSize = await time.evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
    // One line is about 1.5 font sizes high; "07:36" over "AM" was two.
    expect((await time.boundingBox())!.height).toBeLessThan(fontSize * 2);
  });
});
