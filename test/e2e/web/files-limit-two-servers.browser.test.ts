/**
 * The file size limit in the browser: two home servers, real Chromium, the production bundle, and
 * both servers configured with `fileBytes` of 2 MiB. alice picks a 3 MiB file; the chat says so in
 * words with her server's limit, before any upload: her page asks for no object, and neither her
 * log nor bob's chat shows a file.
 */
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { useFriendsOnTwoServers } from './friends-on-two-servers';
import { messageLog, screenshot, sendMessage, waitForMessage } from './pages';

jest.setTimeout(300_000);

const LIMIT_BYTES = 2 * 1024 * 1024;

describe('the file size limit across two home servers', () => {
  const friends = useFriendsOnTwoServers('web-real-files-limit', { fileBytes: LIMIT_BYTES });

  const chatAlert = (page: Page) => page.locator('#main').getByRole('alert').filter({ hasText: /\S/ });

  it('a file over the server’s limit is refused before any upload, with the limit in words', async () => {
    const alicePage = await friends.aliceDevice();
    const bobPage = await friends.bobDevice();
    const requests: { readonly method: string; readonly url: string }[] = [];
    alicePage.on('request', (request) => requests.push({ method: request.method(), url: request.url() }));
    await expect(chatAlert(alicePage).count()).resolves.toBe(0);

    const picked = requests.length;
    const started = Date.now();
    await alicePage.getByLabel('Files to send').setInputFiles([{ name: 'dataset.bin', mimeType: 'application/octet-stream', buffer: randomBytes(3 * 1024 * 1024) }]);
    const alert = chatAlert(alicePage);
    await alert.waitFor({ timeout: 20_000 });
    const refusedMs = Date.now() - started;
    expect(await alert.innerText()).toContain('dataset.bin is larger than the 2 MB your server lets you send.');
    await screenshot(alicePage, 'e2e-files-limit-alice');

    // A text sent afterwards reaches bob, so anything of the refused file would have arrived before it.
    const marker = 'after the file that was too large';
    await sendMessage(alicePage, marker);
    await waitForMessage(bobPage, marker, 'in');

    const afterPick = requests.slice(picked);
    expect(afterPick.filter(({ url }) => url.includes('/store/objects') || url.includes('/objects'))).toEqual([]);
    expect(await messageLog(alicePage).locator('.message-file').count()).toBe(0);
    expect(await alicePage.locator('.upload').count()).toBe(0);
    expect(await messageLog(bobPage).locator('.message-file').count()).toBe(0);
    expect(await bobPage.locator('.message-file').count()).toBe(0);

    console.info(`3 MiB over a 2 MiB limit refused in ${refusedMs} ms; alice's page made ${afterPick.length} requests after the pick, none for an object`);
  });
});
