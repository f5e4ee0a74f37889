import { FastifyInstance } from 'fastify';
import { buildHttpApp } from '../adapters/http/http-app';
import { StorageGauges } from '../adapters/http/ops/ops-dependencies';
import { ServerStorage } from '../application/ports/server-storage';
import { AdminUseCases } from '../application/server/admin/admin-use-cases';
import { InboxTotals } from '../application/server/admin/inbox-totals';
import { ServerUseCases } from '../application/server/server-use-cases';
import { StarbaseConfig } from './config';
import { buildContainer } from './container';
import { ServerOverrides } from './server-overrides';
import { openConfiguredStorage } from './storage-modules';
import { TOKENS } from './tokens';

/** A composed home server: what the server, the CLI, the tests and the benchmarks each take from it. */
export interface ComposedServer {
  readonly config: StarbaseConfig;
  readonly storage: ServerStorage;
  readonly useCases: ServerUseCases;
  /** The operator's use cases, for `starbase admin …`. */
  readonly admin: AdminUseCases;
  /**
   * The HTTP app over `useCases`, not yet listening; built on the first call, which also starts the
   * periodic purge. Admin commands never build one.
   */
  httpApp(): Promise<FastifyInstance>;
  /** Finishes in-flight requests, ends event streams, then closes storage (unless it was handed in). */
  close(): Promise<void>;
}

const PURGE_INTERVAL_MS = 10 * 60 * 1000;

/** What `/metrics` reports about storage, summed at scrape time. */
const storageGauges = (storage: ServerStorage): (() => Promise<StorageGauges>) => {
  const totals = new InboxTotals(storage);
  return async () => {
    const result = await totals.execute();
    if (!result.ok) throw new Error('inbox totals cannot fail');
    return result.value;
  };
};

/** The composition root: opens the storage module STARBASE_STORAGE names and wires everything over it. */
export const composeServer = async (config: StarbaseConfig, overrides: ServerOverrides = {}): Promise<ComposedServer> => {
  const opened = overrides.storage ?? (await openConfiguredStorage(config));
  const { storage, notifier } = opened;
  const container = buildContainer(config, opened, overrides);
  const useCases = container.get(TOKENS.ServerUseCases);

  let housekeeping: NodeJS.Timeout | undefined;
  const startHttp = async (): Promise<FastifyInstance> => {
    const app = await buildHttpApp({
      useCases,
      notifier,
      settings: container.get(TOKENS.HttpSettings),
      ops: {
        ready: () => storage.ping(),
        metrics: config.metrics ? { gauges: storageGauges(storage) } : null,
      },
      ...(overrides.logDestination ? { logDestination: overrides.logDestination } : {}),
    });
    housekeeping = setInterval(() => {
      useCases.purgeExpired
        .execute()
        .catch((error: unknown) => app.log.error({ err: error }, 'purging expired captchas, sessions, staged objects and old inbox contents failed'));
    }, PURGE_INTERVAL_MS);
    housekeeping.unref();
    return app;
  };

  let http: Promise<FastifyInstance> | null = null;
  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      const app = await http?.catch(() => null);
      clearInterval(housekeeping);
      await app?.close();
      if (overrides.storage) return;
      await notifier.close();
      await storage.close();
    })();
    return closing;
  };
  return {
    config,
    storage,
    useCases,
    admin: container.get(TOKENS.AdminUseCases),
    httpApp: () => (http ??= startHttp()),
    close,
  };
};
