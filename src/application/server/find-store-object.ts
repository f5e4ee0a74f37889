import { err, ok, Result } from '../../domain/protocol/result';
import { isObjectId, StoreObjectInfo } from '../../domain/home-server/store/store-object';
import { ReadStoreObjectDeps, ReadStoreObjectInput } from './read-store-object';

/** Whether the owner holds the object, without its bytes: a client that has them already (§8.1, 304) needs no more. */
export class FindStoreObject {
  constructor(private readonly deps: ReadStoreObjectDeps) {}

  async execute(input: ReadStoreObjectInput): Promise<Result<StoreObjectInfo, 'object/not-found'>> {
    if (!isObjectId(input.id)) return err('object/not-found');
    const info = await this.deps.objects.info(input.name, input.id);
    return info ? ok(info) : err('object/not-found');
  }
}
