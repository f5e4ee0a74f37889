import { build } from 'esbuild';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TEST_SCRYPT_COST } from '../../src/adapters/security/scrypt-auth-key-hasher';
import { loadConfig, StarbaseConfig } from '../../src/infrastructure/config';
import { composeServer } from '../../src/infrastructure/compose-server';
import { HttpTestClient } from '../http/http-test-client';

/*
 * Runs the real `starbase` command: src/infrastructure/main.ts bundled once per test file with
 * esbuild (dependencies stay in node_modules), executed by node in a child process.
 */

const REPO = resolve(__dirname, '..', '..');
const BUNDLE_DIR = join(REPO, 'node_modules', '.cache', 'starbase-cli-tests');

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface Cli {
  run(args: readonly string[], env?: Readonly<Record<string, string>>): Promise<CliRun>;
  /** `starbase serve` as a child process, once it listens. */
  serve(env?: Readonly<Record<string, string>>): Promise<ServerProcess>;
}

export interface ServerProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** Everything the server wrote to stdout so far. */
  output(): string;
  /** Resolves on the first stdout line matching `pattern`. */
  waitForLine(pattern: RegExp): Promise<string>;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
  exited: Promise<number | null>;
}

/** A clean environment: nothing of the developer's own STARBASE_* settings leaks into a test. */
const baseEnv = (dataDir: string): Record<string, string> => ({
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  STARBASE_DATA_DIR: dataDir,
  STARBASE_LOG_LEVEL: 'silent',
  STARBASE_HOST: '127.0.0.1',
  STARBASE_PORT: '0',
});

/** Bundles the CLI before the tests of the calling file and removes the bundle after them. */
export const useCli = (dataDir: () => string): Cli => {
  const outfile = join(BUNDLE_DIR, `main-${process.pid}-${Math.random().toString(36).slice(2)}.js`);
  beforeAll(async () => {
    mkdirSync(BUNDLE_DIR, { recursive: true });
    await build({
      entryPoints: [join(REPO, 'src', 'infrastructure', 'main.ts')],
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      packages: 'external',
      outfile,
      logLevel: 'silent',
    });
  });
  const servers = new Set<ChildProcess>();
  // A failed test must not leave a server behind to keep jest (and the port) busy.
  afterEach(() => {
    for (const child of servers) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    servers.clear();
  });
  afterAll(() => rmSync(outfile, { force: true }));

  const start = (args: readonly string[], env: Readonly<Record<string, string>>): ChildProcess =>
    spawn(process.execPath, [outfile, ...args], { env: { ...baseEnv(dataDir()), ...env }, stdio: ['pipe', 'pipe', 'pipe'] });

  return {
    run: (args, env = {}) =>
      new Promise((done, fail) => {
        const child = start(args, env);
        let stdout = '';
        let stderr = '';
        child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
        child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
        child.stdin?.end();
        child.on('error', fail);
        child.on('close', (code) => done({ code, stdout, stderr }));
      }),
    serve: (env = {}) => {
      const child = start(['serve'], env);
      servers.add(child);
      return startServerProcess(child);
    },
  };
};

const startServerProcess = async (child: ChildProcess): Promise<ServerProcess> => {
  let stdout = '';
  let stderr = '';
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    for (const waiter of [...waiters]) {
      const line = stdout.split('\n').find((candidate) => waiter.pattern.test(candidate));
      if (line !== undefined) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  });
  const waitForLine = (pattern: RegExp): Promise<string> =>
    new Promise((resolveLine, reject) => {
      const seen = stdout.split('\n').find((line) => pattern.test(line));
      if (seen !== undefined) return resolveLine(seen);
      waiters.push({ pattern, resolve: resolveLine });
      void exited.then((code) => reject(new Error(`server exited (${code}) before printing ${pattern}: ${stderr}`)));
    });
  const listening = await waitForLine(/listening on http:\/\/127\.0\.0\.1:\d+/);
  const url = /(http:\/\/127\.0\.0\.1:\d+)/.exec(listening)?.[1] ?? '';
  return {
    url,
    child,
    output: () => stdout,
    waitForLine,
    exited,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
};

export const freshDataDir = (): string => mkdtempSync(join(tmpdir(), 'starbase-cli-'));

export const removeDir = (dir: string): void => rmSync(dir, { recursive: true, force: true });

/**
 * The home server composed in-process over a SQLite data dir (cheap password hashing), for
 * seeding data through the HTTP API; close it before handing the directory to the CLI.
 */
export const openSqliteServer = async (dataDir: string, overrides: Partial<StarbaseConfig> = {}) => {
  const config: StarbaseConfig = {
    ...loadConfig({}, []),
    storage: 'sqlite',
    dataDir,
    captcha: 'pow',
    logLevel: 'silent',
    rateLimits: false,
    webRoot: null,
    ...overrides,
  };
  const server = await composeServer(config, { scryptCost: TEST_SCRYPT_COST, powMaxNumber: 1000, rateLimits: false });
  return { server, client: new HttpTestClient(await server.httpApp()) };
};

export const parseJson = <T>(run: CliRun): T => {
  try {
    return JSON.parse(run.stdout) as T;
  } catch (error) {
    throw new Error(`not JSON (exit ${run.code}): ${run.stdout}\n${run.stderr}\n${String(error)}`);
  }
};

export interface FetchedJson {
  readonly status: number;
  readonly body: unknown;
}

/** One JSON call to a server process, as a client would make it. */
export const callServer = async (
  baseUrl: string,
  method: string,
  path: string,
  options: { body?: unknown; token?: string; headers?: Record<string, string> } = {},
): Promise<FetchedJson> => {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? null : (JSON.parse(text) as unknown) };
};
