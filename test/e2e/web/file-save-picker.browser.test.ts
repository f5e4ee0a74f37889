/**
 * Downloads through the File System Access save picker (Chromium desktop): the file's chunks are
 * written into the picked file as they come and committed only when the file checks out; a broken
 * file aborts the writable, so nothing of it is saved. Headless Chromium has no dialog to click, so
 * the page gets a fake picker that records what the app does with the writable.
 */
import type { Browser, Page } from 'playwright-core';
import type { MessengerSession } from '../../../src/application/client/messenger';
import { ALICE_ADDRESS, aliceChatsWithBob as openAliceChat } from './alice-chats-with-bob';
import { buildFakeApp } from './build-app';
import { launchChromium, type WatchedPage } from './chromium';
import { controlNetwork } from './fake-network-page';
import { serveStatic, type StaticServer } from './static-server';

jest.setTimeout(120_000);

/** Defined inside the page by createPeer. */
declare function peerSession(address: string): MessengerSession;

const MiB = 1024 * 1024;

let server: StaticServer;
let browser: Browser;
const watched: WatchedPage[] = [];

beforeAll(async () => {
  server = await serveStatic(buildFakeApp('web-fake-save-picker'), { actAsHomeServer: true });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A picker that answers `choice` and a writable that logs its calls into window.savePickerLog. */
const installFakePicker = (page: Page, choice: 'pick' | 'cancel'): Promise<void> =>
  page.evaluate((answer) => {
    const log: string[] = [];
    Object.assign(window, { savePickerLog: log });
    Object.assign(window, {
      showSaveFilePicker: async (options: { suggestedName: string }) => {
        log.push(`pick ${options.suggestedName}`);
        if (answer === 'cancel') throw new DOMException('The user aborted a request.', 'AbortError');
        return {
          createWritable: async () => ({
            write: async (bytes: Uint8Array) => void log.push(`write ${bytes.byteLength}`),
            close: async () => void log.push('close'),
            abort: async () => void log.push('abort'),
          }),
        };
      },
    });
  }, choice);

const pickerLog = (page: Page): Promise<string[]> => page.evaluate(() => (window as unknown as { savePickerLog: string[] }).savePickerLog);

describe('downloads into a file picked with the save picker', () => {
  it('writes chunk by chunk and commits a good file; aborts a broken one; a cancelled picker downloads nothing', async () => {
    const { opened, page, bob } = await openAliceChat(browser, server.url, watched);
    const messageId = await page.evaluate(
      async ([bob, alice, size]) => {
        const session = peerSession(bob);
        await session.sync();
        await session.sendFiles(alice, [{ name: 'film.mp4', type: 'video/mp4', bytes: new Uint8Array(size) }]);
        const sent = session.conversation(alice).findLast((entry) => entry.kind === 'message' && entry.files.length === 1);
        return sent?.kind === 'message' ? sent.id : '';
      },
      [bob.address, ALICE_ADDRESS, 2 * MiB + 10] as const,
    );
    const film = page.locator('.message-file').filter({ has: page.locator('.message-file__name', { hasText: 'film.mp4' }) });
    const button = film.getByRole('button', { name: 'Download film.mp4' });
    await button.waitFor();
    let downloads = 0;
    page.on('download', () => (downloads += 1));

    await installFakePicker(page, 'pick');
    await button.click();
    await page.waitForFunction(() => (window as unknown as { savePickerLog: string[] }).savePickerLog.includes('close'));
    expect(await pickerLog(page)).toEqual(['pick film.mp4', `write ${MiB}`, `write ${MiB}`, 'write 10', 'close']);

    await installFakePicker(page, 'cancel');
    await button.click();
    await button.waitFor();
    expect(await pickerLog(page)).toEqual(['pick film.mp4']);

    await controlNetwork(page, 'breakFile', messageId, 0);
    await installFakePicker(page, 'pick');
    await button.click();
    await film.locator('.message-file__broken').waitFor();
    const broken = await pickerLog(page);
    expect(broken.slice(-1)).toEqual(['abort']);
    expect(broken).not.toContain('close');
    expect(downloads).toBe(0);
    expect(opened.problems).toEqual([]);
    for (const { context } of watched.splice(0)) await context.close();
  });
});
