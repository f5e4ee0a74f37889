import type { Db, Document, IndexDescription } from 'mongodb';
import { MongoError } from 'mongodb';
import { COLLECTIONS, IndexDefinition, INDEXES, isTtlIndex } from './schema';

const NAMESPACE_EXISTS = 48;

/**
 * Why this deployment cannot run the adapter, or null when it can. Every multi-document write
 * (account creation, blob writes, drops, acks, credential change, deletion) is a transaction, and
 * MongoDB runs transactions only on replica set members and through mongos.
 */
export const transactionSupportProblem = (hello: Document): string | null => {
  const isReplicaSetMember = typeof hello['setName'] === 'string';
  const isMongos = hello['msg'] === 'isdbgrid';
  if (isReplicaSetMember || isMongos) return null;
  return (
    'MongoDB storage needs a replica set or a sharded cluster (it uses multi-document transactions), ' +
    'but the server at STARBASE_MONGODB_URL is a standalone mongod. A single-node replica set is enough: ' +
    'start mongod with --replSet rs0, run rs.initiate() once, and add ?replicaSet=rs0 to the URL (see docs/mongodb.md).'
  );
};

/** The indexes start-up creates: all of INDEXES, without the TTL ones when they are turned off. */
export const indexesToCreate = (options: { ttlIndexes: boolean }): IndexDefinition[] =>
  INDEXES.filter((index) => options.ttlIndexes || !isTtlIndex(index));

export const toIndexDescription = (index: IndexDefinition): IndexDescription => ({
  name: index.name,
  key: { ...index.key },
  ...(index.unique ? { unique: true } : {}),
  ...(index.expireAfterSeconds !== undefined ? { expireAfterSeconds: index.expireAfterSeconds } : {}),
});

/**
 * Creates every collection and index that does not exist yet. Idempotent and safe when several
 * processes start together. Collections are created up front because transactions cannot always
 * create them (sharded clusters, servers before 4.4).
 */
export const ensureSchema = async (db: Db, options: { ttlIndexes: boolean }): Promise<void> => {
  const existing = new Set(
    (await db.listCollections({}, { nameOnly: true }).toArray()).map((collection) => collection.name),
  );
  for (const name of Object.values(COLLECTIONS)) {
    if (existing.has(name)) continue;
    try {
      await db.createCollection(name);
    } catch (error) {
      // Another process created it between our listing and now.
      if (!(error instanceof MongoError && error.code === NAMESPACE_EXISTS)) throw error;
    }
  }
  const wanted = indexesToCreate(options);
  for (const name of Object.values(COLLECTIONS)) {
    const descriptions = wanted.filter((index) => index.collection === name).map(toIndexDescription);
    if (descriptions.length > 0) await db.collection(name).createIndexes(descriptions);
  }
};
