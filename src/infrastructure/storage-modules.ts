import * as memory from '../adapters/storage/memory/open-memory-storage';
import * as sqlite from '../adapters/storage/sqlite/open-sqlite-storage';
import { ServerStorage } from '../application/ports/server-storage';
import { InboxNotifier } from '../application/ports/inbox-notifier';
import { StarbaseConfig } from './config';
import { mongoStorageModule } from './mongodb-on-demand';

export interface ClosableInboxNotifier extends InboxNotifier {
  close(): Promise<void>;
}

/** A storage module, open: every storage port, and whoever wakes `/inbox/events` over that backend. */
export interface OpenedStorage {
  readonly storage: ServerStorage;
  readonly notifier: ClosableInboxNotifier;
}

interface StorageModule {
  open(config: StarbaseConfig): Promise<OpenedStorage>;
}

const STORAGE_MODULES: Readonly<Record<StarbaseConfig['storage'], StorageModule>> = {
  memory,
  sqlite,
  mongodb: { open: (config) => mongoStorageModule().open(config) },
};

/** Opens the storage module STARBASE_STORAGE names. */
export const openConfiguredStorage = (config: StarbaseConfig): Promise<OpenedStorage> => STORAGE_MODULES[config.storage].open(config);
