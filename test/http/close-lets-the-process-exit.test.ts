import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';

interface Exit {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const REPO = resolve(__dirname, '..', '..');

/** Liveness bound, not a timing claim: the program has nothing left to do after close. */
const STILL_RUNNING_AFTER_MS = 30_000;

/** Runs the embedding program and resolves when it exits by itself, or kills it after the bound. */
const runUntilExit = (bundle: string, mode: 'inject' | 'socket'): Promise<Exit | 'still running'> =>
  new Promise((done, fail) => {
    const child = spawn(process.execPath, [bundle, mode], {
      // The bundle lives outside the repository: its dependencies resolve from the repository's node_modules.
      env: { PATH: process.env.PATH ?? '', NODE_PATH: join(REPO, 'node_modules') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const bound = setTimeout(() => {
      child.kill('SIGKILL');
      done('still running');
    }, STILL_RUNNING_AFTER_MS);
    child.on('error', fail);
    child.on('exit', (code) => {
      clearTimeout(bound);
      done({ code, stdout, stderr });
    });
  });

/** A library user's program ends once it closed the server, even if a request's body was never read. */
describe('closing an embedded home server lets its process exit', () => {
  let bundleDir: string;
  let bundle: string;

  beforeAll(() => {
    bundleDir = mkdtempSync(join(tmpdir(), 'starbase-embedded-'));
    bundle = join(bundleDir, 'embedded-server.cjs');
    buildSync({
      entryPoints: [join(__dirname, 'embedded-server-process.ts')],
      bundle: true,
      platform: 'node',
      packages: 'external',
      format: 'cjs',
      target: 'node20',
      outfile: bundle,
      logLevel: 'warning',
    });
  });
  afterAll(() => rmSync(bundleDir, { recursive: true, force: true }));

  it('after a 415 through inject() whose body was never read', async () => {
    expect(await runUntilExit(bundle, 'inject')).toEqual({ code: 0, stdout: '415\n', stderr: '' });
  });

  it('after a 415 over a socket whose client sent half of the body and hung up', async () => {
    expect(await runUntilExit(bundle, 'socket')).toEqual({ code: 0, stdout: 'HTTP/1.1 415 Unsupported Media Type\n', stderr: '' });
  });
});
