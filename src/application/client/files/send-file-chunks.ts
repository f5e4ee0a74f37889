import { FILE_CHUNK_BYTES, fileChunkCount, FileDescription } from '../../../domain/messaging/file-description';
import { encodeB64u } from '../../../domain/protocol/encoding/b64u';
import { err, ok, Result } from '../../../domain/protocol/result';
import { ClientCrypto } from '../../ports/client-crypto';
import { GatewayError, HomeServerGateway } from '../../ports/home-server-gateway';
import { StreamingDigest } from '../../ports/streaming-digest';
import { sealFileChunk } from '../protocol/file-chunks';
import { newObjectId } from '../protocol/object-cipher';
import { asOwner } from '../session/owner-call';
import { SignedInAccount } from '../session/signed-in-account';
import { FileBytes, readSlice, sizeOf } from './file-source';
import { JournalChunk, JournalEntry, journalKey, UploadJournal } from './upload-journal';

const FILE_KEY_BYTES = 32;

export interface OutgoingFile {
  readonly name: string;
  readonly type: string;
  readonly bytes: FileBytes;
  /** `data:image/jpeg;base64,…` of at most 16 KiB, made by the caller. */
  readonly thumbnail?: string;
}

/** Where the chunks go: the friend's server with their drop token (§9.2), and our own store. */
export interface ChunkDestination {
  readonly friend: string;
  readonly friendGateway: HomeServerGateway;
  readonly friendName: string;
  readonly dropToken: string;
}

export type ChunkFailure =
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'friend'; readonly error: GatewayError }
  | { readonly kind: 'own'; readonly error: GatewayError };

export interface FileChunkPorts {
  readonly crypto: ClientCrypto;
  readonly streamingDigest: StreamingDigest;
  readonly journal: UploadJournal;
}

/** Plaintext bytes of this file sent so far (both copies of each chunk accepted). */
export type ChunkProgress = (bytesDone: number) => void;

type Attempt = Result<FileDescription, ChunkFailure> | 'stale';

interface PreparedChunk {
  readonly plainBytes: number;
  readonly chunk: JournalChunk;
  /** null when both servers already have this chunk (a resumed upload). */
  readonly sealed: Uint8Array | null;
}

/**
 * Seals one file chunk by chunk (§9.1) and delivers every chunk twice, to the friend's inbox and to
 * our own store (staged, for the head write that records the message to commit). Answers the
 * description of our own record: own ids in `chunks`, the friend's in `sentChunks`. What was
 * accepted is journaled as it goes, so running this again for the same file after a failure or a
 * cancel sends only what is missing; the caller forgets the journal once the message is sent.
 */
export const sendFileChunks = async (
  ports: FileChunkPorts,
  account: SignedInAccount,
  destination: ChunkDestination,
  file: OutgoingFile,
  progress: ChunkProgress,
  signal?: AbortSignal,
): Promise<Result<FileDescription, ChunkFailure>> => {
  const size = sizeOf(file.bytes);
  const key = journalKey(destination.friend, { name: file.name, type: file.type, size });
  let entry = (await ports.journal.get(key)) ?? freshEntry(ports.crypto);
  for (;;) {
    const attempt = await sendOnce(ports, account, destination, file, { key, entry }, progress, signal);
    if (attempt !== 'stale') return attempt;
    // The journal was of other bytes under the same name: start over with a new file key.
    entry = freshEntry(ports.crypto);
  }
};

const freshEntry = (crypto: ClientCrypto): JournalEntry => ({ fileKey: crypto.random.bytes(FILE_KEY_BYTES), chunks: [] });

const sendOnce = async (
  ports: FileChunkPorts,
  account: SignedInAccount,
  destination: ChunkDestination,
  file: OutgoingFile,
  journaled: { readonly key: string; readonly entry: JournalEntry },
  progress: ChunkProgress,
  signal: AbortSignal | undefined,
): Promise<Attempt> => {
  const size = sizeOf(file.bytes);
  const count = fileChunkCount(size);
  const hash = await ports.streamingDigest.sha256();
  const chunks: (JournalChunk | undefined)[] = [...journaled.entry.chunks];
  const cancelled = (): boolean => signal?.aborted === true;
  const remember = (index: number, chunk: JournalChunk): Promise<void> => {
    chunks[index] = chunk;
    return ports.journal.put(journaled.key, { fileKey: journaled.entry.fileKey, chunks: [...chunks] });
  };
  /** Read, hashed (in file order: each prepare starts after the one before ended) and sealed when a copy is still missing. */
  const prepare = async (index: number): Promise<PreparedChunk | 'stale'> => {
    const plaintext = await readSlice(file.bytes, index * FILE_CHUNK_BYTES, Math.min(size, (index + 1) * FILE_CHUNK_BYTES));
    hash.update(plaintext);
    const plainSha256 = encodeB64u(await ports.crypto.digest.sha256(plaintext));
    const known = chunks[index];
    if (known !== undefined && known.plainSha256 !== plainSha256) return 'stale';
    const chunk: JournalChunk = known ?? { plainSha256, dropped: null, own: newObjectId(ports.crypto.random), kept: false };
    const needed = chunk.dropped === null || !chunk.kept;
    const sealed = needed ? await sealFileChunk(ports.crypto, journaled.entry.fileKey, index, index === count - 1, plaintext) : null;
    return { plainBytes: plaintext.byteLength, chunk, sealed };
  };
  const started = (index: number): Promise<PreparedChunk | 'stale'> | null => {
    if (index >= count) return null;
    const preparing = prepare(index);
    // Awaited later, or never once cancelled or failed: its error must not go unhandled meanwhile.
    preparing.catch(() => undefined);
    return preparing;
  };
  let done = 0;
  let next = started(0);
  for (let index = 0; index < count; index++) {
    if (cancelled()) return err({ kind: 'cancelled' });
    const prepared = await (next ?? prepare(index));
    if (prepared === 'stale') return 'stale';
    // The next chunk is read and sealed while this one uploads: at most two chunks in memory.
    next = started(index + 1);
    const { sealed } = prepared;
    let { chunk } = prepared;
    if (sealed !== null) {
      const own = chunk.own;
      // Both copies at once: the two servers are independent, so the upload takes the slower one's time, not the sum.
      const [dropped, kept] = await Promise.all([
        chunk.dropped === null ? destination.friendGateway.dropObject(destination.friendName, destination.dropToken, sealed) : null,
        chunk.kept ? null : asOwner(account, (session) => account.gateway.putObject(session, own, sealed)),
      ]);
      chunk = { ...chunk, ...(dropped?.ok === true ? { dropped: dropped.value.id } : {}), ...(kept?.ok === true ? { kept: true } : {}) };
      await remember(index, chunk);
      if (dropped !== null && !dropped.ok) return err({ kind: 'friend', error: dropped.error });
      if (kept !== null && !kept.ok) return err({ kind: 'own', error: kept.error });
    }
    done += prepared.plainBytes;
    progress(done);
  }
  const complete = chunks.slice(0, count);
  return ok({
    name: file.name,
    type: file.type,
    size,
    sha256: encodeB64u(hash.digest()),
    key: encodeB64u(journaled.entry.fileKey),
    chunkBytes: FILE_CHUNK_BYTES,
    chunks: complete.map((chunk) => chunk?.own ?? ''),
    sentChunks: complete.map((chunk) => chunk?.dropped ?? ''),
    ...(file.thumbnail === undefined ? {} : { thumbnail: file.thumbnail }),
  });
};
