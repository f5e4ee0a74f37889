import { ClientSession, Collection, Db, MongoClient, MongoError, TransactionOptions } from 'mongodb';
import {
  AccountDocument,
  BlobChunkDocument,
  BlobDocument,
  CaptchaDocument,
  COLLECTIONS,
  DropTokenDocument,
  InboxCounterDocument,
  InboxItemDocument,
  SecretDocument,
  SessionDocument,
  StoreObjectDocument,
} from './schema';

export interface MongoCollections {
  readonly accounts: Collection<AccountDocument>;
  readonly blobs: Collection<BlobDocument>;
  readonly blobChunks: Collection<BlobChunkDocument>;
  readonly inbox: Collection<InboxItemDocument>;
  readonly inboxCounters: Collection<InboxCounterDocument>;
  readonly dropTokens: Collection<DropTokenDocument>;
  readonly sessions: Collection<SessionDocument>;
  readonly captchas: Collection<CaptchaDocument>;
  readonly secrets: Collection<SecretDocument>;
  readonly storeObjects: Collection<StoreObjectDocument>;
}

export const collectionsOf = (db: Db): MongoCollections => ({
  accounts: db.collection<AccountDocument>(COLLECTIONS.accounts),
  blobs: db.collection<BlobDocument>(COLLECTIONS.blobs),
  blobChunks: db.collection<BlobChunkDocument>(COLLECTIONS.blobChunks),
  inbox: db.collection<InboxItemDocument>(COLLECTIONS.inbox),
  inboxCounters: db.collection<InboxCounterDocument>(COLLECTIONS.inboxCounters),
  dropTokens: db.collection<DropTokenDocument>(COLLECTIONS.dropTokens),
  sessions: db.collection<SessionDocument>(COLLECTIONS.sessions),
  captchas: db.collection<CaptchaDocument>(COLLECTIONS.captchas),
  secrets: db.collection<SecretDocument>(COLLECTIONS.secrets),
  storeObjects: db.collection<StoreObjectDocument>(COLLECTIONS.storeObjects),
});

/** What every repository shares: the collections and a way to run multi-document work atomically. */
export class MongoContext {
  readonly collections: MongoCollections;

  constructor(
    private readonly client: MongoClient,
    readonly db: Db,
    private readonly transactionOptions: TransactionOptions,
  ) {
    this.collections = collectionsOf(db);
  }

  /**
   * Runs `work` in a multi-document transaction (needs a replica set or sharded cluster) and
   * returns its result. The driver re-runs `work` on transient conflicts, so it must do nothing
   * but database operations, one after the other (never in parallel), each with `{ session }`.
   * Returning normally commits, even when the result is an expected failure: such paths write
   * nothing before deciding.
   */
  async transaction<T>(work: (session: ClientSession) => Promise<T>): Promise<T> {
    const session = this.client.startSession();
    try {
      return await session.withTransaction(work, this.transactionOptions);
    } finally {
      await session.endSession();
    }
  }
}

export const DUPLICATE_KEY = 11000;

export const isDuplicateKeyError = (error: unknown): boolean => error instanceof MongoError && error.code === DUPLICATE_KEY;
