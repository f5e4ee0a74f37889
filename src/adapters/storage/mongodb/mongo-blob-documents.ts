import { ClientSession } from 'mongodb';
import { err, ok, Result } from '../../../domain/protocol/result';
import { UserBlob } from '../../../domain/home-server/user-blob';
import { blobCompareAndSet } from './conditional-updates';
import { MongoCollections } from './mongo-context';
import { fromBlobDocuments, toBlobDocuments } from './mongo-documents';

/**
 * Blob reads and writes over the head document and its chunks. Every function here runs inside
 * the caller's transaction (`session`), which is what keeps head and chunks consistent.
 */

export type BlobAdvanceFailure = { code: 'blob/version-conflict'; currentVersion: number } | { code: 'account/not-found' };

export const readBlob = async (
  collections: MongoCollections,
  session: ClientSession,
  name: string,
): Promise<UserBlob | null> => {
  const head = await collections.blobs.findOne({ _id: name }, { session });
  if (!head) return null;
  const chunks = await collections.blobChunks.find({ name }, { session }).sort({ index: 1 }).toArray();
  return fromBlobDocuments(head, chunks);
};

export const insertFirstBlob = async (
  collections: MongoCollections,
  session: ClientSession,
  blob: UserBlob,
): Promise<void> => {
  const { head, chunks } = toBlobDocuments(blob);
  await collections.blobs.insertOne(head, { session });
  if (chunks.length > 0) await collections.blobChunks.insertMany(chunks, { session });
};

/**
 * Moves the blob from `expectedVersion` to the next version with new ciphertext: the head's
 * compare-and-set decides, and the chunks are replaced only when it matched.
 */
export const advanceBlob = async (
  collections: MongoCollections,
  session: ClientSession,
  input: { name: string; ciphertext: Uint8Array; expectedVersion: number; now: number },
): Promise<Result<{ version: number }, BlobAdvanceFailure>> => {
  const version = input.expectedVersion + 1;
  const { head, chunks } = toBlobDocuments({ name: input.name, version, ciphertext: input.ciphertext, updatedAt: input.now });
  const { filter, update } = blobCompareAndSet({
    name: input.name,
    expectedVersion: input.expectedVersion,
    byteLength: head.byteLength,
    chunkCount: head.chunkCount,
    now: input.now,
  });
  const moved = await collections.blobs.updateOne(filter, update, { session });
  if (moved.matchedCount === 0) {
    const current = await collections.blobs.findOne({ _id: input.name }, { session, projection: { version: 1 } });
    return current
      ? err({ code: 'blob/version-conflict', currentVersion: current.version })
      : err({ code: 'account/not-found' });
  }
  await collections.blobChunks.deleteMany({ name: input.name }, { session });
  if (chunks.length > 0) await collections.blobChunks.insertMany(chunks, { session });
  return ok({ version });
};
