/**
 * What a demanding first-month user ran into with files and search, on the production bundle with
 * two real home servers: each test is one of them, and fails without its fix.
 */
import type { Page } from 'playwright-core';
import { useFriendsOnTwoServers } from './friends-on-two-servers';
import { messageLog, sendMessage, waitForSendState } from './pages';

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
});
