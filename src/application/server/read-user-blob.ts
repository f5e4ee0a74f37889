import { err, ok, Result } from '../../domain/protocol/result';
import { ServerDependencies } from './server-dependencies';

export interface ReadUserBlobInput {
  readonly name: string;
}

export interface ReadUserBlobOutput {
  readonly version: number;
  readonly ciphertext: Uint8Array;
}

export type ReadUserBlobDeps = Pick<ServerDependencies, 'blobs'>;

export class ReadUserBlob {
  constructor(private readonly deps: ReadUserBlobDeps) {}

  async execute(input: ReadUserBlobInput): Promise<Result<ReadUserBlobOutput, 'account/not-found'>> {
    const blob = await this.deps.blobs.find(input.name);
    if (!blob) return err('account/not-found');
    return ok({ version: blob.version, ciphertext: blob.ciphertext });
  }
}
