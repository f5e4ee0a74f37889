import fc from 'fast-check';
import { blobPlaintextBytes, serializeBlobPlaintext } from '../../../src/application/client/protocol/blob-plaintext';
import { serializeBlobDocument } from '../../../src/domain/messaging/blob-codec';
import { withVersion } from '../../../src/domain/messaging/blob-document';
import { plaintextSize } from '../../../src/domain/messaging/blob-size';
import { blobDocument } from '../domain/messaging/blob-arbitraries';

describe('blob plaintext sizes remembered per document', () => {
  it('serializes like the domain codec and measures UTF-8 bytes like plaintextSize', () => {
    fc.assert(
      fc.property(blobDocument, (doc) => {
        const plaintext = serializeBlobPlaintext(doc);
        expect(plaintext.text).toBe(serializeBlobDocument(doc));
        expect(plaintext.bytes).toBe(plaintextSize(doc));
        expect(blobPlaintextBytes(doc)).toBe(plaintextSize(doc));
      }),
    );
  });

  it('answers for each document object its own size, measured or not', () => {
    fc.assert(
      fc.property(fc.array(blobDocument, { minLength: 1, maxLength: 5 }), fc.integer({ min: 1, max: 10 ** 12 }), (docs, version) => {
        for (const doc of docs) serializeBlobPlaintext(doc);
        for (const doc of docs) {
          const bumped = withVersion(doc, version);
          expect(blobPlaintextBytes(bumped)).toBe(plaintextSize(bumped));
          expect(blobPlaintextBytes(doc)).toBe(plaintextSize(doc));
        }
      }),
    );
  });
});
