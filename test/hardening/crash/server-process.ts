import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';

const REPO = resolve(__dirname, '../../..');

/**
 * The production entry point bundled once into one file (dependencies stay external and resolve
 * from the repository's node_modules), so each restart costs one `node` start, not a compile.
 */
export const bundleServer = (outDir: string): string => {
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, 'starbase-server.cjs');
  buildSync({
    entryPoints: [join(REPO, 'src/infrastructure/main.ts')],
    bundle: true,
    platform: 'node',
    packages: 'external',
    format: 'cjs',
    target: 'node20',
    outfile,
    logLevel: 'warning',
  });
  return outfile;
};

export interface RunningServer {
  readonly url: string;
  readonly exited: Promise<NodeJS.Signals | number | null>;
  /** SIGKILL: no shutdown hook, no checkpoint, no flush: a power cut as far as the process knows. */
  kill(): Promise<void>;
}

const READY = /listening on (http:\/\/127\.0\.0\.1:[0-9]+)/;

/** Starts `starbase serve` on SQLite in `dataDir` and resolves once it listens. */
export const startServerProcess = (bundle: string, dataDir: string, env: Record<string, string> = {}): Promise<RunningServer> =>
  new Promise((resolveStart, rejectStart) => {
    const child: ChildProcess = spawn(process.execPath, [bundle, 'serve'], {
      cwd: REPO,
      env: {
        PATH: process.env.PATH ?? '',
        NODE_PATH: join(REPO, 'node_modules'),
        STARBASE_HOST: '127.0.0.1',
        STARBASE_PORT: '0',
        STARBASE_STORAGE: 'sqlite',
        STARBASE_DATA_DIR: dataDir,
        STARBASE_CAPTCHA: 'pow',
        STARBASE_RATE_LIMITS: 'off',
        STARBASE_LOG_LEVEL: 'silent',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<NodeJS.Signals | number | null>((resolveExit) => child.once('exit', (code, signal) => resolveExit(signal ?? code)));
    let output = '';
    let ready = false;
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = READY.exec(output);
      if (ready || !match?.[1]) return;
      ready = true;
      resolveStart({
        url: match[1],
        exited,
        kill: async () => {
          child.kill('SIGKILL');
          await exited;
        },
      });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((how) => {
      if (!ready) rejectStart(new Error(`server exited (${String(how)}) before listening:\n${output}`));
    });
  });
