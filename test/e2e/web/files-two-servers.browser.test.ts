/**
 * Issue 15's end-to-end test: two home servers, real Chromium, the production bundle. alice sends
 * a picture and a 20 MiB file through the dead drop; bob sees the thumbnail live, downloads the
 * file and its SHA-256 matches, and so does a new device of his (the chunks come from his store).
 */
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { expectProblems, refusedWith } from './chromium';
import { savedBytes, sha256, useFriendsOnTwoServers } from './friends-on-two-servers';
import { messageLog, screenshot } from './pages';
import { gradientPng } from './test-pictures';

jest.setTimeout(300_000);

describe('files across two home servers', () => {
  const friends = useFriendsOnTwoServers('web-real-files');

  const fileItem = (page: Page, name: string) => messageLog(page).locator('.message-file').filter({ has: page.locator('.message-file__name', { hasText: name }) });

  it('bob sees the picture’s thumbnail live and downloads the 20 MiB file intact, also on a new device', async () => {
    const alicePage = await friends.aliceDevice();
    const bobPage = await friends.bobDevice();
    // bob's devices write his store at once: Chromium logs the server's 412 on a version conflict
    // by itself, and the client merges and writes again.
    expectProblems(bobPage, refusedWith(412));
    const big = randomBytes(20 * 1024 * 1024);

    const picked = Date.now();
    await alicePage.getByLabel('Files to send').setInputFiles([
      { name: 'garden.png', mimeType: 'image/png', buffer: gradientPng() },
      { name: 'dataset.bin', mimeType: 'application/octet-stream', buffer: big },
    ]);
    const started = Date.now();
    const pickMs = started - picked;
    await alicePage.locator('.upload').first().waitFor();
    await fileItem(alicePage, 'dataset.bin').waitFor({ timeout: 120_000 });
    const sendMs = Date.now() - started;
    await fileItem(bobPage, 'garden.png').locator('img.message-file__thumbnail').waitFor({ timeout: 20_000 });
    expect(await fileItem(bobPage, 'dataset.bin').locator('.message-file__meta').innerText()).toBe('application/octet-stream · 20 MB');

    const downloadStarted = Date.now();
    const [download] = await Promise.all([bobPage.waitForEvent('download', { timeout: 120_000 }), fileItem(bobPage, 'dataset.bin').getByRole('button', { name: 'Download dataset.bin' }).click()]);
    expect(download.suggestedFilename()).toBe('dataset.bin');
    expect(sha256(await savedBytes(download))).toBe(sha256(big));
    const downloadMs = Date.now() - downloadStarted;
    await screenshot(bobPage, 'e2e-files-bob');

    const bobAgain = await friends.bobDevice();
    expectProblems(bobAgain, refusedWith(412));
    const [again] = await Promise.all([bobAgain.waitForEvent('download', { timeout: 120_000 }), fileItem(bobAgain, 'dataset.bin').getByRole('button', { name: 'Download dataset.bin' }).click()]);
    expect(sha256(await savedBytes(again))).toBe(sha256(big));
    console.info(`20 MiB + a picture: handed to the page in ${pickMs} ms, then sent in ${sendMs} ms; downloaded in ${downloadMs} ms`);
  });
});
