import { FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LogDestination } from '../../../src/adapters/http/http-dependencies';
import { DEFAULT_RATE_LIMITS, RateLimitRules } from '../../../src/adapters/http/rate-limits';
import { ClientLimits } from '../../../src/adapters/http/slow-clients';
import { TEST_SCRYPT_COST } from '../../../src/adapters/security/scrypt-auth-key-hasher';
import { ServerStorage } from '../../../src/application/ports/server-storage';
import { Clock } from '../../../src/application/ports/clock';
import { loadConfig, StarbaseConfig } from '../../../src/infrastructure/config';
import { composeServer } from '../../../src/infrastructure/compose-server';
import { openConfiguredStorage } from '../../../src/infrastructure/storage-modules';
import { AfterCall, interceptStorage } from './intercepted-storage';

export interface HardeningServerOptions {
  readonly storage?: 'memory' | 'sqlite';
  /** Called after every storage port call (see interceptStorage). */
  readonly afterStorageCall?: AfterCall;
  readonly rateLimits?: Partial<RateLimitRules> | false;
  readonly clock?: Clock;
  readonly listen?: boolean;
  readonly config?: Partial<StarbaseConfig>;
  /** Deadlines and connection caps for slow clients. */
  readonly clientLimits?: Partial<ClientLimits>;
  /** Receives the server's log lines (set `config.logLevel` to see any). */
  readonly logDestination?: LogDestination;
}

export interface HardeningServer {
  readonly app: FastifyInstance;
  readonly url: string | null;
  /** The storage behind the server, unwrapped: reading it never triggers the hook. */
  readonly storage: ServerStorage;
  close(): Promise<void>;
}

/**
 * Like startTestServer (the production composition root, test-friendly costs, pow captchas), but
 * with a hook on the storage ports, so a test can step in between a use case's reads and writes.
 */
export const startHardeningServer = async (options: HardeningServerOptions = {}): Promise<HardeningServer> => {
  const storageKind = options.storage ?? 'memory';
  const dataDir = mkdtempSync(join(tmpdir(), 'starbase-hardening-'));
  const config: StarbaseConfig = {
    ...loadConfig({}, []),
    storage: storageKind,
    dataDir,
    captcha: 'pow',
    rateLimits: options.rateLimits !== undefined && options.rateLimits !== false,
    logLevel: 'silent',
    webRoot: null,
    port: 0,
    ...options.config,
  };
  const opened = await openConfiguredStorage(config);
  const inner = opened.storage;
  const storage = options.afterStorageCall ? interceptStorage(inner, options.afterStorageCall) : inner;
  const rateLimits: RateLimitRules | false =
    options.rateLimits === undefined || options.rateLimits === false ? false : { ...DEFAULT_RATE_LIMITS, ...options.rateLimits };
  const server = await composeServer(config, {
    storage: { storage, notifier: opened.notifier },
    scryptCost: TEST_SCRYPT_COST,
    powMaxNumber: 1000,
    rateLimits,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.clientLimits ? { clientLimits: options.clientLimits } : {}),
    ...(options.logDestination ? { logDestination: options.logDestination } : {}),
  });
  const app = await server.httpApp();
  const url = options.listen ? await app.listen({ host: '127.0.0.1', port: 0 }) : null;
  return {
    app,
    url,
    storage: inner,
    close: async () => {
      await server.close();
      await opened.notifier.close();
      await inner.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};
