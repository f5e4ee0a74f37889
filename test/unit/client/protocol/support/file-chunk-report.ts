import { Cipher, Digest } from '../../../../../src/application/ports/client-crypto';
import { StreamingDigest } from '../../../../../src/application/ports/streaming-digest';
import { fileChunkNonce } from '../../../../../src/application/client/protocol/file-chunks';
import { sealFileStream } from '../../../../../src/application/client/protocol/file-stream-cipher';
import { padToBlock } from '../../../../../src/domain/protocol/encoding/padding';
import fileChunks from '../../../../vectors/file-chunks.json';
import { hex, toHex } from './hex';

/*
 * test/vectors/file-chunks.json recomputed through the client's own §9.1 code: the same function runs
 * in Node (jest) and in Chromium (the browser bundle), and each must reproduce the vectors exactly.
 */

export const FILE_CHUNK_VECTORS = fileChunks;
type Vectors = typeof fileChunks;

type Ports = { readonly cipher: Cipher; readonly digest: Digest; readonly streamingDigest: StreamingDigest };

/** Byte i is i mod 251 (the vectors' plaintext), delivered in awkward pieces so re-chunking is exercised. */
async function* patternPieces(size: number, pieceBytes = 77_777): AsyncGenerator<Uint8Array> {
  for (let start = 0; start < size; start += pieceBytes) {
    const piece = new Uint8Array(Math.min(pieceBytes, size - start));
    for (let i = 0; i < piece.length; i++) piece[i] = (start + i) % 251;
    yield piece;
  }
}

export const computeFileChunkReport = async (ports: Ports): Promise<Vectors> => {
  const nonces = fileChunks.nonces.map(({ index, last }) => ({ index, last, nonce: toHex(fileChunkNonce(index, last)) }));
  const padding = [];
  for (const { plaintextBytes } of fileChunks.padding) {
    const padded = padToBlock(new Uint8Array(plaintextBytes).map((_, i) => i % 251), fileChunks.padBlock);
    padding.push({ plaintextBytes, paddedBytes: padded.length, paddedSha256: toHex(await ports.digest.sha256(padded)) });
  }
  const files = [];
  for (const file of fileChunks.files) {
    const chunks = [];
    const stream = sealFileStream(ports, hex(file.key), patternPieces(file.size));
    let step = await stream.next();
    while (!step.done) {
      const { index, last, sealed } = step.value;
      chunks.push({
        index,
        last,
        nonce: toHex(fileChunkNonce(index, last)),
        paddedBytes: sealed.length - 16,
        sealedBytes: sealed.length,
        sealedSha256: toHex(await ports.digest.sha256(sealed)),
        tag: toHex(sealed.subarray(sealed.length - 16)),
      });
      step = await stream.next();
    }
    files.push({ name: file.name, key: file.key, size: step.value.size, sha256: step.value.sha256, chunks });
  }
  return { ...fileChunks, nonces, padding, files };
};
