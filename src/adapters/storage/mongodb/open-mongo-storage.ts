import { startMongoInboxNotifier } from './mongo-inbox-notifier';
import { openMongoStorage } from './mongo-storage';

/**
 * The `mongodb` storage module: the database, and inbox events from its change stream (or its
 * polling fallback), since several server processes may share one database.
 */
export const open = async (config: { readonly mongodbUrl: string | null }) => {
  if (config.mongodbUrl === null) throw new Error('STARBASE_MONGODB_URL is required for mongodb storage');
  const storage = await openMongoStorage({ url: config.mongodbUrl });
  try {
    return { storage, notifier: await startMongoInboxNotifier(storage) };
  } catch (error) {
    await storage.close();
    throw error;
  }
};
