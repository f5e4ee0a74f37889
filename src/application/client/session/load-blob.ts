import { BLOB_FORMAT } from '../../../domain/messaging/blob-document';
import { checkHeadHistory, HeadMark } from '../../../domain/messaging/fork-log';
import { parseStoredHead, StoredHead } from '../../../domain/messaging/store/head-codec';
import { ok, Result } from '../../../domain/protocol/result';
import { HomeServerGateway } from '../../ports/home-server-gateway';
import { ClientDependencies } from '../client-dependencies';
import { ClientError, clientError, fromGateway } from '../client-error';
import { decryptBlob } from '../protocol/blob-cipher';
import { markOfHead } from './head-mark';

export interface LoadBlobInput {
  readonly gateway: HomeServerGateway;
  readonly sessionToken: string;
  readonly name: string;
  readonly address: string;
  readonly blobKey: Uint8Array;
}

export interface LoadedBlob {
  /** A format 2 head, or a version 1 blob to upgrade (§8.6). */
  readonly stored: StoredHead;
  readonly version: number;
  readonly mark: HeadMark;
}

export const NEWER_FORMAT_MESSAGE =
  'Your data on the server was written by a newer version of starbase. Reload the page or update the app; nothing was changed.';

export const FORK_WARNING =
  'Your home server showed this device a version of your data that does not continue the one it saw before: it may be showing your devices different histories. Nothing was written. Do not trust this server until you have checked your other devices.';

/**
 * GET /blob, decrypt, and the checks of PROTOCOL §4 and §8.3: the plaintext's version must be the
 * server's, never lower than the highest version this device has seen for the account, and the
 * head must descend from the head this device last read or wrote (the fork log). A head of a newer
 * format is refused before anything could write over it (§8.6).
 */
export class LoadBlob {
  constructor(private readonly deps: Pick<ClientDependencies, 'crypto' | 'localStore'>) {}

  async execute(input: LoadBlobInput): Promise<Result<LoadedBlob, ClientError>> {
    const snapshot = await input.gateway.readBlob(input.sessionToken);
    if (!snapshot.ok) return fromGateway(snapshot.error, 'Reading your data failed');
    return this.open(input, snapshot.value.version, snapshot.value.ciphertext);
  }

  async open(input: Omit<LoadBlobInput, 'sessionToken'>, version: number, ciphertext: string): Promise<Result<LoadedBlob, ClientError>> {
    const plaintext = await decryptBlob(this.deps.crypto, input.blobKey, input.name, ciphertext);
    if (!plaintext.ok) return clientError('bad_response', 'Your data on the server cannot be decrypted with this password.');
    const stored = parseStoredHead(plaintext.value);
    if (!stored.ok && stored.error === 'store/newer-format') return clientError('store_newer_format', NEWER_FORMAT_MESSAGE);
    if (!stored.ok) return clientError('bad_response', 'Your data on the server is not in a format this app understands.');
    const written = stored.value.format === BLOB_FORMAT ? stored.value.doc.version : stored.value.head.version;
    const highest = await this.deps.localStore.highestBlobVersion(input.address);
    if (written !== version || version < highest) {
      return clientError('rollback_detected', `The server returned version ${version} of your data (it says ${written}; this device has seen ${highest}).`);
    }
    const mark = await markOfHead(this.deps.crypto, version, ciphertext);
    const log = stored.value.format === BLOB_FORMAT ? [] : stored.value.head.log;
    const history = checkHeadHistory(await this.deps.localStore.rememberedHead(input.address), mark, log);
    if (!history.ok) return clientError(history.error === 'store/fork' ? 'store_fork' : 'rollback_detected', FORK_WARNING);
    await this.remember(input.address, mark);
    return ok({ stored: stored.value, version, mark });
  }

  /** After a read or a write: the highest version (§4) and the head the next read must descend from (§8.3). */
  async remember(address: string, mark: HeadMark): Promise<void> {
    await this.deps.localStore.recordBlobVersion(address, mark.version);
    await this.deps.localStore.rememberHead(address, mark);
  }
}
