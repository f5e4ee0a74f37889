/**
 * Issue 15's resumed uploads, on two real home servers in Chromium with the production bundle:
 * alice's upload goes on after bob's server is stopped and started again (same port, same data
 * directory), and after a reload of her page (she logs in again) without sending again a chunk
 * bob's server accepted; bob downloads both files and their SHA-256 match.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { uploadDatabaseName } from '../../../src/adapters/local-store/indexed-db-upload-stores';
import { FILE_CHUNK_BYTES } from '../../../src/domain/messaging/file-description';
import { startTestServer, type TestServer } from '../../support/test-server';
import { buildRealApp } from './build-app';
import { registerFriends, savedBytes, sha256 } from './friends-on-two-servers';
import { expectProblems, launchChromium, openWatchedPage, type WatchedPage } from './chromium';
import { addressOf, logIn, messageLog, openApp, openChat, screenshot, waitUntilChatOpen, type Account } from './pages';

jest.setTimeout(240_000);

/** Each dropped chunk is held this long on its way, so the test can act mid-upload. */
const DROP_DELAY_MS = 400;

/** A SQLite home server that can be stopped and started again on the same port and data directory. */
interface RestartableServer {
  readonly url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

const startRestartableServer = async (webRoot: string): Promise<RestartableServer> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'starbase-restart-'));
  let port = 0;
  let running: TestServer | null = null;
  const start = async (): Promise<void> => {
    const server = await startTestServer({ storage: 'sqlite', captcha: 'pow', config: { dataDir, webRoot } });
    const url = await server.app.listen({ host: '127.0.0.1', port });
    port = Number(new URL(url).port);
    running = server;
  };
  const stop = async (): Promise<void> => {
    await running?.close();
    running = null;
  };
  await start();
  return {
    url: `http://127.0.0.1:${port}`,
    start,
    stop,
    close: async () => {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};

describe('resumed uploads across two home servers', () => {
  let aliceServer: TestServer;
  let bobServer: RestartableServer;
  let browser: Browser;
  const opened: WatchedPage[] = [];
  let alice: Account;
  let bob: Account;
  let alicePage: Page;
  /** Chunk drops alice's page started at bob's server (POST /users/bob/objects). */
  let drops = 0;
  const sent = new Map<string, Buffer>();

  beforeAll(async () => {
    const app = buildRealApp('web-real-files-resume');
    aliceServer = await startTestServer({ listen: true, captcha: 'pow', config: { webRoot: app.directory } });
    bobServer = await startRestartableServer(app.directory);
    ({ alice, bob } = await registerFriends(aliceServer.url!, bobServer.url));
    browser = await launchChromium();

    const watched = await openWatchedPage(browser, { viewport: { width: 1100, height: 800 } });
    opened.push(watched);
    alicePage = watched.page;
    // Uploads are cut off and bob's server restarts under them, on purpose; Chromium logs each failed request.
    expectProblems(alicePage, /^console error: Failed to load resource: /);
    await alicePage.route((url) => url.origin === bobServer.url && url.pathname.endsWith('/users/bob/objects'), async (route) => {
      if (route.request().method() === 'POST') {
        drops += 1;
        await new Promise((resolve) => setTimeout(resolve, DROP_DELAY_MS));
      }
      await route.continue().catch(() => undefined);
    });
    await openApp(alicePage, aliceServer.url!);
    await logIn(alicePage, alice);
    await openChat(alicePage, addressOf(bob));
    await waitUntilChatOpen(alicePage, addressOf(bob));
  });

  afterAll(async () => {
    for (const { context } of opened) await context.close();
    await browser?.close();
    await bobServer?.close();
    await aliceServer?.close();
  });

  const fileItem = (page: Page, name: string) => messageLog(page).locator('.message-file').filter({ has: page.locator('.message-file__name', { hasText: name }) });

  /** Picks a file of `chunks` chunks and waits until at least `done` of them were accepted by both servers. */
  const startUpload = async (name: string, chunks: number, done: number): Promise<void> => {
    const bytes = randomBytes(chunks * FILE_CHUNK_BYTES - 1000);
    sent.set(name, bytes);
    await alicePage.getByLabel('Files to send').setInputFiles([{ name, mimeType: 'application/octet-stream', buffer: bytes }]);
    await alicePage.waitForFunction((bytesDone) => (document.querySelector<HTMLProgressElement>('.upload__bar')?.value ?? 0) >= bytesDone, done * FILE_CHUNK_BYTES, { timeout: 60_000 });
  };

  /** Records in the account's upload database (pending uploads, journal entries). */
  const keptUploads = (address: string): Promise<{ pending: number; journal: number }> =>
    alicePage.evaluate(
      (name) =>
        new Promise((resolve, reject) => {
          const opening = indexedDB.open(name);
          opening.onerror = () => reject(opening.error);
          opening.onsuccess = () => {
            const database = opening.result;
            const transaction = database.transaction(['pending', 'journal'], 'readonly');
            const pending = transaction.objectStore('pending').count();
            const journal = transaction.objectStore('journal').count();
            transaction.oncomplete = () => {
              database.close();
              resolve({ pending: pending.result, journal: journal.result });
            };
          };
        }),
      uploadDatabaseName(address),
    );

  const bytesShownDone = (): Promise<number> => alicePage.evaluate(() => document.querySelector<HTMLProgressElement>('.upload__bar')?.value ?? 0);

  it('goes on after bob’s server was stopped mid-upload and started again on the same port and data', async () => {
    await startUpload('restart.bin', 4, 1);
    await bobServer.stop();
    await alicePage.getByText(`Waiting for ${addressOf(bob)}’s server…`).waitFor({ timeout: 30_000 });
    await screenshot(alicePage, 'e2e-upload-waiting');
    await bobServer.start();
    await fileItem(alicePage, 'restart.bin').waitFor({ timeout: 60_000 });
    await alicePage.locator('.upload').first().waitFor({ state: 'detached', timeout: 20_000 });
  });

  it('goes on after a reload and a new login, without sending again a chunk bob’s server accepted', async () => {
    const chunks = 6;
    const before = drops;
    await startUpload('reload.bin', chunks, 2);
    const acceptedAtReload = Math.floor((await bytesShownDone()) / FILE_CHUNK_BYTES);
    await alicePage.reload();
    // Every drop the old page started is counted by now, and the new one starts none before login.
    const dropsBeforeReload = drops;
    await logIn(alicePage, alice);
    // It goes on after login, before its chat is opened, and the chat then shows it.
    for (let waited = 0; drops === dropsBeforeReload && waited < 30_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(drops).toBeGreaterThan(dropsBeforeReload);
    await openChat(alicePage, addressOf(bob));
    await alicePage.locator('.upload', { hasText: 'reload.bin' }).waitFor({ timeout: 20_000 });
    await fileItem(alicePage, 'reload.bin').waitFor({ timeout: 60_000 });

    const dropsAfterReload = drops - dropsBeforeReload;
    console.info(`chunk drops: ${dropsBeforeReload - before} before the reload (${acceptedAtReload} accepted), ${dropsAfterReload} after, of ${chunks}`);
    expect(acceptedAtReload).toBeGreaterThanOrEqual(2);
    expect(dropsAfterReload).toBeGreaterThan(0);
    expect(dropsAfterReload).toBeLessThanOrEqual(chunks - acceptedAtReload);
    expect(drops - before).toBeLessThanOrEqual(chunks + 1);
    await alicePage.locator('.upload').first().waitFor({ state: 'detached', timeout: 20_000 });
    // Sent: the browser keeps nothing of it.
    expect(await keptUploads(addressOf(alice))).toEqual({ pending: 0, journal: 0 });
  });

  it('bob downloads both files intact', async () => {
    const watched = await openWatchedPage(browser, { viewport: { width: 1100, height: 800 } });
    opened.push(watched);
    const bobPage = watched.page;
    await openApp(bobPage, bobServer.url);
    await logIn(bobPage, bob);
    await openChat(bobPage, addressOf(alice));
    await waitUntilChatOpen(bobPage, addressOf(alice));
    for (const [name, bytes] of sent) {
      const [download] = await Promise.all([bobPage.waitForEvent('download', { timeout: 60_000 }), fileItem(bobPage, name).getByRole('button', { name: `Download ${name}` }).click()]);
      expect(sha256(await savedBytes(download))).toBe(sha256(bytes));
    }
    expect(sent.size).toBe(2);
  });
});
