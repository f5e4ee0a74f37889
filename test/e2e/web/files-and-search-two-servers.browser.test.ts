/**
 * What a demanding first-month user ran into with files and search, on the production bundle with
 * two real home servers: each test is one of them, and fails without its fix.
 */
import type { Locator, Page } from 'playwright-core';
import { expectProblems } from './chromium';
import { savedBytes, sha256, useFriendsOnTwoServers } from './friends-on-two-servers';
import { addressOf, deleteForEveryone, editOwnMessage, logIn, messageLog, screenshot, sendMessage, setDisappearingTimer, waitForMessage, waitForSendState, waitUntilChatOpen } from './pages';

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

  const bottomOf = async (locator: Locator): Promise<number> => {
    const box = await locator.boundingBox();
    return (box?.y ?? Infinity) + (box?.height ?? 0);
  };

  it.each([
    { screen: 'a 360 × 740 phone', viewport: { width: 360, height: 740 }, count: 2 },
    { screen: 'an 1100 × 800 window', viewport: { width: 1100, height: 800 }, count: 8 },
  ])('keeps the composer and Send on $screen while files with long names are being sent', async ({ viewport, count }) => {
    const page = await friends.bobDevice(viewport);
    // Each chunk dropped at alice's server waits, so the files are still on their way when measured.
    await page.route('**/users/*/objects', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      await route.fallback().catch(() => undefined);
    });
    const files = Array.from({ length: count }, (_, index) => ({
      name: `Quarterly_statements_and_projections_FINAL_v${index}_reviewed_by_accounting.pdf`,
      mimeType: 'application/pdf',
      buffer: Buffer.alloc(200_000, index),
    }));
    await page.getByLabel('Files to send').setInputFiles(files);
    await page.getByRole('progressbar', { name: `Sending ${files[count - 1]!.name}` }).waitFor();
    await screenshot(page, `files-and-search-uploading-${viewport.width}`);

    expect(await bottomOf(page.getByRole('button', { name: 'Send', exact: true }))).toBeLessThanOrEqual(viewport.height);
    expect(await bottomOf(page.getByRole('textbox', { name: `Message to ${addressOf(friends.alice)}` }))).toBeLessThanOrEqual(viewport.height);
    // Each file's progress and the Cancel stay in sight, not cut off at the side.
    const cancel = await page.getByRole('button', { name: `Cancel sending all ${count} files` }).boundingBox();
    expect(cancel!.x + cancel!.width).toBeLessThanOrEqual(viewport.width);
    await page.unroute('**/users/*/objects');
  });

  it('says a file could not be downloaded because our own server could not be reached, not to check a server address', async () => {
    const alicePage = await friends.aliceDevice();
    await alicePage.getByLabel('Files to send').setInputFiles([{ name: 'boarding-pass.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(50_000, 3) }]);
    const bobPage = await friends.bobDevice();
    const file = messageLog(bobPage).locator('.message-file').filter({ hasText: 'boarding-pass.pdf' });
    await file.waitFor({ timeout: 60_000 });
    await bobPage.route('**/store/objects/**', (route) => (route.request().method() === 'GET' ? route.abort('connectionrefused') : route.fallback()));
    expectProblems(bobPage, /^console error: Failed to load resource: net::ERR_CONNECTION_REFUSED$/);

    await file.getByRole('button', { name: 'Download boarding-pass.pdf' }).click();
    const alert = file.getByRole('alert');
    await alert.waitFor({ timeout: 60_000 });
    expect(await alert.innerText()).toBe('Could not reach your own server, so nothing was downloaded. Check your connection and try again.');
    await bobPage.unroute('**/store/objects/**');
  });

  it('offers to try a download again once our own server could not be reached, and saves the file on that try', async () => {
    const alicePage = await friends.aliceDevice();
    const bytes = Buffer.alloc(40_000, 7);
    await alicePage.getByLabel('Files to send').setInputFiles([{ name: 'ferry-times.pdf', mimeType: 'application/pdf', buffer: bytes }]);
    const bobPage = await friends.bobDevice();
    const file = messageLog(bobPage).locator('.message-file').filter({ hasText: 'ferry-times.pdf' });
    await file.waitFor({ timeout: 60_000 });
    await bobPage.route('**/store/objects/**', (route) => (route.request().method() === 'GET' ? route.abort('connectionrefused') : route.fallback()));
    expectProblems(bobPage, /^console error: Failed to load resource: net::ERR_CONNECTION_REFUSED$/);
    await file.getByRole('button', { name: 'Download ferry-times.pdf' }).click();
    await file.getByRole('alert').waitFor({ timeout: 60_000 });
    await bobPage.unroute('**/store/objects/**');

    const tryAgain = file.getByRole('button', { name: 'Try again to download ferry-times.pdf' });
    expect(await tryAgain.innerText()).toBe('Try again');
    const [download] = await Promise.all([bobPage.waitForEvent('download', { timeout: 60_000 }), tryAgain.click()]);
    expect(sha256(await savedBytes(download))).toBe(sha256(bytes));
    await file.getByRole('alert').waitFor({ state: 'detached' });
  });

  it('says our own server answered oddly when a chunk comes back as something else, not that it may not be a starbase server', async () => {
    const alicePage = await friends.aliceDevice();
    await alicePage.getByLabel('Files to send').setInputFiles([{ name: 'visa.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(30_000, 5) }]);
    const bobPage = await friends.bobDevice();
    const file = messageLog(bobPage).locator('.message-file').filter({ hasText: 'visa.pdf' });
    await file.waitFor({ timeout: 60_000 });
    await bobPage.route('**/store/objects/**', (route) =>
      route.request().method() === 'GET' ? route.fulfill({ status: 200, contentType: 'text/html', body: '<html>Welcome to nginx!</html>' }) : route.fallback(),
    );

    await file.getByRole('button', { name: 'Download visa.pdf' }).click();
    const alert = file.getByRole('alert');
    await alert.waitFor({ timeout: 60_000 });
    expect(await alert.innerText()).toBe('Your own server answered with something unexpected, so nothing was downloaded. Try again later.');
    await bobPage.unroute('**/store/objects/**');
  });

  it('takes a message its sender deleted for everyone out of the search results on screen, as out of the chat', async () => {
    const alicePage = await friends.aliceDevice();
    const bobPage = await friends.bobDevice();
    const secret = await sendMessage(alicePage, 'The door code is walnut 4471');
    await waitForSendState(secret, 'Sent');
    await waitForMessage(bobPage, 'The door code is walnut 4471');
    await searchFor(bobPage, 'walnut');
    expect(await results(bobPage).count()).toBe(1);

    await deleteForEveryone(alicePage, secret);
    await messageLog(bobPage).getByText('This message was deleted.').waitFor();
    await bobPage.getByRole('status').filter({ hasText: 'No messages with “walnut”.' }).waitFor();
    expect(await bobPage.getByRole('complementary', { name: 'Contacts' }).getByText('door code').count()).toBe(0);
  });

  it('takes a failed message out of the search results on screen once it is deleted, as out of the chat', async () => {
    const alicePage = await friends.aliceDevice();
    await alicePage.route('**/api/v1/users/*/drops', (route) => route.abort('connectionrefused'));
    expectProblems(alicePage, /^console error: Failed to load resource: net::ERR_CONNECTION_REFUSED$/);
    const failed = await sendMessage(alicePage, 'The spare key is under the birch');
    await waitForSendState(failed, 'Not sent');
    await searchFor(alicePage, 'birch');
    expect(await results(alicePage).count()).toBe(1);

    // Deleted, a failed message leaves no mark in the chat: nothing there says it was deleted.
    await failed.getByRole('button', { name: 'Delete', exact: true }).click();
    await failed.waitFor({ state: 'detached' });
    await alicePage.getByRole('status').filter({ hasText: 'No messages with “birch”.' }).waitFor();
    expect(await alicePage.getByRole('list', { name: 'Search results' }).getByText('spare key').count()).toBe(0);
    await alicePage.unroute('**/api/v1/users/*/drops');
  });

  it('shows a found message as its sender edited it since, and takes it out of the results once it no longer matches', async () => {
    const alicePage = await friends.aliceDevice();
    const bobPage = await friends.bobDevice();
    await waitForSendState(await sendMessage(alicePage, 'Dinner at the lighthouse at eight'), 'Sent');
    await waitForMessage(bobPage, 'Dinner at the lighthouse at eight');
    await searchFor(bobPage, 'dinner');
    expect(await results(bobPage).count()).toBe(1);

    await editOwnMessage(alicePage, await waitForMessage(alicePage, 'Dinner at the lighthouse', 'out'), 'Dinner at the harbour at eight');
    await waitForMessage(bobPage, 'Dinner at the harbour at eight');
    await results(bobPage).filter({ hasText: 'Dinner at the harbour at eight' }).waitFor();
    expect(await results(bobPage).count()).toBe(1);

    await editOwnMessage(alicePage, await waitForMessage(alicePage, 'Dinner at the harbour', 'out'), 'Lunch at the harbour at noon');
    await waitForMessage(bobPage, 'Lunch at the harbour at noon');
    await bobPage.getByRole('status').filter({ hasText: 'No messages with “dinner”.' }).waitFor();
    expect(await bobPage.getByRole('list', { name: 'Search results' }).getByText('lighthouse').count()).toBe(0);
  });

  it('takes a disappearing message out of the search results on screen when it disappears from the chat, its countdown started after it was found', async () => {
    const { page } = await friends.aliceSignedIn();
    // The page's clock is moved on past the timer rather than waited for.
    await page.clock.install();
    await page.reload();
    await logIn(page, friends.alice);
    const bobPage = await friends.bobDevice();
    await setDisappearingTimer(bobPage, '5 minutes');
    await waitForSendState(await sendMessage(bobPage, 'Meet me at the fountain'), 'Sent');
    await page.getByRole('complementary', { name: 'Contacts' }).getByText('Meet me at the fountain').waitFor();
    // Found before the chat showed it: a friend's message counts down from its first display (§11), so not yet.
    await searchFor(page, 'fountain');
    expect(await results(page).count()).toBe(1);

    await results(page).click();
    await waitUntilChatOpen(page, addressOf(friends.bob));
    await waitForMessage(page, 'Meet me at the fountain');
    await page.clock.fastForward('05:30');
    await messageLog(page).getByText('Meet me at the fountain').waitFor({ state: 'detached' });
    await page.getByRole('status').filter({ hasText: 'No messages with “fountain”.' }).waitFor();
    expect(await page.getByRole('list', { name: 'Search results' }).getByText('Meet me at the fountain').count()).toBe(0);
  });
});
