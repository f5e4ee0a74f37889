import { build } from 'esbuild';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { BrowserContext, chromium, Page } from 'playwright-core';

/*
 * Shared helpers for browser tests (TOOLCHAIN.md, "Browser tests"): bundle a TypeScript entry for
 * the browser with esbuild, serve it from 127.0.0.1 (a secure context, so WebCrypto is there),
 * and drive Debian's Chromium through playwright-core.
 */

export const CHROMIUM_EXECUTABLE = '/usr/bin/chromium';

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface BrowserBundle {
  readonly code: string;
  /** Repository-relative paths of every source file in the bundle. */
  readonly inputs: readonly string[];
}

/**
 * An IIFE bundle for the browser. `.wasm` files become base64 strings (what argon2-browser
 * expects from `require('../dist/argon2.wasm')`); its Emscripten glue mentions `fs` and `path`
 * only on its Node branch, so they stay external and are never called in a page.
 */
export const bundleForBrowser = async (entryPoint: string): Promise<BrowserBundle> => {
  const result = await build({
    entryPoints: [entryPoint],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    write: false,
    metafile: true,
    sourcemap: 'inline',
    loader: { '.wasm': 'base64' },
    external: ['fs', 'path'],
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (output === undefined) throw new Error(`esbuild produced no output for ${entryPoint}`);
  const inputs = Object.keys(result.metafile.inputs).map((input) => relative(process.cwd(), input));
  return { code: output.text, inputs };
};

export interface ServedFile {
  readonly contentType: string;
  readonly body: string;
}

export interface StaticSite {
  /** Base URL with a trailing slash, e.g. `http://127.0.0.1:40123/`. */
  readonly url: string;
  close(): Promise<void>;
}

/** Serves fixed files by path on 127.0.0.1 and an ephemeral port; anything else is a 404. */
export const serveStatic = async (files: Readonly<Record<string, ServedFile>>): Promise<StaticSite> => {
  const server = createServer((request, response) => {
    const file = files[new URL(request.url ?? '/', 'http://127.0.0.1').pathname];
    if (file === undefined) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': file.contentType, 'cache-control': 'no-store' }).end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
};

export interface ChromiumSession {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** Headless Chromium in a fresh profile directory, removed again on close. */
export const launchChromium = async (): Promise<ChromiumSession> => {
  const profile = await mkdtemp(join(tmpdir(), 'starbase-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_EXECUTABLE,
    headless: true,
    args: CHROMIUM_FLAGS,
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
};

export interface BundlePage {
  readonly page: Page;
  readonly bundle: BrowserBundle;
  /** Uncaught errors and console errors the page reported so far. */
  readonly pageErrors: readonly string[];
  close(): Promise<void>;
}

/** Bundles `entryPoint`, serves it in a blank page on 127.0.0.1 and opens that page in Chromium. */
export const openBundleInChromium = async (entryPoint: string): Promise<BundlePage> => {
  const bundle = await bundleForBrowser(entryPoint);
  const site = await serveStatic({
    '/': {
      contentType: 'text/html; charset=utf-8',
      body: '<!doctype html><meta charset="utf-8"><title>starbase test</title><link rel="icon" href="data:,"><script src="/bundle.js"></script>',
    },
    '/bundle.js': { contentType: 'text/javascript; charset=utf-8', body: bundle.code },
  });
  const chromiumSession = await launchChromium().catch(async (error: unknown) => {
    await site.close();
    throw error;
  });
  const page = chromiumSession.context.pages()[0] ?? (await chromiumSession.context.newPage());
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  await page.goto(site.url, { waitUntil: 'load' });
  return {
    page,
    bundle,
    pageErrors,
    close: async () => {
      await chromiumSession.close();
      await site.close();
    },
  };
};

/**
 * The bundle open in Chromium for the enclosing describe block (opened before its first test,
 * closed after its last); every test must leave the page without an error.
 */
export const useBundleInChromium = (entryPoint: string): BundlePage => {
  let opened: BundlePage | undefined;
  const current = (): BundlePage => {
    if (!opened) throw new Error('the bundle page exists only while its describe block runs');
    return opened;
  };
  beforeAll(async () => {
    opened = await openBundleInChromium(entryPoint);
  });
  afterAll(async () => {
    await opened?.close();
  });
  afterEach(() => {
    expect(current().pageErrors).toEqual([]);
  });
  return {
    get page() {
      return current().page;
    },
    get bundle() {
      return current().bundle;
    },
    get pageErrors() {
      return current().pageErrors;
    },
    close: () => current().close(),
  };
};
