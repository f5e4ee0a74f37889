/**
 * Files and pictures as a phone user meets them, on the production bundle with two real home
 * servers: each test is one defect met on a 360 × 640 or 320 × 568 screen, and fails without its fix.
 */
import type { Locator, Page } from 'playwright-core';
import { useFriendsOnTwoServers } from './friends-on-two-servers';
import { addressOf, screenshot } from './pages';
import { gradientPng } from './test-pictures';

jest.setTimeout(180_000);

const PHONE = { width: 360, height: 640 };

/** How far below the window's bottom edge `locator` ends (negative or zero: on screen). */
const belowWindow = async (page: Page, locator: Locator): Promise<number> => {
  const box = await locator.boundingBox();
  if (box === null) throw new Error('not laid out');
  return box.y + box.height - page.viewportSize()!.height;
};

describe('files on a phone across two home servers', () => {
  const friends = useFriendsOnTwoServers('web-real-files-on-a-phone');

  it('keeps the composer and Send on a 360 × 640 phone while two pictures and a video are being sent', async () => {
    const page = await friends.bobDevice(PHONE);
    // Each chunk dropped at alice's server waits, so the files are still on their way when measured.
    await page.route('**/users/*/objects', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      await route.fallback().catch(() => undefined);
    });
    await page.getByLabel('Files to send').setInputFiles([
      { name: 'IMG_2041.png', mimeType: 'image/png', buffer: gradientPng() },
      { name: 'IMG_2042.png', mimeType: 'image/png', buffer: gradientPng() },
      { name: 'VID_2043.mp4', mimeType: 'video/mp4', buffer: Buffer.alloc(2_000_000, 1) },
    ]);
    await page.getByRole('progressbar', { name: 'Sending VID_2043.mp4' }).waitFor();
    // The note on what was taken out of the pictures shows too, as it does once they are prepared.
    await page.getByRole('status').filter({ hasText: 'Removed from your pictures' }).waitFor();
    await screenshot(page, 'files-on-a-phone-uploading-360x640');

    expect(await belowWindow(page, page.getByRole('button', { name: 'Send', exact: true }))).toBeLessThanOrEqual(0);
    expect(await belowWindow(page, page.getByRole('textbox', { name: `Message to ${addressOf(friends.alice)}` }))).toBeLessThanOrEqual(0);
    expect(await belowWindow(page, page.getByRole('button', { name: 'Cancel', exact: true }))).toBeLessThanOrEqual(0);
    await page.unroute('**/users/*/objects');
  });
});
