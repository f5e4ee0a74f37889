/**
 * Whether the page was served by a home server, found out without a request a plain static host fails: the fake bundle
 * on a static host answering /.well-known/starbase 404, as python's http.server or a CDN does, and on one that serves it
 * as a home server does. The first logs no error in the console; the second offers its own host as the server.
 */
import type { Browser } from 'playwright-core';
import { buildFakeApp } from './build-app';
import { launchChromium, openWatchedPage, type WatchedPage } from './chromium';
import { openApp } from './pages';
import { serveStatic, type StaticServer } from './static-server';

jest.setTimeout(120_000);

describe('finding out whether a home server served the app (fake bundle, static hosts)', () => {
  let browser: Browser | undefined;
  const hosts: StaticServer[] = [];
  const pages: WatchedPage[] = [];
  let directory = '';

  beforeAll(async () => {
    directory = buildFakeApp('web-fake-home-server-probe');
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const { context } of pages) await context.close();
    await browser?.close();
    for (const host of hosts) await host.close();
  });

  /** The app opened from `host`, with every answer of 400 or more it got. */
  const openFrom = async (host: StaticServer) => {
    if (browser === undefined) throw new Error('no browser yet');
    hosts.push(host);
    const watched = await openWatchedPage(browser);
    pages.push(watched);
    const failed: string[] = [];
    watched.page.on('response', (response) => {
      if (response.status() >= 400) failed.push(`${response.status()} ${new URL(response.url()).pathname}`);
    });
    await openApp(watched.page, host.url);
    // Quiet once the app asked what it asks on opening; a response body the app leaves unread keeps it from ever being so.
    await watched.page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => undefined);
    return { ...watched, failed };
  };

  it('asks a plain static host nothing it fails, so the console stays clean, and offers no server', async () => {
    const { page, problems, failed } = await openFrom(await serveStatic(directory));

    expect(failed).toEqual([]);
    expect(problems).toEqual([]);
    expect(await page.getByLabel('Server', { exact: true }).inputValue()).toBe('');
  });

  it('offers its own host as the server where a home server served it', async () => {
    const host = await serveStatic(directory, { actAsHomeServer: true });
    const { page, problems } = await openFrom(host);

    await expect(page.getByLabel('Server', { exact: true }).inputValue()).resolves.toBe(host.host);
    expect(problems).toEqual([]);
  });
});
