import type { Browser } from 'playwright-core';
import { buildFakeApp } from './build-app';
import { launchChromium, type WatchedPage } from './chromium';
import { serveStatic, type StaticServer } from './static-server';

export interface FakeAppSuite {
  /** The fake-network bundle, served as if by a home server; set once `beforeAll` ran. */
  readonly server: StaticServer;
  readonly browser: Browser;
  /** Pages a test opened: their contexts are closed after each test. */
  readonly watched: WatchedPage[];
}

/**
 * The hooks of a browser suite over the in-page fake network: one bundle `name` built and served,
 * one Chromium for the file, each test's pages closed after it.
 */
export function useFakeAppSuite(name: string): FakeAppSuite {
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  const watched: WatchedPage[] = [];

  beforeAll(async () => {
    server = await serveStatic(buildFakeApp(name), { actAsHomeServer: true });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  afterEach(async () => {
    for (const { context } of watched.splice(0)) await context.close();
  });

  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the fake app suite has not started yet (use it inside tests)');
    return value;
  };
  return {
    get server() {
      return started(server);
    },
    get browser() {
      return started(browser);
    },
    watched,
  };
}
