import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../..');

export interface BuiltApp {
  readonly directory: string;
  /** BUILD.json as written by scripts/build-web.mjs. */
  readonly build: { files: Record<string, { sha256: string; bytes: number; gzipBytes: number }>; script: string };
}

/** Builds a web bundle with the production build script (hashed files, SRI, BUILD.json). */
export function buildApp(entry: string, outdir: string): BuiltApp {
  execFileSync(process.execPath, ['scripts/build-web.mjs', '--entry', entry, '--outdir', outdir, '--quiet'], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const directory = join(ROOT, outdir);
  return { directory, build: JSON.parse(readFileSync(join(directory, 'BUILD.json'), 'utf8')) as BuiltApp['build'] };
}

/** The production UI over the FakeNetwork; each test file builds into its own directory (`name`), as files run in parallel. */
export const buildFakeApp = (name = 'web-fake'): string => buildApp('test/e2e/web/fake-app-entry.ts', `test-output/${name}`).directory;

/** The production bundle, exactly what `npm run build:web` ships. */
export const buildRealApp = (name = 'web-real'): BuiltApp => buildApp('src/adapters/web/main.tsx', `test-output/${name}`);
