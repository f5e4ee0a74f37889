import type { Collection, Db, Document, Sort } from 'mongodb';
import { RecordCounts } from '../../../application/ports/storage-dump';
import { collectionsOf, MongoCollections } from './mongo-context';
import { MongoDumpStore, DumpCollection, DumpDocuments, StreamedCollection } from './mongo-dump';
import { BlobChunkDocument, COLLECTIONS } from './schema';

/** Documents per round trip while streaming; blob chunks are fetched per blob instead. */
const READ_BATCH_DOCUMENTS = 500;

/** The inbox order follows the `inbox_arrival_order` index; everything else its `_id` index. */
const STREAM_ORDER: Record<StreamedCollection, Sort> = {
  secrets: { _id: 1 },
  invites: { _id: 1 },
  accounts: { _id: 1 },
  blobs: { _id: 1 },
  dropTokens: { _id: 1 },
  inbox: { owner: 1, seq: 1 },
  storeObjects: { owner: 1, id: 1 },
};

/** MongoDumpStore over the driver. Inserts inherit the client's write concern (majority + journal by default). */
export class DriverMongoDumpStore implements MongoDumpStore {
  private readonly collections: MongoCollections;

  constructor(private readonly db: Db) {
    this.collections = collectionsOf(db);
  }

  stream<C extends StreamedCollection>(collection: C): AsyncIterable<DumpDocuments[C]> {
    return this.untyped(collection)
      .find({})
      .sort(STREAM_ORDER[collection])
      .batchSize(READ_BATCH_DOCUMENTS) as unknown as AsyncIterable<DumpDocuments[C]>;
  }

  chunksOf(name: string): Promise<BlobChunkDocument[]> {
    return this.collections.blobChunks.find({ name }).sort({ index: 1 }).toArray();
  }

  async highestCounterSeq(): Promise<number> {
    const highest = await this.collections.inboxCounters.findOne({}, { sort: { seq: -1 }, projection: { seq: 1 } });
    return highest?.seq ?? 0;
  }

  async insert<C extends DumpCollection>(collection: C, documents: DumpDocuments[C][]): Promise<void> {
    if (documents.length === 0) return;
    const inserted = await this.untyped(collection).insertMany(documents as unknown as Document[], { ordered: true });
    if (inserted.insertedCount !== documents.length) {
      throw new Error(`${collection}: inserted ${inserted.insertedCount} of ${documents.length} documents`);
    }
  }

  async counts(): Promise<RecordCounts> {
    const { accounts, blobs, dropTokens, inbox, secrets, storeObjects } = this.collections;
    return {
      accounts: await accounts.countDocuments({}),
      blobs: await blobs.countDocuments({}),
      blobBytes: await this.sum(blobs, 'byteLength'),
      dropTokens: await dropTokens.countDocuments({}),
      inboxItems: await inbox.countDocuments({}),
      inboxBytes: await this.sum(inbox, 'bytes'),
      secrets: await secrets.countDocuments({}),
      invites: await this.untyped('invites').countDocuments({}),
      storeObjects: await storeObjects.countDocuments({}),
      storeObjectBytes: await this.sum(storeObjects, 'bytes'),
    };
  }

  async clear(): Promise<void> {
    for (const name of Object.values(COLLECTIONS)) await this.db.collection(name).deleteMany({});
  }

  private async sum<T extends Document>(collection: Collection<T>, field: string): Promise<number> {
    const [total] = await collection.aggregate<{ total: number }>([{ $group: { _id: null, total: { $sum: `$${field}` } } }]).toArray();
    return total?.total ?? 0;
  }

  /** Each collection holds exactly the documents DumpDocuments names; the driver's generics cannot see that per key. */
  private untyped(collection: DumpCollection): Collection<Document> {
    return this.db.collection(COLLECTIONS[collection]);
  }
}
