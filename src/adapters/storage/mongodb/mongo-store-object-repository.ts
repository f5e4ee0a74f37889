import {
  NewStoreObject,
  PutObjectError,
  StoreObjectPage,
  StoreObjectQuery,
  StoreObjectRepository,
} from '../../../application/ports/store-object-repository';
import { err, ok, Result } from '../../../domain/protocol/result';
import { decideObjectPut } from '../../../domain/home-server/store/store-commit';
import { EMPTY_STORE_USAGE, sameBytes, StoreObject, StoreObjectInfo, StoreUsage } from '../../../domain/home-server/store/store-object';
import { MongoContext } from './mongo-context';
import { binaryToBytes } from './mongo-documents';
import {
  countInStore,
  fromStoreObjectDocument,
  fromStoreObjectInfoDocument,
  readStoreHead,
  toStoreObjectDocument,
  WITHOUT_DATA,
} from './mongo-store-objects';

/** How many expired staged objects one purge transaction deletes; the rest wait for the next round. */
const PURGE_BATCH = 500;

/**
 * Objects are documents with their bytes; the totals live on the blob head (see BlobDocument), so
 * a put writes the head in its transaction and conflicts with any other write to the same store.
 */
export class MongoStoreObjectRepository implements StoreObjectRepository {
  constructor(private readonly context: MongoContext) {}

  async put(object: NewStoreObject, storeBytes: number): Promise<Result<{ created: boolean; info: StoreObjectInfo }, PutObjectError>> {
    const { storeObjects } = this.context.collections;
    return this.context.transaction(async (session) => {
      const head = await readStoreHead(this.context.collections, session, object.owner);
      if (!head) return err('account/not-found');
      const existing = await storeObjects.findOne({ owner: object.owner, id: object.id }, { session });
      const decision = decideObjectPut({
        existing: existing ? { state: existing.state, sameBytes: sameBytes(binaryToBytes(existing.data), object.data) } : null,
        objectBytes: head.usage.bytes,
        headBytes: head.headBytes,
        newBytes: object.data.length,
        storeBytes,
      });
      if (decision === 'exists') return err('object/exists');
      if (decision === 'full') return err('store/full');
      if (decision === 'same' && existing) return ok({ created: false, info: fromStoreObjectInfoDocument(existing) });
      const stored: StoreObject = { ...object, state: 'staged', bytes: object.data.length, tokenId: null };
      await storeObjects.insertOne(toStoreObjectDocument(stored), { session });
      await countInStore(this.context.collections, session, object.owner, { objects: 1, bytes: stored.bytes });
      const { data: _data, ...info } = stored;
      return ok({ created: true, info });
    });
  }

  async get(owner: string, id: string): Promise<StoreObject | null> {
    const document = await this.context.collections.storeObjects.findOne({ owner, id, state: { $ne: 'dropped' } });
    return document ? fromStoreObjectDocument(document) : null;
  }

  /** Each read decodes its own copy from the driver's document: nothing to give back. */
  async read<T>(owner: string, id: string, use: (object: StoreObject | null) => Promise<T>): Promise<T> {
    return use(await this.get(owner, id));
  }

  async info(owner: string, id: string): Promise<StoreObjectInfo | null> {
    const document = await this.context.collections.storeObjects.findOne({ owner, id, state: { $ne: 'dropped' } }, WITHOUT_DATA);
    return document ? fromStoreObjectInfoDocument(document) : null;
  }

  async deleteStaged(owner: string, id: string): Promise<Result<void, 'object/not-found' | 'object/committed'>> {
    const { storeObjects } = this.context.collections;
    return this.context.transaction(async (session) => {
      const existing = await storeObjects.findOne({ owner, id }, { session, ...WITHOUT_DATA });
      if (!existing || existing.state === 'dropped') return err('object/not-found');
      if (existing.state === 'committed') return err('object/committed');
      await storeObjects.deleteOne({ owner, id }, { session });
      await countInStore(this.context.collections, session, owner, { objects: -1, bytes: -existing.bytes });
      return ok(undefined);
    });
  }

  async list(owner: string, query: StoreObjectQuery): Promise<StoreObjectPage> {
    const wanted = Math.max(0, Math.trunc(query.limit));
    // MongoDB reads limit(0) as "no limit"; an empty page needs no query.
    if (wanted === 0) return { items: [], nextAfterId: null };
    const state = query.state === null ? { $ne: 'dropped' as const } : query.state;
    const documents = await this.context.collections.storeObjects
      .find({ owner, state, id: { $gt: query.afterId } }, WITHOUT_DATA)
      .sort({ id: 1 })
      .limit(wanted + 1)
      .toArray();
    const items = documents.slice(0, wanted).map(fromStoreObjectInfoDocument);
    const last = items[items.length - 1];
    return { items, nextAfterId: documents.length > wanted && last ? last.id : null };
  }

  async usage(owner: string): Promise<StoreUsage> {
    const head = await this.context.collections.blobs.findOne({ _id: owner }, { projection: { storeObjects: 1, storeBytes: 1 } });
    return head ? { objects: head.storeObjects ?? 0, bytes: head.storeBytes ?? 0 } : EMPTY_STORE_USAGE;
  }

  /**
   * Each expired object goes in a transaction that re-reads it as staged and writes its head's
   * totals, so a commit racing the purge either ran first (nothing to purge) or conflicts.
   */
  async purgeStaged(createdBefore: number): Promise<number> {
    const { storeObjects } = this.context.collections;
    const expired = await storeObjects
      .find({ state: 'staged', createdAt: { $lt: createdBefore } }, { projection: { owner: 1, id: 1 } })
      .limit(PURGE_BATCH)
      .toArray();
    let purged = 0;
    for (const { owner, id } of expired) {
      purged += await this.context.transaction(async (session) => {
        const object = await storeObjects.findOne({ owner, id, state: 'staged', createdAt: { $lt: createdBefore } }, { session, ...WITHOUT_DATA });
        if (!object) return 0;
        await storeObjects.deleteOne({ owner, id }, { session });
        await countInStore(this.context.collections, session, owner, { objects: -1, bytes: -object.bytes });
        return 1;
      });
    }
    return purged;
  }
}
