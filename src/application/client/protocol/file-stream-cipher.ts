import { Cipher } from '../../ports/client-crypto';
import { StreamingDigest } from '../../ports/streaming-digest';
import { encodeB64u } from '../../../domain/protocol/encoding/b64u';
import { err, ok, Result } from '../../../domain/protocol/result';
import { FILE_CHUNK_BYTES, fileChunkCount } from '../../../domain/messaging/file-description';
import { openFileChunk, sealFileChunk } from './file-chunks';

/*
 * Whole files through §9.1's chunks without holding the file in memory: plaintext arrives in pieces
 * of any size, leaves as 1 MiB chunks one at a time, and the SHA-256 of the whole plaintext is
 * computed on the way (the receiver checks it after the last chunk).
 */

type Ports = { readonly cipher: Cipher; readonly streamingDigest: StreamingDigest };

export interface SealedFileChunk {
  readonly index: number;
  readonly last: boolean;
  /** GCM ciphertext and tag: the object to upload. */
  readonly sealed: Uint8Array;
}

export interface SealedFileSummary {
  readonly size: number;
  /** b64u SHA-256 of the whole plaintext, for the file description (§9.1 `sha256`). */
  readonly sha256: string;
  readonly chunks: number;
}

/** Cuts `source` into FILE_CHUNK_BYTES pieces, keeping one full chunk back until it is known whether it is the last. */
async function* rechunk(source: AsyncIterable<Uint8Array>): AsyncGenerator<{ bytes: Uint8Array; last: boolean }> {
  let filling = new Uint8Array(FILE_CHUNK_BYTES);
  let filled = 0;
  let held: Uint8Array | null = null;
  for await (const piece of source) {
    let offset = 0;
    while (offset < piece.length) {
      if (filled === FILE_CHUNK_BYTES) {
        if (held !== null) yield { bytes: held, last: false };
        held = filling;
        filling = new Uint8Array(FILE_CHUNK_BYTES);
        filled = 0;
      }
      const take = Math.min(FILE_CHUNK_BYTES - filled, piece.length - offset);
      filling.set(piece.subarray(offset, offset + take), filled);
      filled += take;
      offset += take;
    }
  }
  if (held !== null) yield { bytes: held, last: false };
  yield { bytes: filling.subarray(0, filled), last: true };
}

export async function* sealFileStream(
  ports: Ports,
  fileKey: Uint8Array,
  source: AsyncIterable<Uint8Array>,
): AsyncGenerator<SealedFileChunk, SealedFileSummary> {
  const hash = await ports.streamingDigest.sha256();
  let index = 0;
  let size = 0;
  for await (const { bytes, last } of rechunk(source)) {
    hash.update(bytes);
    size += bytes.length;
    yield { index, last, sealed: await sealFileChunk(ports, fileKey, index, last, bytes) };
    index += 1;
  }
  return { size, sha256: encodeB64u(hash.digest()), chunks: index };
}

/** What a file description (§9.1) promises about the plaintext. */
export interface ExpectedFile {
  readonly size: number;
  readonly sha256: string;
}

/** Why a received file is shown as broken and never saved. */
export type FileBroken = 'file/missing-chunk' | 'file/extra-chunk' | 'file/decrypt-failed' | 'file/size-mismatch' | 'file/hash-mismatch';

/**
 * Opens the sealed chunks in order, yielding plaintext as it goes; the result comes only at the end,
 * so a caller writing to disk must keep what it wrote provisional until it is `ok`.
 */
export async function* openFileStream(
  ports: Ports,
  fileKey: Uint8Array,
  expected: ExpectedFile,
  sealedChunks: AsyncIterable<Uint8Array>,
): AsyncGenerator<Uint8Array, Result<void, FileBroken>> {
  const count = fileChunkCount(expected.size);
  const hash = await ports.streamingDigest.sha256();
  let index = 0;
  let size = 0;
  for await (const sealed of sealedChunks) {
    if (index >= count) return err('file/extra-chunk');
    const opened = await openFileChunk(ports, fileKey, index, index === count - 1, sealed);
    if (!opened.ok) return err('file/decrypt-failed');
    size += opened.value.length;
    if (size > expected.size) return err('file/size-mismatch');
    hash.update(opened.value);
    yield opened.value;
    index += 1;
  }
  if (index < count) return err('file/missing-chunk');
  if (size !== expected.size) return err('file/size-mismatch');
  return encodeB64u(hash.digest()) === expected.sha256 ? ok(undefined) : err('file/hash-mismatch');
}
