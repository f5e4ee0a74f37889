/*
 * A starbase home server (memory storage, rate limits off) whose drop use case accepts at once and
 * stores nothing: the bench's second baseline for drops, what the HTTP layer alone costs on this
 * machine in the same run (bench/support/instant-drops.ts). Every other route is the real one, so
 * the bench's fixtures work against it. Prints `listening on <url>` once ready; stops on SIGTERM.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/infrastructure/config';
import { composeServer } from '../../src/infrastructure/compose-server';
import { acceptDropsAtOnce } from '../support/instant-drops';

const start = async (): Promise<void> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'starbase-http-layer-'));
  const config = { ...loadConfig({ STARBASE_REGISTRATION: 'open', STARBASE_CAPTCHA: 'pow' }, []), storage: 'memory', dataDir, rateLimits: false, logLevel: 'warn', webRoot: null } as const;
  const server = await composeServer(config, { rateLimits: false });
  acceptDropsAtOnce(server);
  const app = await server.httpApp();
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  process.stdout.write(`http layer listening on ${address}\n`);
  process.on('SIGTERM', () => {
    server.close().then(
      () => {
        rmSync(dataDir, { recursive: true, force: true });
        process.exit(0);
      },
      () => process.exit(1),
    );
  });
};

start().catch((error: unknown) => {
  process.stderr.write(`http layer server failed: ${String(error)}\n`);
  process.exit(1);
});
