/**
 * Files and pictures as a phone user meets them, on the production bundle with two real home
 * servers: each test is one defect met on a 360 × 640 or 320 × 568 screen, and fails without its fix.
 */
import type { Locator, Page, Route } from 'playwright-core';
import { expectProblems, refusedWith } from './chromium';
import { useFriendsOnTwoServers } from './friends-on-two-servers';
import { addressOf, messageLog, screenshot } from './pages';
import { gradientPng, gradientPngOf } from './test-pictures';

jest.setTimeout(180_000);

const PHONE = { width: 360, height: 640 };

/** What a server answers when it fails (error-handling.ts). */
const failWithInternalError = (route: Route): Promise<void> =>
  route.fulfill({
    status: 500,
    contentType: 'application/problem+json',
    body: JSON.stringify({ type: 'about:blank', title: 'Internal server error', status: 500, code: 'internal', detail: 'The server failed; the failure has been logged.' }),
  });

/** Each chunk dropped at the friend's server waits 3 s, so the files are still on their way when measured. */
const slowChunkDrops = async (page: Page): Promise<void> => {
  await page.route('**/users/*/objects', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await route.fallback().catch(() => undefined);
  });
};

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
    await slowChunkDrops(page);
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
    expect(await belowWindow(page, page.getByRole('button', { name: 'Cancel sending all 3 files' }))).toBeLessThanOrEqual(0);
    await page.unroute('**/users/*/objects');
  });

  it('says the Cancel in the first file’s row stops all the files picked with it, and it does', async () => {
    const page = await friends.bobDevice(PHONE);
    await slowChunkDrops(page);
    await page.getByLabel('Files to send').setInputFiles([
      { name: 'IMG_2051.png', mimeType: 'image/png', buffer: gradientPng() },
      { name: 'IMG_2052.png', mimeType: 'image/png', buffer: gradientPng() },
      { name: 'VID_2053.mp4', mimeType: 'video/mp4', buffer: Buffer.alloc(500_000, 1) },
    ]);
    const list = page.getByRole('list', { name: 'Files being sent' });
    await list.waitFor();
    const firstRow = list.getByRole('listitem').filter({ hasText: 'IMG_2051.png' });
    const cancel = firstRow.getByRole('button', { name: 'Cancel sending all 3 files' });
    expect(await cancel.innerText()).toBe('Cancel all');

    await cancel.click();
    await list.waitFor({ state: 'detached' });
    expect(await messageLog(page).locator('.message').filter({ hasText: 'IMG_2051.png' }).count()).toBe(0);
    await page.unroute('**/users/*/objects');
  });

  it('says our own server failed when a download meets its internal error on a 320 × 568 phone, not some server, and that nothing was saved', async () => {
    const alicePage = await friends.aliceDevice();
    await alicePage.getByLabel('Files to send').setInputFiles([{ name: 'IMG_2044.png', mimeType: 'image/png', buffer: gradientPng() }]);
    const bobPage = await friends.bobDevice({ width: 320, height: 568 });
    const file = messageLog(bobPage).locator('.message-file').filter({ hasText: 'IMG_2044.png' });
    await file.waitFor({ timeout: 60_000 });
    // bob's server fails on each chunk he asks it for.
    await bobPage.route('**/store/objects/**', (route) => (route.request().method() === 'GET' ? failWithInternalError(route) : route.fallback()));
    expectProblems(bobPage, refusedWith(500));

    await file.getByRole('button', { name: 'Download IMG_2044.png' }).click();
    const alert = file.getByRole('alert');
    await alert.waitFor({ timeout: 60_000 });
    await screenshot(bobPage, 'files-on-a-phone-download-internal-320x568');
    expect(await alert.innerText()).toBe('Your own server ran into a problem of its own, so nothing was downloaded. Try again later; if it keeps happening, tell its operator.');
    await bobPage.unroute('**/store/objects/**');
  });

  it('keeps in sight why files were not sent when the friend’s server refused them, on a 360 × 640 phone', async () => {
    const bobPage = await friends.bobDevice(PHONE);
    const alice = addressOf(friends.alice);
    // alice's server fails on each chunk bob drops there (error-handling.ts's answer).
    await bobPage.route('**/users/*/objects', failWithInternalError);
    expectProblems(bobPage, refusedWith(500));

    await bobPage.getByLabel('Files to send').setInputFiles([{ name: 'lease-signed.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(100_000, 3) }]);
    const upload = bobPage.getByRole('list', { name: 'Files being sent' });
    await upload.waitFor();
    await upload.waitFor({ state: 'detached', timeout: 30_000 });
    // A frame for whatever the end of the upload set off.
    await bobPage.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
    await screenshot(bobPage, 'files-on-a-phone-friend-server-refused-360x640');

    const alert = bobPage.locator('#main').getByRole('alert').filter({ hasText: /\S/ });
    expect(await alert.allInnerTexts()).toEqual([`${alice}'s server ran into a problem of its own, so your files were not sent. Send them again later. (code: internal)`]);
    expect(await messageLog(bobPage).locator('.message').filter({ hasText: 'lease-signed.pdf' }).count()).toBe(0);
    await bobPage.unroute('**/users/*/objects');
  });

  it('keeps the composer, Send and what the files wait for in sight on a 320 × 568 phone while they wait for the friend’s server', async () => {
    const page = await friends.bobDevice({ width: 320, height: 568 });
    await page.route('**/users/*/objects', (route) => route.abort('connectionrefused'));
    expectProblems(page, /^console error: Failed to load resource: net::ERR_CONNECTION_REFUSED$/);
    await page.getByLabel('Files to send').setInputFiles([
      { name: 'IMG_2045.png', mimeType: 'image/png', buffer: gradientPng() },
      { name: 'holiday-photos.zip', mimeType: 'application/zip', buffer: Buffer.alloc(1_500_000, 9) },
    ]);
    const waiting = page.getByRole('status').filter({ hasText: `Waiting for ${addressOf(friends.alice)}’s server…` });
    await waiting.waitFor({ timeout: 30_000 });
    await page.getByRole('status').filter({ hasText: 'Removed from your pictures' }).waitFor();
    await screenshot(page, 'files-on-a-phone-waiting-320x568');

    expect(await belowWindow(page, page.getByRole('button', { name: 'Send', exact: true }))).toBeLessThanOrEqual(0);
    expect(await belowWindow(page, page.getByRole('textbox', { name: `Message to ${addressOf(friends.alice)}` }))).toBeLessThanOrEqual(0);
    // What the 0 % is waiting for shows in the part of the list in sight, not scrolled away below it.
    const list = (await page.getByRole('list', { name: 'Files being sent' }).boundingBox())!;
    const note = (await waiting.boundingBox())!;
    expect(note.y + note.height).toBeLessThanOrEqual(list.y + list.height);
    await page.unroute('**/users/*/objects');
  });

  it('shows the preview of a portrait picture whole in the chat of a 320 × 568 phone', async () => {
    const alicePage = await friends.aliceDevice();
    await alicePage.getByLabel('Files to send').setInputFiles([{ name: 'IMG_2061.png', mimeType: 'image/png', buffer: gradientPngOf(300, 1800) }]);
    const bobPage = await friends.bobDevice({ width: 320, height: 568 });
    const preview = messageLog(bobPage).getByRole('img', { name: 'Preview of IMG_2061.png' });
    await preview.waitFor({ timeout: 60_000 });
    await preview.evaluate((image: HTMLImageElement) => image.decode());
    await preview.scrollIntoViewIfNeeded();
    await screenshot(bobPage, 'files-on-a-phone-portrait-320x568');

    const shown = (await preview.boundingBox())!;
    const log = await messageLog(bobPage).evaluate((element) => element.clientHeight);
    expect(shown.height).toBeLessThanOrEqual(log);
  });

  it('shows a picture whole in a dialog on a tap of its preview on a 320 × 568 phone, and Escape gives focus back to the preview', async () => {
    const alicePage = await friends.aliceDevice();
    await alicePage.getByLabel('Files to send').setInputFiles([{ name: 'IMG_2091.png', mimeType: 'image/png', buffer: gradientPngOf(1200, 800) }]);
    const bobPage = await friends.bobDevice({ width: 320, height: 568 });
    const preview = messageLog(bobPage).getByRole('button', { name: 'View IMG_2091.png' });
    await preview.waitFor({ timeout: 60_000 });

    await preview.click();
    const dialog = bobPage.getByRole('dialog', { name: 'IMG_2091.png' });
    const picture = dialog.getByRole('img', { name: 'IMG_2091.png' });
    await picture.waitFor({ timeout: 60_000 });
    await picture.evaluate((image: HTMLImageElement) => image.decode());
    await screenshot(bobPage, 'files-on-a-phone-picture-view-320x568');

    // The picture itself, not its thumbnail (at most 320 px a side), scaled to fit the window.
    expect(await picture.evaluate((image: HTMLImageElement) => [image.naturalWidth, image.naturalHeight])).toEqual([1200, 800]);
    const shown = (await picture.boundingBox())!;
    expect(shown.x).toBeGreaterThanOrEqual(0);
    expect(shown.x + shown.width).toBeLessThanOrEqual(320);
    expect(shown.y + shown.height).toBeLessThanOrEqual(568);
    expect(shown.width / shown.height).toBeCloseTo(1.5, 1);
    const url = await picture.getAttribute('src');

    await bobPage.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await preview.evaluate((element) => element === document.activeElement)).toBe(true);
    // The decrypted picture is not left in the page's blob store: loading its URL again fails.
    expectProblems(bobPage, /^console error: Failed to load resource: net::ERR_FILE_NOT_FOUND$/);
    const loads = (src: string | null) =>
      new Promise<string>((resolve) => {
        const image = new Image();
        image.onload = () => resolve('kept');
        image.onerror = () => resolve('revoked');
        image.src = src!;
      });
    expect(await bobPage.evaluate(loads, url)).toBe('revoked');
  });

  it('closes the picture on a tap beside it and on Close, and says in the dialog when our own server fails the download', async () => {
    const alicePage = await friends.aliceDevice();
    await alicePage.getByLabel('Files to send').setInputFiles([{ name: 'IMG_2092.png', mimeType: 'image/png', buffer: gradientPngOf(300, 1800) }]);
    const bobPage = await friends.bobDevice(PHONE);
    const preview = messageLog(bobPage).getByRole('button', { name: 'View IMG_2092.png' });
    await preview.waitFor({ timeout: 60_000 });
    const dialog = bobPage.getByRole('dialog', { name: 'IMG_2092.png' });

    await preview.click();
    await dialog.getByRole('img', { name: 'IMG_2092.png' }).waitFor({ timeout: 60_000 });
    // Beside the tall, narrow picture: the dark area around it.
    await bobPage.mouse.click(20, PHONE.height / 2);
    await dialog.waitFor({ state: 'detached' });

    await bobPage.route('**/store/objects/**', (route) => (route.request().method() === 'GET' ? failWithInternalError(route) : route.fallback()));
    expectProblems(bobPage, refusedWith(500));
    await preview.click();
    const alert = dialog.getByRole('alert');
    await alert.waitFor({ timeout: 60_000 });
    expect(await alert.innerText()).toBe('Your own server ran into a problem of its own, so nothing was downloaded. Try again later; if it keeps happening, tell its operator.');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await preview.evaluate((element) => element === document.activeElement)).toBe(true);
    await bobPage.unroute('**/store/objects/**');
  });

  it('says no more what was removed from pictures the friend’s server refused, and keeps the bar off the composer on a 320 × 568 phone', async () => {
    const page = await friends.bobDevice({ width: 320, height: 568 });
    await page.route('**/users/*/objects', failWithInternalError);
    expectProblems(page, refusedWith(500));

    await page.getByLabel('Files to send').setInputFiles([{ name: 'IMG_2081.png', mimeType: 'image/png', buffer: gradientPng() }]);
    await page.locator('#main').getByRole('alert').filter({ hasText: 'so your files were not sent' }).waitFor({ timeout: 30_000 });
    await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
    await screenshot(page, 'files-on-a-phone-picture-refused-320x568');

    expect(await page.getByRole('status').filter({ hasText: 'Removed from your pictures' }).count()).toBe(0);
    const composer = page.getByRole('textbox', { name: `Message to ${addressOf(friends.alice)}` });
    expect(await belowWindow(page, composer)).toBeLessThanOrEqual(0);
    expect(await belowWindow(page, page.getByRole('button', { name: 'Send', exact: true }))).toBeLessThanOrEqual(0);
    // Nothing of the bar above it runs over the composer.
    const composerTop = (await composer.boundingBox())!.y;
    const barBottoms = await page.locator('.attachments > *').evaluateAll((parts) =>
      parts.filter((part) => getComputedStyle(part).position !== 'absolute').map((part) => part.getBoundingClientRect().bottom),
    );
    for (const bottom of barBottoms) expect(bottom).toBeLessThanOrEqual(composerTop);
    await page.unroute('**/users/*/objects');
  });

  it('says files were not sent when our own storage is full, and to send them again once there is room', async () => {
    const page = await friends.bobDevice(PHONE);
    // bob's server refuses his copy of each chunk as his storage is full.
    await page.route('**/store/objects/**', (route) =>
      route.request().method() === 'PUT'
        ? route.fulfill({
            status: 507,
            contentType: 'application/problem+json',
            body: JSON.stringify({ type: 'about:blank', title: 'Storage full', status: 507, code: 'store_full', detail: 'The account storage is full.' }),
          })
        : route.fallback(),
    );
    expectProblems(page, refusedWith(507));

    await page.getByLabel('Files to send').setInputFiles([{ name: 'tax-2026.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(60_000, 6) }]);
    const alert = page.locator('#main').getByRole('alert').filter({ hasText: /\S/ });
    await alert.waitFor({ timeout: 30_000 });
    await screenshot(page, 'files-on-a-phone-store-full-360x640');

    expect(await alert.innerText()).toBe(
      'Your account storage on your server is full, so your files were not sent. Remove old conversations or files to make room, then send them again. (code: store_full)',
    );
    await page.unroute('**/store/objects/**');
  });
});
