import { err, ok, Result } from '../../domain/protocol/result';
import { isObjectId, StoreObject } from '../../domain/home-server/store/store-object';
import { ServerDependencies } from './server-dependencies';

export interface ReadStoreObjectInput {
  readonly name: string;
  readonly id: string;
}

export type ReadStoreObjectDeps = Pick<ServerDependencies, 'objects'>;

/**
 * Hands a staged or committed object of the owner to `send`; anything else (another account's, a
 * dropped one) is not found. The bytes are lent until `send` settles (see StoreObjectRepository.read).
 */
export class ReadStoreObject {
  constructor(private readonly deps: ReadStoreObjectDeps) {}

  async execute<T>(input: ReadStoreObjectInput, send: (object: StoreObject) => Promise<T>): Promise<Result<T, 'object/not-found'>> {
    if (!isObjectId(input.id)) return err('object/not-found');
    return this.deps.objects.read(input.name, input.id, async (object) => (object ? ok(await send(object)) : err('object/not-found')));
  }
}
