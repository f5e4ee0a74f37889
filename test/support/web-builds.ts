import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/*
 * Jest's global setup and teardown: a directory for this run's web bundles, named to the workers
 * (which start after this and inherit the environment), so the browser suites build each bundle
 * once per run instead of once per file (test/e2e/web/build-app.ts).
 */
export const setUp = (): void => {
  process.env.STARBASE_TEST_WEB_BUILDS = mkdtempSync(join(tmpdir(), 'starbase-web-builds-'));
};

export const tearDown = (): void => {
  const builds = process.env.STARBASE_TEST_WEB_BUILDS;
  if (builds !== undefined) rmSync(builds, { recursive: true, force: true });
};
