import { Db, MongoClient, TransactionOptions } from 'mongodb';
import { AccountRepository } from '../../../application/ports/account-repository';
import { CaptchaStore } from '../../../application/ports/captcha-store';
import { DropTokenRepository } from '../../../application/ports/drop-token-repository';
import { InboxRepository } from '../../../application/ports/inbox-repository';
import { InviteRepository } from '../../../application/ports/invite-repository';
import { SecretStore } from '../../../application/ports/secret-store';
import { SessionRepository } from '../../../application/ports/session-repository';
import { DumpableStorage, StorageDump } from '../../../application/ports/storage-dump';
import { StoreObjectRepository } from '../../../application/ports/store-object-repository';
import { UserBlobRepository } from '../../../application/ports/user-blob-repository';
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
export class MongoStorage implements DumpableStorage {
  readonly accounts: AccountRepository;
  readonly blobs: UserBlobRepository;
  readonly inbox: InboxRepository;
  readonly objects: StoreObjectRepository;
  readonly dropTokens: DropTokenRepository;
  readonly sessions: SessionRepository;
  readonly captchas: CaptchaStore;
  readonly secrets: SecretStore;
  readonly invites: InviteRepository;
  /** Migration between adapters; only while no server uses the database. */
  readonly dump: StorageDump;

  constructor(
    private readonly client: MongoClient,
    /** The database itself, for the inbox notifier and operator tools (migration). */
    readonly database: Db,
    transactionOptions: TransactionOptions,
    readonly log: (line: string) => void,
  ) {
    const context = new MongoContext(client, database, transactionOptions);
    this.accounts = new MongoAccountRepository(context);
    this.blobs = new MongoUserBlobRepository(context);
    this.inbox = new MongoInboxRepository(context);
    this.objects = new MongoStoreObjectRepository(context);
    this.dropTokens = new MongoDropTokenRepository(context);
    this.sessions = new MongoSessionRepository(context);
    this.captchas = new MongoCaptchaStore(context);
    this.secrets = new MongoSecretStore(context);
    this.invites = new MongoInviteRepository(database);
    this.dump = new MongoStorageDump(new DriverMongoDumpStore(database));
  }

  async ping(): Promise<boolean> {
    try {
      const answer = await this.database.command({ ping: 1 });
      return answer['ok'] === 1;
    } catch (error) {
      this.log(`mongodb storage: ping failed: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
  }

  /** Idempotent: closing twice is fine. */
  async close(): Promise<void> {
    await this.client.close();
  }
}

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
    return new MongoStorage(client, database, transactionOptionsFor(resolved.value), logger);
  } catch (error) {
    await client.close();
    throw error;
  }
};
