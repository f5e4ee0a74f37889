import { displayFileName, FileDescription } from '../../../domain/messaging/file-description';
import { messageKey } from '../../../domain/messaging/message';
import { getOwn } from '../../../domain/messaging/own-record';
import { kindOfRecord } from '../../../domain/messaging/record-kind';
import { decodeB64u } from '../../../domain/protocol/encoding/b64u';
import { concatBytes } from '../../../domain/protocol/encoding/bytes';
import { ok, Result } from '../../../domain/protocol/result';
import { ClientCrypto } from '../../ports/client-crypto';
import { GatewayError } from '../../ports/home-server-gateway';
import { FileSink } from '../../ports/file-sink';
import type { DownloadWatch } from '../messenger';
import { StreamingDigest } from '../../ports/streaming-digest';
import { ClientError, clientError, fromGateway } from '../client-error';
import { FileBroken, openFileStream } from '../protocol/file-stream-cipher';
import { resolveAddress } from '../session/account-address';
import { asOwner } from '../session/owner-call';
import { SignedInAccount } from '../session/signed-in-account';

export interface DownloadFileInput extends DownloadWatch {
  readonly friend: string;
  readonly messageId: string;
  readonly fileIndex: number;
}

/** A checked file, or why it is broken: a broken file is never handed out as content. */
export type DownloadedFile =
  /** `name`: the description's name as it may be saved (displayFileName). */
  | { readonly kind: 'file'; readonly name: string; readonly type: string; readonly bytes: Uint8Array }
  | BrokenFile;

/** A file written into a sink and committed there (`close`), or why it is broken (the sink was aborted). */
export type SavedFile = { readonly kind: 'saved'; readonly name: string; readonly type: string } | BrokenFile;

export type BrokenFile = { readonly kind: 'broken'; readonly name: string; readonly reason: FileBroken | 'file/bad-key' };

/**
 * A file of a message, from our own store (§9.2: claimed chunks, or our own copy of a sent file):
 * each chunk downloaded, opened in order and written to a sink, the whole plaintext checked against
 * the description's SHA-256 (§9.1). The sink is closed only when the file checks out; a missing
 * chunk, a wrong key or a mismatch makes it broken and aborts the sink, as do a failure and a cancel.
 * The next chunk is fetched while one is opened and written: at most two sealed chunks and one
 * plaintext chunk are held at once.
 */
export class DownloadFile {
  constructor(private readonly ports: { readonly crypto: ClientCrypto; readonly streamingDigest: StreamingDigest }) {}

  /** The whole checked plaintext in memory, for callers that want the bytes (the library, pictures). */
  async execute(account: SignedInAccount, input: DownloadFileInput): Promise<Result<DownloadedFile, ClientError>> {
    const sink = new BytesSink();
    const saved = await this.executeInto(account, input, sink);
    if (!saved.ok) return saved;
    if (saved.value.kind === 'broken') return ok(saved.value);
    return ok({ kind: 'file', name: saved.value.name, type: saved.value.type, bytes: sink.bytes() });
  }

  async executeInto(account: SignedInAccount, input: DownloadFileInput, sink: FileSink): Promise<Result<SavedFile, ClientError>> {
    let closing = false;
    try {
      const saved = await this.writeChecked(account, input, sink);
      if (saved.ok && saved.value.kind === 'saved') {
        // Set before the call: a close that throws is not followed by an abort (FileSink: exactly one of them).
        closing = true;
        await sink.close();
      }
      return saved;
    } finally {
      if (!closing) await sink.abort();
    }
  }

  private async writeChecked(account: SignedInAccount, input: DownloadFileInput, sink: FileSink): Promise<Result<SavedFile, ClientError>> {
    const to = resolveAddress(input.friend);
    if (!to.ok) return to;
    const file = fileOf(account, to.value.address, input.messageId, input.fileIndex);
    if (file === undefined) return clientError('unknown_message', 'That file is not in this conversation (any more).');
    // The name to save under: never a path, never a control or direction override.
    const name = displayFileName(file.name);
    const fileKey = decodeB64u(file.key);
    if (fileKey === null || fileKey.length !== 32) return ok({ kind: 'broken', name, reason: 'file/bad-key' });

    let failure: GatewayError | null = null;
    let cancelled = false;
    const signal = input.signal;
    const chunkIds = file.chunks;
    const fetchChunk = (id: string) => asOwner(account, (session) => account.gateway.getObject(session, id));
    async function* sealedChunks(): AsyncGenerator<Uint8Array> {
      let next = chunkIds[0] === undefined ? null : fetchChunk(chunkIds[0]);
      try {
        for (let index = 0; next !== null; index++) {
          if (signal?.aborted === true) {
            cancelled = true;
            return;
          }
          const fetched = await next;
          const following = chunkIds[index + 1];
          next = following === undefined ? null : fetchChunk(following);
          if (!fetched.ok) {
            // A chunk the store does not hold ends the file (broken); any other failure is the caller's to retry.
            if (fetched.error.code !== 'not_found') failure = fetched.error;
            return;
          }
          yield fetched.value;
        }
      } finally {
        // A fetch started ahead and no longer wanted must not surface as an unhandled rejection.
        next?.catch(() => undefined);
      }
    }

    let bytesDone = 0;
    const opening = openFileStream({ cipher: this.ports.crypto.cipher, streamingDigest: this.ports.streamingDigest }, fileKey, file, sealedChunks());
    for (;;) {
      const step = await opening.next();
      if (step.done === true) {
        if (cancelled) return clientError('upload_cancelled', `Downloading ${file.name} was cancelled.`);
        if (failure !== null) return fromGateway(failure, `Downloading ${file.name} failed`);
        if (!step.value.ok) return ok({ kind: 'broken', name, reason: step.value.error });
        return ok({ kind: 'saved', name, type: file.type });
      }
      await sink.write(step.value);
      bytesDone += step.value.byteLength;
      input.onProgress?.({ bytesDone, bytesTotal: file.size });
    }
  }
}

/** Looked up where the conversation shows it: the head's tail and the pages opened so far. */
const fileOf = (account: SignedInAccount, friend: string, messageId: string, index: number): FileDescription | undefined => {
  for (const direction of ['in', 'out'] as const) {
    const record = getOwn(account.shownDocument.messages, messageKey(direction, friend, messageId));
    if (record === undefined) continue;
    const kind = kindOfRecord(record);
    return kind.type === 'message' ? kind.files?.[index] : undefined;
  }
  return undefined;
};

/** Collects the pieces and joins them once, when the file checked out. */
class BytesSink implements FileSink {
  private pieces: Uint8Array[] = [];

  write(plaintext: Uint8Array): Promise<void> {
    this.pieces.push(plaintext);
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  abort(): Promise<void> {
    this.pieces = [];
    return Promise.resolve();
  }

  bytes(): Uint8Array {
    const whole = concatBytes(...this.pieces);
    this.pieces = [];
    return whole;
  }
}
