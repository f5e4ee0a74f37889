import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../../support/test-server';
import { buildRealApp } from './build-app';
import { launchChromium, openWatchedPage, type WatchedPage } from './chromium';

export interface RealAppOnOneServer {
  readonly server: TestServer;
  /** A new browser context at 1200×800, closed after the test. */
  openPage(): Promise<WatchedPage>;
}

/**
 * The hooks of a one-server browser suite: the production bundle `appName` served by one real home
 * server (pow captchas), one Chromium for the file; each test's pages are closed after it, so that
 * none goes on syncing into the next test.
 */
export function useRealAppOnOneServer(appName: string): RealAppOnOneServer {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  const opened: WatchedPage[] = [];

  beforeAll(async () => {
    const app = buildRealApp(appName);
    server = await startTestServer({ listen: true, captcha: 'pow', config: { webRoot: app.directory } });
    browser = await launchChromium();
  });

  afterEach(async () => {
    for (const { context } of opened.splice(0)) await context.close();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the server and browser exist only while the tests of the file run');
    return value;
  };
  return {
    get server() {
      return started(server);
    },
    openPage: async () => {
      const watched = await openWatchedPage(started(browser), { viewport: { width: 1200, height: 800 } });
      opened.push(watched);
      return watched;
    },
  };
}
