import { BlobDocument } from '../../../domain/messaging/blob-document';
import { parseBlobDocument } from '../../../domain/messaging/blob-codec';
import { ok, Result } from '../../../domain/protocol/result';
import { HomeServerGateway } from '../../ports/home-server-gateway';
import { ClientDependencies } from '../client-dependencies';
import { ClientError, clientError, fromGateway } from '../client-error';
import { decryptBlob } from '../protocol/blob-cipher';

export interface LoadBlobInput {
  readonly gateway: HomeServerGateway;
  readonly sessionToken: string;
  readonly name: string;
  readonly address: string;
  readonly blobKey: Uint8Array;
}

export interface LoadedBlob {
  readonly doc: BlobDocument;
  readonly version: number;
}

/**
 * GET /blob, decrypt, and the rollback check of PROTOCOL §4: the plaintext's version must be the
 * server's, and never lower than the highest version this device has seen for the account.
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
    const doc = parseBlobDocument(plaintext.value);
    if (!doc.ok) return clientError('bad_response', 'Your data on the server is not in a format this app understands.');
    const highest = await this.deps.localStore.highestBlobVersion(input.address);
    if (doc.value.version !== version || version < highest) {
      return clientError(
        'rollback_detected',
        `The server returned version ${version} of your data (it says ${doc.value.version}; this device has seen ${highest}).`,
      );
    }
    await this.deps.localStore.recordBlobVersion(input.address, version);
    return ok({ doc: doc.value, version });
  }
}
