import { webcrypto } from 'node:crypto';
import { hashWasmStreamingDigest } from '../../../../src/adapters/crypto/hash-wasm-streaming-digest';
import { createWebCryptoSuite } from '../../../../src/adapters/crypto/web-crypto-suite';
import { sealFileChunk } from '../../../../src/application/client/protocol/file-chunks';
import { FILE_CHUNK_BYTES, fileChunkCount } from '../../../../src/domain/messaging/file-description';
import { ExpectedFile, openFileStream, sealFileStream } from '../../../../src/application/client/protocol/file-stream-cipher';
import { encodeB64u } from '../../../../src/domain/protocol/encoding/b64u';
import { computeFileChunkReport, FILE_CHUNK_VECTORS } from './support/file-chunk-report';

const crypto = createWebCryptoSuite();
const ports = { ...crypto, streamingDigest: hashWasmStreamingDigest };
const key = (fill: number): Uint8Array => new Uint8Array(32).fill(fill);

async function* piecesOf(bytes: Uint8Array, pieceBytes: number): AsyncGenerator<Uint8Array> {
  for (let start = 0; start < bytes.length; start += pieceBytes) yield bytes.subarray(start, start + pieceBytes);
}

async function* each<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items;
}

const randomBytes = (size: number): Uint8Array => {
  const bytes = new Uint8Array(size);
  for (let start = 0; start < size; start += 65_536) webcrypto.getRandomValues(bytes.subarray(start, start + 65_536));
  return bytes;
};

const sealAll = async (fileKey: Uint8Array, plaintext: Uint8Array) => {
  const chunks: Uint8Array[] = [];
  const stream = sealFileStream(ports, fileKey, piecesOf(plaintext, 300_001));
  let step = await stream.next();
  while (!step.done) {
    chunks.push(step.value.sealed);
    step = await stream.next();
  }
  return { chunks, expected: { size: step.value.size, sha256: step.value.sha256 } satisfies ExpectedFile };
};

const openAll = async (fileKey: Uint8Array, expected: ExpectedFile, chunks: readonly Uint8Array[]) => {
  const pieces: Uint8Array[] = [];
  const stream = openFileStream(ports, fileKey, expected, each(chunks));
  let step = await stream.next();
  while (!step.done) {
    pieces.push(step.value);
    step = await stream.next();
  }
  return { result: step.value, plaintext: Buffer.concat(pieces) };
};

describe('file chunks (PROTOCOL §9.1)', () => {
  it('reproduces test/vectors/file-chunks.json: nonces, padding, every chunk of every file and its SHA-256', async () => {
    expect(await computeFileChunkReport(ports)).toEqual(FILE_CHUNK_VECTORS);
  });

  it('counts at least one chunk, and k chunks for a file of exactly k MiB', () => {
    expect([0, 1, FILE_CHUNK_BYTES, FILE_CHUNK_BYTES + 1, 3 * FILE_CHUNK_BYTES].map(fileChunkCount)).toEqual([1, 1, 1, 2, 3]);
  });

  describe('a 2.5 MiB file', () => {
    const plaintext = randomBytes(2.5 * FILE_CHUNK_BYTES);
    const fileKey = key(7);
    let sealed: Awaited<ReturnType<typeof sealAll>>;
    beforeAll(async () => {
      sealed = await sealAll(fileKey, plaintext);
    });

    it('round-trips and matches the whole-file SHA-256', async () => {
      expect(sealed.chunks).toHaveLength(3);
      expect(sealed.expected.sha256).toBe(encodeB64u(await crypto.digest.sha256(plaintext)));
      const { result, plaintext: opened } = await openAll(fileKey, sealed.expected, sealed.chunks);
      expect(result).toEqual({ ok: true, value: undefined });
      expect(Buffer.compare(opened, Buffer.from(plaintext))).toBe(0);
    });

    it.each([
      ['reordered chunks', (c: Uint8Array[]) => [c[1]!, c[0]!, c[2]!], 'file/decrypt-failed'],
      ['a dropped last chunk', (c: Uint8Array[]) => c.slice(0, 2), 'file/missing-chunk'],
      ['a dropped middle chunk', (c: Uint8Array[]) => [c[0]!, c[2]!], 'file/decrypt-failed'],
      ['an extra chunk', (c: Uint8Array[]) => [...c, c[2]!], 'file/extra-chunk'],
      ['a flipped byte', (c: Uint8Array[]) => [c[0]!, c[1]!.map((b, i) => (i === 10 ? b ^ 1 : b)), c[2]!], 'file/decrypt-failed'],
    ])('refuses %s', async (_, tamper, code) => {
      const { result } = await openAll(fileKey, sealed.expected, tamper(sealed.chunks));
      expect(result).toEqual({ ok: false, error: code });
    });

    it('refuses a chunk spliced in from another file of the same shape', async () => {
      const other = await sealAll(key(8), randomBytes(2.5 * FILE_CHUNK_BYTES));
      const { result } = await openAll(fileKey, sealed.expected, [sealed.chunks[0]!, other.chunks[1]!, sealed.chunks[2]!]);
      expect(result).toEqual({ ok: false, error: 'file/decrypt-failed' });
    });

    it('refuses a description whose hash or size does not match', async () => {
      const wrongHash = await openAll(fileKey, { ...sealed.expected, sha256: encodeB64u(new Uint8Array(32)) }, sealed.chunks);
      expect(wrongHash.result).toEqual({ ok: false, error: 'file/hash-mismatch' });
      const wrongSize = await openAll(fileKey, { ...sealed.expected, size: sealed.expected.size - 1 }, sealed.chunks);
      expect(wrongSize.result).toEqual({ ok: false, error: 'file/size-mismatch' });
    });

    it('refuses a file truncated to a whole number of chunks, since the real last chunk carries the flag', async () => {
      const { result } = await openAll(fileKey, { size: 2 * FILE_CHUNK_BYTES, sha256: sealed.expected.sha256 }, sealed.chunks.slice(0, 2));
      expect(result).toEqual({ ok: false, error: 'file/decrypt-failed' });
    });
  });

  it('refuses a last chunk whose padding is not 0x80 then zeros', async () => {
    const fileKey = key(9);
    const unpadded = await crypto.cipher.encrypt(
      fileKey,
      new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]),
      new Uint8Array(65_536).fill(0),
      new TextEncoder().encode('starbase/2 file'),
    );
    const { result } = await openAll(fileKey, { size: 0, sha256: encodeB64u(await crypto.digest.sha256(new Uint8Array(0))) }, [unpadded]);
    expect(result).toEqual({ ok: false, error: 'file/decrypt-failed' });
    const wellFormed = await sealFileChunk(crypto, fileKey, 0, true, new Uint8Array(0));
    expect((await openAll(fileKey, { size: 0, sha256: encodeB64u(await crypto.digest.sha256(new Uint8Array(0))) }, [wellFormed])).result.ok).toBe(true);
  });
});
