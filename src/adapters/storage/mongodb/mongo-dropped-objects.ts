import { ClientSession } from 'mongodb';
import { NewDroppedObject } from '../../../application/ports/inbox-repository';
import { EMPTY_STORE_USAGE, StoreUsage } from '../../../domain/home-server/store/store-object';
import { droppedCounted, inboxRelease } from './conditional-updates';
import { MongoCollections, MongoContext } from './mongo-context';
import { toStoreObjectDocument } from './mongo-store-objects';

/**
 * Dropped objects (PROTOCOL §9.2) are store-object documents in state `dropped`; their totals sit
 * on the owner's inbox counter, so each change below writes the counter inside the caller's
 * transaction and conflicts with any drop, claim or ack of the same inbox.
 */

/** How many expired documents one purge run looks at; the next periodic run takes the rest. */
const PURGE_BATCH = 500;

/** A drop token's dropped objects and bytes (the index store_objects_by_token covers it). */
export const droppedOfToken = async (
  collections: MongoCollections,
  session: ClientSession,
  owner: string,
  tokenId: string,
): Promise<StoreUsage> => {
  const [usage] = await collections.storeObjects
    .aggregate<StoreUsage>(
      [
        { $match: { owner, tokenId, state: 'dropped' } },
        { $group: { _id: null, objects: { $sum: 1 }, bytes: { $sum: '$bytes' } } },
        { $project: { _id: 0, objects: 1, bytes: 1 } },
      ],
      { session },
    )
    .toArray();
  return usage ?? EMPTY_STORE_USAGE;
};

export const insertDropped = async (collections: MongoCollections, session: ClientSession, object: NewDroppedObject): Promise<void> => {
  const bytes = object.data.length;
  const { filter, update } = droppedCounted({ owner: object.owner, objects: 1, bytes });
  await collections.inboxCounters.updateOne(filter, update, { session });
  await collections.storeObjects.insertOne(
    toStoreObjectDocument({
      owner: object.owner,
      id: object.id,
      state: 'dropped',
      bytes,
      createdAt: object.receivedAt,
      tokenId: object.tokenId,
      data: object.data,
    }),
    { session },
  );
};

/** Deletes the owner's dropped objects among `ids` (objects in its store are left alone); returns how many. */
export const discardDropped = async (
  collections: MongoCollections,
  session: ClientSession,
  owner: string,
  ids: readonly string[],
  extraFilter: { createdAt?: { $lt: number } } = {},
): Promise<number> => {
  const doomed = await collections.storeObjects
    .find({ owner, id: { $in: [...ids] }, state: 'dropped', ...extraFilter }, { session, projection: { _id: 1, bytes: 1 } })
    .toArray();
  if (doomed.length === 0) return 0;
  await collections.storeObjects.deleteMany({ _id: { $in: doomed.map((document) => document._id) } }, { session });
  const bytes = doomed.reduce((sum, document) => sum + document.bytes, 0);
  const { filter, update } = droppedCounted({ owner, objects: -doomed.length, bytes: -bytes });
  await collections.inboxCounters.updateOne(filter, update, { session });
  return doomed.length;
};

/** Claimed objects leave the inbox's totals (the caller moves them into the store). */
export const uncountClaimed = async (
  collections: MongoCollections,
  session: ClientSession,
  owner: string,
  claimed: readonly { readonly bytes: number }[],
): Promise<void> => {
  if (claimed.length === 0) return;
  const bytes = claimed.reduce((sum, object) => sum + object.bytes, 0);
  const { filter, update } = droppedCounted({ owner, objects: -claimed.length, bytes: -bytes });
  await collections.inboxCounters.updateOne(filter, update, { session });
};

const byOwner = <T extends { owner: string; id: string }>(documents: readonly T[]): Map<string, string[]> => {
  const grouped = new Map<string, string[]>();
  for (const { owner, id } of documents) grouped.set(owner, [...(grouped.get(owner) ?? []), id]);
  return grouped;
};

/**
 * One transaction per inbox re-reads the expired items and objects it deletes, so an ack or a
 * claim racing the purge either ran first (nothing left to delete) or conflicts and is retried.
 */
export const purgeInboxOlderThan = async (context: MongoContext, receivedBefore: number): Promise<{ items: number; objects: number }> => {
  const { inbox, storeObjects } = context.collections;
  const oldItems = await inbox.find({ receivedAt: { $lt: receivedBefore } }, { projection: { owner: 1, id: 1 } }).limit(PURGE_BATCH).toArray();
  const oldObjects = await storeObjects
    .find({ state: 'dropped', createdAt: { $lt: receivedBefore } }, { projection: { owner: 1, id: 1 } })
    .limit(PURGE_BATCH)
    .toArray();
  let items = 0;
  for (const [owner, ids] of byOwner(oldItems)) {
    items += await context.transaction(async (session) => {
      const doomed = await inbox
        .find({ owner, id: { $in: ids }, receivedAt: { $lt: receivedBefore } }, { session, projection: { _id: 1, bytes: 1 } })
        .toArray();
      if (doomed.length === 0) return 0;
      await inbox.deleteMany({ _id: { $in: doomed.map((document) => document._id) } }, { session });
      const { filter, update } = inboxRelease({ owner, items: doomed.length, bytes: doomed.reduce((sum, document) => sum + document.bytes, 0) });
      await context.collections.inboxCounters.updateOne(filter, update, { session });
      return doomed.length;
    });
  }
  let objects = 0;
  for (const [owner, ids] of byOwner(oldObjects)) {
    objects += await context.transaction((session) =>
      discardDropped(context.collections, session, owner, ids, { createdAt: { $lt: receivedBefore } }),
    );
  }
  return { items, objects };
};
