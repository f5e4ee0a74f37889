import { FastifyInstance } from 'fastify';
import { Container } from 'inversify';
import { buildHttpApp } from '../adapters/http/http-app';
import { HttpSettings, HttpUseCases } from '../adapters/http/http-dependencies';
import { StorageGauges } from '../adapters/http/ops/ops-dependencies';
import { ServerStorage } from '../application/ports/server-storage';
import { InboxTotals } from '../application/server/admin/inbox-totals';
import { ServerUseCases } from '../application/server/server-use-cases';
import { StarbaseConfig } from './config';
import { ContainerOverrides, createContainer } from './container';
import { ClosableInboxNotifier } from './storage-factory';
import { TOKENS } from './tokens';

/** A composed home server, not yet listening. */
export interface StarbaseServer {
  readonly app: FastifyInstance;
  readonly storage: ServerStorage;
  readonly container: Container;
  readonly config: StarbaseConfig;
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

export const createStarbaseServer = async (config: StarbaseConfig, overrides: ContainerOverrides = {}): Promise<StarbaseServer> => {
  const container = await createContainer(config, overrides);
  const storage = container.get<ServerStorage>(TOKENS.Storage);
  const notifier = container.get<ClosableInboxNotifier>(TOKENS.InboxNotifier);
  const app = await buildHttpApp({
    useCases: container.get<HttpUseCases>(TOKENS.HttpUseCases),
    notifier,
    settings: container.get<HttpSettings>(TOKENS.HttpSettings),
    ops: {
      ready: () => storage.ping(),
      metrics: config.metrics ? { gauges: storageGauges(storage) } : null,
    },
    ...(overrides.logDestination ? { logDestination: overrides.logDestination } : {}),
  });

  const purge = container.get<ServerUseCases>(TOKENS.ServerUseCases).purgeExpired;
  const housekeeping = setInterval(() => {
    purge.execute().catch((error: unknown) => app.log.error({ err: error }, 'purging expired captchas, sessions and staged objects failed'));
  }, PURGE_INTERVAL_MS);
  housekeeping.unref();

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      clearInterval(housekeeping);
      await app.close();
      await notifier.close();
      if (!overrides.storage) await storage.close();
    })();
    return closing;
  };
  return { app, storage, container, config, close };
};
