import { ServerErrorCode } from '../../domain/protocol/server-error-codes';
import { err, ok, Result } from '../../domain/protocol/result';
import { isObjectId } from '../../domain/home-server/store/store-object';
import { ServerDependencies } from './server-dependencies';

export interface PutStoreObjectInput {
  readonly name: string;
  readonly id: string;
  readonly data: Uint8Array;
}

export interface PutStoreObjectOutput {
  readonly id: string;
  readonly bytes: number;
  /** False for a retry of the same bytes (200 instead of 201). */
  readonly created: boolean;
}

export type PutStoreObjectError = Extract<
  ServerErrorCode,
  'input/invalid' | 'object/too-large' | 'object/exists' | 'store/full' | 'account/not-found'
>;

export type PutStoreObjectDeps = Pick<ServerDependencies, 'objects' | 'clock' | 'policy'>;

/** Stages an object in the owner's store (PROTOCOL §8.1); a head write commits it within 24 hours. */
export class PutStoreObject {
  constructor(private readonly deps: PutStoreObjectDeps) {}

  async execute(input: PutStoreObjectInput): Promise<Result<PutStoreObjectOutput, PutStoreObjectError>> {
    if (!isObjectId(input.id)) return err('input/invalid');
    const { objectBytes, storeBytes } = this.deps.policy.store;
    if (input.data.length > objectBytes) return err('object/too-large');
    const put = await this.deps.objects.put(
      { owner: input.name, id: input.id, data: input.data, createdAt: this.deps.clock.now() },
      storeBytes,
    );
    if (!put.ok) return err(put.error);
    return ok({ id: input.id, bytes: put.value.info.bytes, created: put.value.created });
  }
}
