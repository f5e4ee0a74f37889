import { parseAddress } from '../../../domain/messaging/address';
import { friendOf } from '../../../domain/messaging/document-updates';
import { FILE_CHUNK_BYTES, fileChunkCount, FileDescription, MAX_FILES_PER_MESSAGE } from '../../../domain/messaging/file-description';
import { hasKeys, sendingLink } from '../../../domain/messaging/friendship';
import { ok, Result } from '../../../domain/protocol/result';
import { ClientDependencies } from '../client-dependencies';
import { ClientError, clientError, fromFriendServer, fromGateway } from '../client-error';
import { ChunkDestination, ChunkFailure, FileChunkPorts, OutgoingFile, sendFileChunks } from '../files/send-file-chunks';
import { sizeOf } from '../files/file-source';
import { fileSizeText } from '../files/file-size-text';
import { journalKey, UploadJournal } from '../files/upload-journal';
import { StreamingDigest } from '../../ports/streaming-digest';
import { resolveAddress } from '../session/account-address';
import { fromMessaging } from '../session/messaging-failure';
import { SignedInAccount } from '../session/signed-in-account';
import { textKind } from './record-kinds';
import { SendMessage, SendMessageInput } from './send-message';

/**
 * One head write commits (and the friend's claims) at most 1000 ids (§8.2); a message's chunks stay
 * well below, leaving room for a page and for other messages claimed in the same sync.
 */
export const MAX_CHUNKS_PER_MESSAGE = 400;

/** §10's default, for a server that does not advertise `fileBytes`. */
const DEFAULT_FILE_BYTES = 104_857_600;

export interface FileProgress {
  readonly fileIndex: number;
  readonly bytesDone: number;
  readonly bytesTotal: number;
}

/** Files whose chunks are on both servers, waiting for the message that names them. */
export interface SentFiles {
  readonly to: string;
  readonly files: readonly FileDescription[];
}

export interface SendFilesPorts {
  readonly streamingDigest: StreamingDigest;
  /** The account's upload journal: in memory, or kept on the device so an upload survives a reload. */
  readonly journals: (account: SignedInAccount) => UploadJournal;
}

export interface SendFilesInput {
  readonly to: string;
  readonly files: readonly OutgoingFile[];
  /** Text sent along with the files; may be empty. */
  readonly body?: string;
  readonly onProgress?: (progress: FileProgress) => void;
  /** Cancels between chunks; what was accepted so far is not sent again next time. */
  readonly signal?: AbortSignal;
}

/**
 * Files through the dead drop (PROTOCOL §9.2): every chunk of every file goes to the friend's
 * server (their drop token) and to our own store, then one message carries the descriptions with
 * the friend's ids, while our record of it keeps our own ids and commits our chunks in the same
 * head write. A file over the server's `fileBytes` is refused before anything is sent.
 */
export class SendFiles {
  private readonly sendMessage: SendMessage;

  constructor(
    private readonly deps: ClientDependencies,
    private readonly ports: SendFilesPorts,
  ) {
    this.sendMessage = new SendMessage(deps);
  }

  async execute(account: SignedInAccount, input: SendFilesInput): Promise<Result<void, ClientError>> {
    const uploaded = await this.upload(account, input);
    if (!uploaded.ok) return uploaded;
    const sent = await this.sendMessage.execute(account, this.messageOf(uploaded.value, input.body));
    if (sent.ok) await this.forgetJournal(account, input.to, input.files);
    return sent;
  }

  /** Once the message went out, or the user cancelled: what was accepted is not needed again. */
  async forgetJournal(account: SignedInAccount, to: string, files: readonly OutgoingFile[]): Promise<void> {
    const address = resolveAddress(to);
    if (!address.ok) return;
    const journal = this.ports.journals(account);
    for (const file of files) await journal.forget(journalKey(address.value.address, { name: file.name, type: file.type, size: sizeOf(file.bytes) }));
  }

