import { BlobVersionConflict } from '../../domain/errors';
import { err, ok, Result } from '../../domain/result';
import { ServerDependencies } from './server-dependencies';

export interface WriteUserBlobInput {
  readonly name: string;
  /** The version from `If-Match`; null when the header is missing. */
  readonly ifMatch: number | null;
  readonly ciphertext: Uint8Array;
}

export interface WriteUserBlobOutput {
  readonly version: number;
}

export type WriteUserBlobError =
  | 'blob/precondition-required'
  | 'blob/too-large'
  | 'account/not-found'
  | BlobVersionConflict;

export type WriteUserBlobDeps = Pick<ServerDependencies, 'blobs' | 'clock' | 'policy'>;

/** Compare-and-set write: a stale version gets the current one back so the client can merge. */
export class WriteUserBlob {
  constructor(private readonly deps: WriteUserBlobDeps) {}

  async execute(input: WriteUserBlobInput): Promise<Result<WriteUserBlobOutput, WriteUserBlobError>> {
    if (input.ifMatch === null) return err('blob/precondition-required');
    if (input.ciphertext.length > this.deps.policy.blobBytes) return err('blob/too-large');
    const saved = await this.deps.blobs.save(input.name, input.ciphertext, input.ifMatch, this.deps.clock.now());
    if (saved.ok) return ok({ version: saved.value.version });
    return err(saved.error.code === 'account/not-found' ? 'account/not-found' : saved.error);
  }
}
