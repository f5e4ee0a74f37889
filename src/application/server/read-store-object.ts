import { err, ok, Result } from '../../domain/protocol/result';
import { isObjectId, StoreObject } from '../../domain/home-server/store/store-object';
import { ServerDependencies } from './server-dependencies';

export interface ReadStoreObjectInput {
  readonly name: string;
  readonly id: string;
}

export type ReadStoreObjectDeps = Pick<ServerDependencies, 'objects'>;

/** A staged or committed object of the owner; anything else (another account's, a dropped one) is not found. */
export class ReadStoreObject {
  constructor(private readonly deps: ReadStoreObjectDeps) {}

  async execute(input: ReadStoreObjectInput): Promise<Result<StoreObject, 'object/not-found'>> {
    if (!isObjectId(input.id)) return err('object/not-found');
    const object = await this.deps.objects.get(input.name, input.id);
    return object ? ok(object) : err('object/not-found');
  }
}
