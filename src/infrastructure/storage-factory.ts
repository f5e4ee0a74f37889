import { InProcessInboxNotifier } from '../adapters/system/in-process-inbox-notifier';
import { createMemoryStorage } from '../adapters/storage/memory/memory-storage';
import { startMongoInboxNotifier } from '../adapters/storage/mongodb/mongo-inbox-notifier';
import { MongoStorage, openMongoStorage } from '../adapters/storage/mongodb/mongo-storage';
import { openSqliteStorage, sqliteFileIn } from '../adapters/storage/sqlite/sqlite-storage';
import { ServerStorage } from '../application/ports/server-storage';
import { InboxNotifier } from '../application/ports/inbox-notifier';
import { StarbaseConfig } from './config';

/** The storage module STARBASE_STORAGE names, opened and ready. */
export const openConfiguredStorage = async (
  config: Pick<StarbaseConfig, 'storage' | 'dataDir' | 'mongodbUrl'>,
): Promise<ServerStorage> => {
  switch (config.storage) {
    case 'memory':
      return createMemoryStorage();
    case 'sqlite':
      return openSqliteStorage({ file: sqliteFileIn(config.dataDir) });
    case 'mongodb':
      if (config.mongodbUrl === null) throw new Error('STARBASE_MONGODB_URL is required for mongodb storage');
      return openMongoStorage({ url: config.mongodbUrl });
  }
};

export interface ClosableInboxNotifier extends InboxNotifier {
  close(): Promise<void>;
}

/**
 * Who wakes `/inbox/events`: in-process for memory and SQLite (one server process), MongoDB's
 * change stream (or its polling fallback) when several processes may share one database.
 */
export const openInboxNotifierFor = async (storage: ServerStorage): Promise<ClosableInboxNotifier> => {
  if (storage instanceof MongoStorage) return startMongoInboxNotifier(storage);
  return new InProcessInboxNotifier();
};
