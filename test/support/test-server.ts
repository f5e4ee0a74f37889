import { FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_RATE_LIMITS, RateLimitRules } from '../../src/adapters/http/rate-limits';
import { TEST_SCRYPT_COST } from '../../src/adapters/security/scrypt-auth-key-hasher';
import { ServerStorage } from '../../src/application/ports/server-storage';
import { Clock } from '../../src/application/ports/clock';
import { loadConfig, StarbaseConfig } from '../../src/infrastructure/config';
import { composeServer } from '../../src/infrastructure/compose-server';

export interface TestServerOptions {
  /** 'memory' (default) or 'sqlite' in a fresh temporary data dir, removed on close. */
  readonly storage?: 'memory' | 'sqlite';
  /** 'pow' (default: tests can solve it) or 'image'. */
  readonly captcha?: 'pow' | 'image' | 'both';
  /** Proof-of-work difficulty; default 1000 so tests solve it in a millisecond. */
  readonly powMaxNumber?: number;
  /** Off unless asked; `true` means the production defaults. */
  readonly rateLimits?: boolean | Partial<RateLimitRules>;
  /** Listen on 127.0.0.1 with an ephemeral port (for fetch, SSE, browsers); default false (inject only). */
  readonly listen?: boolean;
  /** Any other setting: registration, limits, publicUrl, webRoot… */
  readonly config?: Partial<StarbaseConfig>;
  readonly clock?: Clock;
  /** `/inbox/events` heartbeat (also the session re-check); default 15 s. */
  readonly eventsHeartbeatMs?: number;
}

export interface TestServer {
  readonly app: FastifyInstance;
  /** `http://127.0.0.1:<port>` when listening, else null. */
  readonly url: string | null;
  readonly storage: ServerStorage;
  readonly config: StarbaseConfig;
  close(): Promise<void>;
}

/** The whole home server, composed exactly as in production, with test-friendly costs. */
export const startTestServer = async (options: TestServerOptions = {}): Promise<TestServer> => {
  const dataDir = options.storage === 'sqlite' ? mkdtempSync(join(tmpdir(), 'starbase-test-')) : join(tmpdir(), 'starbase-unused');
  const config: StarbaseConfig = {
    ...loadConfig({}, []),
    storage: options.storage ?? 'memory',
    dataDir,
    captcha: options.captcha ?? 'pow',
    rateLimits: options.rateLimits !== undefined && options.rateLimits !== false,
    logLevel: 'silent',
    webRoot: null,
    port: 0,
    ...options.config,
  };
  const rateLimits: RateLimitRules | false =
    options.rateLimits === undefined || options.rateLimits === false
      ? false
      : { ...DEFAULT_RATE_LIMITS, ...(options.rateLimits === true ? {} : options.rateLimits) };

  const server = await composeServer(config, {
    scryptCost: TEST_SCRYPT_COST,
    powMaxNumber: options.powMaxNumber ?? 1000,
    rateLimits,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.eventsHeartbeatMs === undefined ? {} : { eventsHeartbeatMs: options.eventsHeartbeatMs }),
  });
  const app = await server.httpApp();
  const url = options.listen ? await app.listen({ host: '127.0.0.1', port: 0 }) : null;
  return {
    app,
    url,
    storage: server.storage,
    config,
    close: async () => {
      await server.close();
      if (options.storage === 'sqlite') rmSync(dataDir, { recursive: true, force: true });
    },
  };
};
