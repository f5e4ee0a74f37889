import { displayFileName, FileDescription } from '../../../domain/messaging/file-description';
import { messageKey } from '../../../domain/messaging/message';
import { getOwn } from '../../../domain/messaging/own-record';
import { kindOfRecord } from '../../../domain/messaging/record-kind';
import { decodeB64u } from '../../../domain/protocol/encoding/b64u';
import { ok, Result } from '../../../domain/protocol/result';
import { ClientCrypto } from '../../ports/client-crypto';
import { GatewayError } from '../../ports/home-server-gateway';
import { StreamingDigest } from '../../ports/streaming-digest';
import { ClientError, clientError, fromGateway } from '../client-error';
import { FileBroken, openFileStream } from '../protocol/file-stream-cipher';
import { resolveAddress } from '../session/account-address';
import { asOwner } from '../session/owner-call';
import { SignedInAccount } from '../session/signed-in-account';

export interface DownloadFileInput {
  readonly friend: string;
  readonly messageId: string;
  readonly fileIndex: number;
  readonly onProgress?: (progress: { readonly bytesDone: number; readonly bytesTotal: number }) => void;
  readonly signal?: AbortSignal;
}

/** A checked file, or why it is broken: a broken file is never handed out as content. */
export type DownloadedFile =
  /** `name`: the description's name as it may be saved (displayFileName). */
  | { readonly kind: 'file'; readonly name: string; readonly type: string; readonly bytes: Uint8Array }
  | { readonly kind: 'broken'; readonly name: string; readonly reason: FileBroken | 'file/bad-key' };

/**
 * A file of a message, from our own store (§9.2: claimed chunks, or our own copy of a sent file):
 * each chunk downloaded, opened in order and the whole plaintext checked against the description's
 * SHA-256 (§9.1). A missing chunk, a wrong key or a mismatch makes it broken. The plaintext is
 * collected in memory, as the caller wants the bytes; chunks are fetched one at a time.
 */
export class DownloadFile {
  constructor(private readonly ports: { readonly crypto: ClientCrypto; readonly streamingDigest: StreamingDigest }) {}

  async execute(account: SignedInAccount, input: DownloadFileInput): Promise<Result<DownloadedFile, ClientError>> {
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
    async function* sealedChunks(): AsyncGenerator<Uint8Array> {
      for (const id of chunkIds) {
        if (signal?.aborted === true) {
          cancelled = true;
          return;
        }
        const fetched = await asOwner(account, (session) => account.gateway.getObject(session, id));
        if (!fetched.ok) {
          // A chunk the store does not hold ends the file (broken); any other failure is the caller's to retry.
          if (fetched.error.code !== 'not_found') failure = fetched.error;
          return;
        }
        yield fetched.value;
      }
    }

    const pieces: Uint8Array[] = [];
    let bytesDone = 0;
    const opening = openFileStream({ cipher: this.ports.crypto.cipher, streamingDigest: this.ports.streamingDigest }, fileKey, file, sealedChunks());
    for (;;) {
      const step = await opening.next();
      if (step.done === true) {
        if (cancelled) return clientError('upload_cancelled', `Downloading ${file.name} was cancelled.`);
        if (failure !== null) return fromGateway(failure, `Downloading ${file.name} failed`);
        if (!step.value.ok) return ok({ kind: 'broken', name, reason: step.value.error });
        return ok({ kind: 'file', name, type: file.type, bytes: concatenate(pieces, bytesDone) });
      }
      pieces.push(step.value);
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

const concatenate = (pieces: readonly Uint8Array[], length: number): Uint8Array => {
  const whole = new Uint8Array(length);
  let offset = 0;
  for (const piece of pieces) {
    whole.set(piece, offset);
    offset += piece.byteLength;
  }
  return whole;
};
