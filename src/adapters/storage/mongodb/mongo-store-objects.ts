import { ClientSession } from 'mongodb';
import { StoreObject, StoreObjectInfo, StoreUsage } from '../../../domain/home-server/store/store-object';
import { MongoCollections } from './mongo-context';
import { binaryToBytes, bytesToBinary } from './mongo-documents';
import { StoreObjectDocument } from './schema';

/** Store objects ↔ documents, and the running totals on the blob head; all inside the caller's transaction. */

export const toStoreObjectDocument = (object: StoreObject): StoreObjectDocument => ({
  owner: object.owner,
  id: object.id,
  state: object.state,
  bytes: object.bytes,
  createdAt: object.createdAt,
  tokenId: object.tokenId,
  data: bytesToBinary(object.data),
});

export const fromStoreObjectInfoDocument = (document: Omit<StoreObjectDocument, 'data'>): StoreObjectInfo => ({
  owner: document.owner,
  id: document.id,
  state: document.state,
  bytes: document.bytes,
  createdAt: document.createdAt,
  tokenId: document.tokenId ?? null,
});

export const fromStoreObjectDocument = (document: StoreObjectDocument): StoreObject => ({
  ...fromStoreObjectInfoDocument(document),
  data: binaryToBytes(document.data),
});

export const WITHOUT_DATA = { projection: { data: 0 } } as const;

/** The account's head size and store totals, or null when the account has no head (deleted). */
export const readStoreHead = async (
  collections: MongoCollections,
  session: ClientSession,
  owner: string,
): Promise<{ version: number; headBytes: number; usage: StoreUsage } | null> => {
  const head = await collections.blobs.findOne({ _id: owner }, { session });
  if (!head) return null;
  return {
    version: head.version,
    headBytes: head.byteLength,
    usage: { objects: head.storeObjects ?? 0, bytes: head.storeBytes ?? 0 },
  };
};

/** Adds to (or, negative, takes from) the account's store totals. */
export const countInStore = async (
  collections: MongoCollections,
  session: ClientSession,
  owner: string,
  change: StoreUsage,
): Promise<void> => {
  await collections.blobs.updateOne({ _id: owner }, { $inc: { storeObjects: change.objects, storeBytes: change.bytes } }, { session });
};
