import { BlobDocument } from '../../../domain/messaging/blob-document';
import { serializeBlobDocument } from '../../../domain/messaging/blob-codec';
import { utf8ByteLength } from '../../../domain/protocol/text-size';

/**
 * Sizes of serialized blob documents, remembered per document object. Documents are immutable,
 * so the size measured when one was serialized for writing answers the next sync's size check
 * without serializing the whole history again.
 */
const plaintextBytesByDocument = new WeakMap<BlobDocument, number>();

export interface BlobPlaintext {
  readonly text: string;
  /** UTF-8 bytes of `text`, before padding and encryption. */
  readonly bytes: number;
}

export const serializeBlobPlaintext = (doc: BlobDocument): BlobPlaintext => {
  const text = serializeBlobDocument(doc);
  const bytes = utf8ByteLength(text);
  plaintextBytesByDocument.set(doc, bytes);
  return { text, bytes };
};

/** The same number as `plaintextSize` (domain/messaging/blob-size), serializing only documents not yet measured. */
export const blobPlaintextBytes = (doc: BlobDocument): number => plaintextBytesByDocument.get(doc) ?? serializeBlobPlaintext(doc).bytes;
