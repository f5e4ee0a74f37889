import { utf8ByteLength } from '../protocol/text-size';
import { BlobDocument } from './blob-document';
import { serializeBlobDocument } from './blob-codec';

/**
 * At this share of the server's blob limit the client warns the user and stops acknowledging
 * inbox items, so nothing is lost to a write that cannot fit (§6).
 */
export const BLOB_NEAR_CAP_RATIO = 0.9;

/** UTF-8 bytes of the serialized plaintext, before padding and encryption. */
export const plaintextSize = (doc: BlobDocument): number => utf8ByteLength(serializeBlobDocument(doc));

export const isNearCap = (bytes: number, limitBytes: number): boolean => bytes >= limitBytes * BLOB_NEAR_CAP_RATIO;