  /**
   * Every chunk to both places; answers the descriptions for `messageOf`. Takes no part in the
   * account's blob writes, so a session may run it beside them (it can take minutes).
   */
  async upload(account: SignedInAccount, input: SendFilesInput): Promise<Result<SentFiles, ClientError>> {
    const to = resolveAddress(input.to);
    if (!to.ok) return to;
    const address = to.value.address;
    if (input.files.length === 0 || input.files.length > MAX_FILES_PER_MESSAGE) {
      return clientError('validation_failed', `A message carries 1 to ${MAX_FILES_PER_MESSAGE} files.`);
    }
    const limit = await this.fileBytesLimit(account);
    const tooLarge = input.files.find((file) => sizeOf(file.bytes) > limit);
    if (tooLarge !== undefined) {
      return clientError('file_too_large', `${tooLarge.name} is larger than the ${fileSizeText(limit)} your server lets you send.`);
    }
    const chunks = input.files.reduce((total, file) => total + fileChunkCount(sizeOf(file.bytes)), 0);
    if (chunks > MAX_CHUNKS_PER_MESSAGE) {
      return clientError('file_too_large', `Together these files are more than one message can carry (${fileSizeText(MAX_CHUNKS_PER_MESSAGE * FILE_CHUNK_BYTES)}); send them in several messages.`);
    }
    const destination = this.destinationOf(account, address);
    if (!destination.ok) return destination;

    const described: FileDescription[] = [];
    const ports: FileChunkPorts = { crypto: this.deps.crypto, streamingDigest: this.ports.streamingDigest, journal: this.ports.journals(account) };
    for (const [fileIndex, file] of input.files.entries()) {
      const bytesTotal = sizeOf(file.bytes);
      const progress = (bytesDone: number): void => input.onProgress?.({ fileIndex, bytesDone, bytesTotal });
      const sent = await sendFileChunks(ports, account, destination.value, file, progress, input.signal);
      if (!sent.ok) return failureOf(sent.error, address, file.name);
      described.push(sent.value);
    }
    return ok({ to: address, files: described });
  }

  /** The message that carries uploaded files; recording it commits our own chunks in the same head write. */
  messageOf(sent: SentFiles, body = ''): SendMessageInput {
    return {
      to: sent.to,
      body,
      kind: (doc, friend, messageAt) => {
        const text = textKind({})(doc, friend, messageAt);
        return text.ok ? ok({ ...(text.value ?? { type: 'message' }), files: sent.files }) : text;
      },
      objects: { commit: sent.files.flatMap((file) => file.chunks) },
    };
  }

  private async fileBytesLimit(account: SignedInAccount): Promise<number> {
    const found = await account.gateway.discover();
    return found.ok ? (found.value.limits.fileBytes ?? DEFAULT_FILE_BYTES) : DEFAULT_FILE_BYTES;
  }

  private destinationOf(account: SignedInAccount, address: string): Result<ChunkDestination, ClientError> {
    const friend = friendOf(account.doc, address);
    const link = friend === undefined ? undefined : sendingLink(friend);
    if (link === undefined || !hasKeys(link)) return fromMessaging('friend/not-active', address);
    const parsed = parseAddress(address);
    if (!parsed.ok) return fromMessaging('friend/not-active', address);
    return ok({
      friend: address,
      friendGateway: this.deps.gateways.forServer(parsed.value.authority),
      friendName: parsed.value.name,
      dropToken: link.state.keys.theirDropToken,
    });
  }
}

const failureOf = (failure: ChunkFailure, friend: string, name: string): Result<never, ClientError> => {
  switch (failure.kind) {
    case 'cancelled':
      return clientError('upload_cancelled', `Sending ${name} was cancelled.`);
    case 'friend':
      return fromFriendServer(failure.error, friend, `Delivering ${name} to ${friend}'s server failed`);
    case 'own':
      return fromGateway(failure.error, `Keeping your copy of ${name} failed`);
  }
};
