import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../..');

export interface BuiltApp {
  readonly directory: string;
  /** BUILD.json as written by scripts/build-web.mjs. */
  readonly build: { files: Record<string, { sha256: string; bytes: number; gzipBytes: number }>; script: string };
}

/** A directory made for this jest run by test/support/web-builds.ts; unset outside jest. */
const SHARED_BUILDS = process.env.STARBASE_TEST_WEB_BUILDS;
const SHARED_BUILD_WAIT_MS = 120_000;

const runBuild = (entry: string, directory: string): void => {
  execFileSync(process.execPath, ['scripts/build-web.mjs', '--entry', entry, '--outdir', directory, '--quiet'], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
};

const sleepSync = (ms: number): void => {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
};

/**
 * One build of `entry` for every test file of the run: the first file to ask claims it (an atomic
 * mkdir) and builds it aside, then renames it into place; the others wait for it. No test writes
 * into a bundle, so they can share one.
 */
const sharedBuild = (entry: string, builds: string): string => {
  const directory = join(builds, entry.replace(/[^A-Za-z0-9]+/g, '-'));
  try {
    mkdirSync(`${directory}.claimed`);
  } catch {
    const deadline = Date.now() + SHARED_BUILD_WAIT_MS;
    while (!existsSync(join(directory, 'BUILD.json'))) {
      if (Date.now() > deadline) throw new Error(`The shared build of ${entry} never appeared (did the file that built it fail?)`);
      sleepSync(50);
    }
    return directory;
  }
  runBuild(entry, `${directory}.building`);
  renameSync(`${directory}.building`, directory);
  return directory;
};

/**
 * Builds a web bundle with the production build script (hashed files, SRI, BUILD.json): once per
 * jest run and entry where the run shares builds, else into `outdir`.
 */
export function buildApp(entry: string, outdir: string): BuiltApp {
  const directory = SHARED_BUILDS === undefined ? join(ROOT, outdir) : sharedBuild(entry, SHARED_BUILDS);
  if (SHARED_BUILDS === undefined) runBuild(entry, directory);
  return { directory, build: JSON.parse(readFileSync(join(directory, 'BUILD.json'), 'utf8')) as BuiltApp['build'] };
}

/** The production UI over the FakeNetwork (`name`: its own directory where builds are not shared). */
export const buildFakeApp = (name = 'web-fake'): string => buildApp('test/e2e/web/fake-app-entry.ts', `test-output/${name}`).directory;

/** The production bundle, exactly what `npm run build:web` ships. */
export const buildRealApp = (name = 'web-real'): BuiltApp => buildApp('src/adapters/web/main.tsx', `test-output/${name}`);
