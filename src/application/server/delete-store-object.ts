import { err, Result } from '../../domain/protocol/result';
import { isObjectId } from '../../domain/home-server/store/store-object';
import { ServerDependencies } from './server-dependencies';

export interface DeleteStoreObjectInput {
  readonly name: string;
  readonly id: string;
}

export type DeleteStoreObjectDeps = Pick<ServerDependencies, 'objects'>;

/** Deletes a staged object; committed ones are released by a head write (PROTOCOL §8.2). */
export class DeleteStoreObject {
  constructor(private readonly deps: DeleteStoreObjectDeps) {}

  async execute(input: DeleteStoreObjectInput): Promise<Result<void, 'object/not-found' | 'object/committed'>> {
    if (!isObjectId(input.id)) return err('object/not-found');
    return this.deps.objects.deleteStaged(input.name, input.id);
  }
}
