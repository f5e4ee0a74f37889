import type * as MongoStorageModule from '../adapters/storage/mongodb/mongo-storage';
import type * as MongoStorageOpener from '../adapters/storage/mongodb/open-mongo-storage';

/*
 * The MongoDB adapter, required only when a server or command uses it. Requiring it loads the
 * driver, about 7 MB of heap (24.7 MB for a composed server with it); a SQLite or memory server
 * that loaded it would walk those objects in every full garbage collection, and 1 MiB object
 * uploads set one off every few dozen requests.
 */

/** The `mongodb` storage module (storage and inbox notifier). */
export const mongoStorageModule = (): typeof MongoStorageOpener =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('../adapters/storage/mongodb/open-mongo-storage') as typeof MongoStorageOpener;

/** `openMongoStorage` alone, for the admin commands. */
export const openMongoStorage: (typeof MongoStorageModule)['openMongoStorage'] = (options) =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('../adapters/storage/mongodb/mongo-storage') as typeof MongoStorageModule).openMongoStorage(options);
