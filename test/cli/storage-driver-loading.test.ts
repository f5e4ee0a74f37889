import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API, aRegistrationBody } from '../http/http-test-client';
import { freshDataDir, removeDir, useCli } from './cli-harness';

/*
 * A server keeps only the storage adapter it runs on in its heap: the MongoDB driver alone is about
 * 7 MB of it, walked by every full garbage collection (mongodb-on-demand.ts).
 */

/** Preloaded into the server: reports on stdout every module it requires from the mongodb package. */
const MODULE_WATCH = `
const Module = require('node:module');
const load = Module._load;
Module._load = function (request, ...rest) {
  if (request === 'mongodb' || request.startsWith('mongodb/')) process.stdout.write('loaded ' + request + '\\n');
  return load.call(this, request, ...rest);
};
`;

describe('starbase serve: storage drivers', () => {
  let dataDir: string;
  let watchDir: string;
  const cli = useCli(() => dataDir);

  beforeEach(() => {
    dataDir = freshDataDir();
    watchDir = mkdtempSync(join(tmpdir(), 'starbase-module-watch-'));
    writeFileSync(join(watchDir, 'watch.js'), MODULE_WATCH);
  });
  afterEach(() => {
    removeDir(dataDir);
    rmSync(watchDir, { recursive: true, force: true });
  });

  it.each(['sqlite', 'memory'])('a %s server serves requests without ever loading the MongoDB driver', async (storage) => {
    const server = await cli.serve({ STARBASE_STORAGE: storage, NODE_OPTIONS: `--require ${join(watchDir, 'watch.js')}` });
    try {
      const registered = await fetch(`${server.url}${API}/accounts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(aRegistrationBody('alice')),
      });
      expect(registered.status).toBe(201);
    } finally {
      await server.stop();
    }
    expect(server.output()).not.toMatch(/loaded mongodb/);
  });
});
