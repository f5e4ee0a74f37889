import { chunksToDiscard, namedChunkIds } from '../../../../src/application/client/peers/claim-file-chunks';
import { createBlobDocument } from '../../../../src/domain/messaging/blob-document';
import { FILE_CHUNK_BYTES } from '../../../../src/domain/messaging/file-description';
import { MessageRecord } from '../../../../src/domain/messaging/message';
import { ALICE, ALICE_IDENTITY } from '../../domain/messaging/builders';

const KEPT = 'AAAAAAAAAAAAAAAAAAAAAA';
const REFUSED = 'BBBBBBBBBBBBBBBBBBBBBA';

const accepted: MessageRecord = {
  id: 'm1',
  friend: ALICE,
  handshakeId: 'h1',
  direction: 'in',
  seq: 1,
  sentAt: 0,
  body: '',
  kind: { type: 'message', files: [{ name: 'a', type: '', size: 1, sha256: '', key: '', chunkBytes: FILE_CHUNK_BYTES, chunks: [KEPT] }] },
  receivedAt: 0,
  deliveredAt: null,
  failedAttempts: 0,
};

describe('chunks of refused messages (§9.2)', () => {
  it('reads the well-formed chunk ids of a message that fails the strict parse, and nothing from what is not JSON', () => {
    const plaintext = JSON.stringify({ type: 'message', files: [{ chunkBytes: 5, chunks: [REFUSED, 'not an id', 7] }, null, { chunks: 'x' }] });
    expect(namedChunkIds(plaintext)).toEqual([REFUSED]);
    expect(namedChunkIds('{"files":')).toEqual([]);
    expect(namedChunkIds('[1]')).toEqual([]);
  });

  it('never discards a chunk an accepted message names (it may still be dropped, past the claim cap)', () => {
    const doc = { ...createBlobDocument(ALICE_IDENTITY), messages: { 'alice:m1': accepted } };
    expect(chunksToDiscard(doc, [KEPT, REFUSED, REFUSED])).toEqual([REFUSED]);
  });
});
