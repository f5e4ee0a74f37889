import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../..');

/** Builds the test bundle (the production UI over the FakeNetwork) with the production build script. */
export function buildFakeApp(): string {
  const outdir = 'test-output/web-fake';
  execFileSync(process.execPath, ['scripts/build-web.mjs', '--entry', 'test/e2e/web/fake-app-entry.ts', '--outdir', outdir, '--quiet'], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return join(ROOT, outdir);
}
