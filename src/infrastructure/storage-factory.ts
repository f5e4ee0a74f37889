import { Storage } from '../application/ports/storage';
import { createMemoryStorage } from '../adapters/storage/memory/memory-storage';
import { openSqliteStorage, sqliteFileIn } from '../adapters/storage/sqlite/sqlite-storage';
import { StarbaseConfig } from './config';

/** The storage module STARBASE_STORAGE names, opened and ready. */
export const openConfiguredStorage = async (config: Pick<StarbaseConfig, 'storage' | 'dataDir' | 'mongodbUrl'>): Promise<Storage> => {
  switch (config.storage) {
    case 'memory':
      return createMemoryStorage();
    case 'sqlite':
      return openSqliteStorage({ file: sqliteFileIn(config.dataDir) });
    case 'mongodb':
      throw new Error('mongodb storage not available in this build (src/adapters/storage/mongodb/mongo-storage is missing)');
  }
};
