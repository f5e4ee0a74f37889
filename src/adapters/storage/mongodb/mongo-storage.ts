import { Db, MongoClient, TransactionOptions } from 'mongodb';
import { DumpableStorage } from '../../../application/ports/storage-dump';
import { MongoAccountRepository } from './mongo-account-repository';
import { MongoCaptchaStore } from './mongo-captcha-store';
import { MongoContext } from './mongo-context';
import { MongoDropTokenRepository } from './mongo-drop-token-repository';
import { DriverMongoDumpStore } from './mongo-driver-dump';
import { MongoInboxRepository } from './mongo-inbox-repository';
import { MongoInviteRepository } from './mongo-invite-repository';
import { MongoStorageOptions, ResolvedMongoStorageOptions, resolveMongoStorageOptions } from './mongo-options';
import { ensureSchema, transactionSupportProblem } from './mongo-schema-setup';
import { MongoSecretStore } from './mongo-secret-store';
import { MongoSessionRepository } from './mongo-session-repository';
import { MongoStorageDump } from './mongo-dump';
import { MongoStoreObjectRepository } from './mongo-store-object-repository';
import { MongoUserBlobRepository } from './mongo-user-blob-repository';

/** Every storage port over one MongoDB database (replica set or sharded cluster). */
export interface MongoStorage extends DumpableStorage {
  /** The database itself, for the inbox notifier and operator tools (migration). */
  readonly database: Db;
  readonly log: (line: string) => void;
}

const mongoStorageOver = (
  client: MongoClient,
  database: Db,
  transactionOptions: TransactionOptions,
  log: (line: string) => void,
): MongoStorage => {
  const context = new MongoContext(client, database, transactionOptions);
  return {
    accounts: new MongoAccountRepository(context),
    blobs: new MongoUserBlobRepository(context),
    inbox: new MongoInboxRepository(context),
    objects: new MongoStoreObjectRepository(context),
    dropTokens: new MongoDropTokenRepository(context),
    sessions: new MongoSessionRepository(context),
    captchas: new MongoCaptchaStore(context),
    secrets: new MongoSecretStore(context),
    invites: new MongoInviteRepository(database),
    dump: new MongoStorageDump(new DriverMongoDumpStore(database)),
    database,
    log,
    ping: async () => {
      try {
        const answer = await database.command({ ping: 1 });
        return answer['ok'] === 1;
      } catch (error) {
        log(`mongodb storage: ping failed: ${error instanceof Error ? error.message : String(error)}`);
        return false;
      }
    },
    // Idempotent: closing twice is fine.
    close: () => client.close(),
  };
};

/** Snapshot reads, so a transaction sees one consistent state; commits with the configured write concern. */
export const transactionOptionsFor = (resolved: ResolvedMongoStorageOptions): TransactionOptions => ({
  readConcern: { level: 'snapshot' },
  readPreference: 'primary',
  ...(resolved.writeConcern ? { writeConcern: resolved.writeConcern } : {}),
});

/**
 * Connects, refuses deployments without transactions, creates collections and indexes, and
 * returns the storage. Throws with a readable message on bad options or an unusable server.
 */
export const openMongoStorage = async (options: MongoStorageOptions): Promise<MongoStorage> => {
  const resolved = resolveMongoStorageOptions(options);
  if (!resolved.ok) throw new Error(`invalid MongoDB storage configuration:\n- ${resolved.error.join('\n- ')}`);
  const { url, dbName, writeConcern, logger, ttlIndexes } = resolved.value;

  const client = new MongoClient(url, { appName: 'starbase', ...(writeConcern ? { writeConcern } : {}) });
  try {
    await client.connect();
    const database = client.db(dbName);
    const problem = transactionSupportProblem(await database.admin().command({ hello: 1 }));
    if (problem) throw new Error(problem);
    await ensureSchema(database, { ttlIndexes });
    logger(`mongodb storage: using database "${dbName}"${ttlIndexes ? '' : ' (TTL indexes off)'}`);
    return mongoStorageOver(client, database, transactionOptionsFor(resolved.value), logger);
  } catch (error) {
    await client.close();
    throw error;
  }
};
