import { ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { SERVER_PACKAGES } from '../../src/infrastructure/library/server-packages';
import { launchChromium, serveStatic } from '../support/browser';

/*
 * The package as people get it: `npm pack` (which builds through `prepack`), the tarball installed
 * into a fresh project the way a client-only user would (`--ignore-scripts`: nothing native is
 * built), then `starbase/client` driven by a few lines of plain JavaScript against a home server
 * embedded through `starbase/server`.
 */

const REPO = resolve(__dirname, '..', '..');
const run = promisify(execFile);
const NPM_QUIET = ['--no-audit', '--no-fund', '--loglevel=error'];

/** The README's example, against a local server that asks for proof of work. */
const CLIENT_SCRIPT = `
import { createNodeMessenger } from 'starbase/client';

const server = process.argv[2];
const noImageCaptcha = async () => { throw new Error('this server asks for proof of work, which the client solves itself'); };

const alice = await createNodeMessenger().register(\`alice@\${server}\`, 'a long passphrase of alice');
const bob = await createNodeMessenger().register(\`bob@\${server}\`, 'a long passphrase of bob');
await alice.sendFriendRequest(\`bob@\${server}\`, 'Hi Bob, it is Alice', noImageCaptcha);
await bob.sync();
await bob.acceptFriendRequest(bob.overview().incomingRequests[0].id);
await alice.sync();
await alice.sendMessage(\`bob@\${server}\`, 'Hello from an installed package');
await bob.sync();
console.log(JSON.stringify(bob.conversation(\`alice@\${server}\`)));
await alice.logOut();
await bob.logOut();
`;

const SERVER_SCRIPT = `
const { composeServer, loadConfig } = require('starbase/server');

(async () => {
  const config = loadConfig({ STARBASE_STORAGE: 'memory', STARBASE_CAPTCHA: 'pow', STARBASE_LOG_LEVEL: 'silent', STARBASE_PORT: '0' });
  const server = await composeServer(config, { powMaxNumber: 1000 });
  const app = await server.httpApp();
  console.log(await app.listen({ host: '127.0.0.1', port: 0 }));
  process.on('SIGTERM', () => server.close().then(() => process.exit(0)));
})();
`;

const NODE_CONSUMER = `
import { createNodeMessenger, MessengerError, type MessengerSession } from 'starbase/client';

export const start = async (address: string): Promise<MessengerSession> => {
  try {
    return await createNodeMessenger({ kdfParams: { memoryKiB: 65536, iterations: 3, parallelism: 1 } }).register(address, 'a passphrase');
  } catch (error) {
    if (error instanceof MessengerError) console.error(error.code);
    throw error;
  }
};
`;

/** The same steps in a web page, through the browser build (which remembers in localStorage). */
const browserSteps = (server: string): string => `(async () => {
  const { createBrowserMessenger } = await import('/starbase-client.mjs');
  const noImageCaptcha = async () => { throw new Error('proof of work expected'); };
  const carol = await createBrowserMessenger().register('carol@${server}', 'a long passphrase of carol');
  const dave = await createBrowserMessenger().register('dave@${server}', 'a long passphrase of dave');
  await carol.sendFriendRequest('dave@${server}', 'Hi Dave', noImageCaptcha);
  await dave.sync();
  await dave.acceptFriendRequest(dave.overview().incomingRequests[0].id);
  await carol.sync();
  await carol.sendMessage('dave@${server}', 'Hello from a web page');
  await dave.sync();
  return JSON.stringify(dave.conversation('carol@${server}'));
})()`;

const BROWSER_CONSUMER = `
import { createBrowserMessenger, type Messenger } from 'starbase/client';

export const messenger: Messenger = createBrowserMessenger();
`;

describe('the starbase package, installed from its tarball', () => {
  let work: string;
  let consumer: string;
  let tarball: string;
  const children = new Set<ChildProcess>();

  let serverHost: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'starbase-package-'));
    const packed = await run('npm', ['pack', '--pack-destination', work, ...NPM_QUIET], { cwd: REPO, maxBuffer: 64 * 1024 * 1024 });
    tarball = join(work, packed.stdout.trim().split('\n').pop() ?? '');
    consumer = join(work, 'consumer');
    await run('mkdir', [consumer]);
    writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    await run('npm', ['install', '--ignore-scripts', '--prefer-offline', ...NPM_QUIET, tarball], { cwd: consumer });

    writeFileSync(join(consumer, 'server.cjs'), SERVER_SCRIPT);
    // SQLite is built in this repository only (the consumer skipped native builds; the server here uses memory storage).
    const server = spawn(process.execPath, ['server.cjs'], { cwd: consumer, env: { ...process.env, NODE_PATH: join(REPO, 'node_modules') } });
    children.add(server);
    serverHost = new URL(await firstLine(server)).host;
  }, 10 * 60_000);

  afterAll(() => {
    for (const child of children) child.kill('SIGTERM');
    rmSync(work, { recursive: true, force: true });
  });

  const installed = (name: string): boolean => existsSync(join(consumer, 'node_modules', name, 'package.json'));

  it('installs for a client without building anything native', () => {
    expect(installed('starbase')).toBe(true);
    expect(['argon2-browser', 'hash-wasm', '@sinclair/typebox'].filter(installed)).toEqual(['argon2-browser', 'hash-wasm', '@sinclair/typebox']);
    expect(existsSync(join(consumer, 'node_modules', 'better-sqlite3', 'build'))).toBe(false);
  });

  it('registers, befriends and messages through starbase/client in Node, against a server embedded through starbase/server', async () => {
    writeFileSync(join(consumer, 'client.mjs'), CLIENT_SCRIPT);

    const client = await run(process.execPath, ['client.mjs', serverHost], { cwd: consumer });

    expect(JSON.parse(client.stdout)).toEqual([
      expect.objectContaining({ kind: 'message', direction: 'in', body: 'Hello from an installed package', state: 'received' }),
    ]);
  });

  it('does the same in Chromium through the browser build', async () => {
    const pkg = JSON.parse(readFileSync(join(consumer, 'node_modules', 'starbase', 'package.json'), 'utf8')) as {
      exports: Record<string, Record<string, { default: string }>>;
    };
    const browserBuild = readFileSync(join(consumer, 'node_modules', 'starbase', pkg.exports['./client']?.['browser']?.default ?? ''), 'utf8');
    const site = await serveStatic({
      '/': { contentType: 'text/html; charset=utf-8', body: '<!doctype html><meta charset="utf-8"><title>consumer</title><link rel="icon" href="data:,">' },
      '/starbase-client.mjs': { contentType: 'text/javascript; charset=utf-8', body: browserBuild },
    });
    const chromium = await launchChromium();
    try {
      const page = chromium.context.pages()[0] ?? (await chromium.context.newPage());
      await page.goto(site.url);

      const conversation = JSON.parse(String(await page.evaluate(browserSteps(serverHost)))) as unknown;

      expect(conversation).toEqual([expect.objectContaining({ kind: 'message', direction: 'in', body: 'Hello from a web page', state: 'received' })]);
      expect(await page.evaluate('Object.keys(localStorage).length > 0')).toBe(true);
    } finally {
      await chromium.close();
      await site.close();
    }
  });

  it('runs nothing when the bare package is required: the CLI is only the bin', async () => {
    const failed = run(process.execPath, ['-e', "require('starbase')"], { cwd: consumer });

    await expect(failed).rejects.toMatchObject({ stdout: '', stderr: expect.stringContaining('ERR_PACKAGE_PATH_NOT_EXPORTED') });
  });

  describe('in an install that lost server packages', () => {
    beforeAll(() => {
      for (const name of ['@fastify/cors', '@fastify/helmet', 'fastify']) rmSync(join(consumer, 'node_modules', name), { recursive: true, force: true });
    });

    it('has starbase/server name every missing package', async () => {
      const failed = run(process.execPath, ['-e', "require('starbase/server')"], { cwd: consumer });

      await expect(failed).rejects.toMatchObject({ stderr: expect.stringContaining('starbase/server needs @fastify/cors, @fastify/helmet, fastify') });
      await expect(failed).rejects.toMatchObject({ stderr: expect.stringContaining('Reinstall starbase with its dependencies') });
    });

    it('has the starbase command name a missing package instead of a stack trace', async () => {
      const failed = run(join(consumer, 'node_modules', '.bin', 'starbase'), ['help'], { cwd: consumer });

      await expect(failed).rejects.toMatchObject({
        code: 1,
        stderr: expect.stringMatching(/^starbase: the server needs \S+, a dependency of starbase missing from this install; reinstall starbase with its dependencies\n$/),
      });
    });
  });

  it('ships type declarations for each build: Node under node16 resolution, the browser one for bundlers', async () => {
    writeFileSync(join(consumer, 'node-consumer.ts'), NODE_CONSUMER);
    writeFileSync(join(consumer, 'browser-consumer.ts'), BROWSER_CONSUMER);
    const tsc = (resolution: string[], file: string) =>
      run(process.execPath, [join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '--strict', '--target', 'es2022', '--lib', 'es2022,dom', ...resolution, file], { cwd: consumer });

    await expect(tsc(['--module', 'node16', '--moduleResolution', 'node16'], 'node-consumer.ts')).resolves.toMatchObject({ stdout: '' });
    await expect(tsc(['--module', 'esnext', '--moduleResolution', 'bundler'], 'browser-consumer.ts')).resolves.toMatchObject({ stdout: '' });
  });

  it('gives browsers a self-contained ES module free of Node built-ins', () => {
    const pkg = JSON.parse(readFileSync(join(consumer, 'node_modules', 'starbase', 'package.json'), 'utf8')) as {
      exports: Record<string, Record<string, { default: string }>>;
    };
    const browserEntry = pkg.exports['./client']?.['browser']?.default ?? '';
    const bundle = readFileSync(join(consumer, 'node_modules', 'starbase', browserEntry), 'utf8');

    expect(bundle).toContain('createBrowserMessenger');
    expect(bundle).not.toMatch(/\brequire\(|from\s*["'](node:|fs|path|crypto)["']|\bimport\s*["']/);
  });
});

const firstLine = (child: ChildProcess): Promise<string> =>
  new Promise((resolveLine, reject) => {
    let output = '';
    let errors = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('\n')) resolveLine(output.split('\n')[0] ?? '');
    });
    child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`the server exited (${code}) before listening: ${errors}`)));
  });

describe('the server packages starbase/server checks for', () => {
  const CLIENT_PACKAGES = ['@sinclair/typebox', 'argon2-browser', 'hash-wasm'];

  it('are exactly the dependencies the client does not need', () => {
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };

    expect([...SERVER_PACKAGES].sort()).toEqual(Object.keys(pkg.dependencies).filter((name) => !CLIENT_PACKAGES.includes(name)).sort());
  });

  it('are never optional: npm would skip them silently on Node 20, leaving a server without its server', () => {
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { optionalDependencies?: Record<string, string> };

    expect(pkg.optionalDependencies).toBeUndefined();
  });
});
