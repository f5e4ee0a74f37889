import { ok, Result } from '../../domain/protocol/result';
import { StoreObjectInfo } from '../../domain/home-server/store/store-object';
import { ServerDependencies } from './server-dependencies';

export const STORE_LIST_DEFAULT_LIMIT = 100;
export const STORE_LIST_MAX_LIMIT = 1000;

export interface ListStoreObjectsInput {
  readonly name: string;
  readonly state: 'staged' | 'committed' | null;
  /** The `next` of the previous page: an object id. */
  readonly after?: string;
  readonly limit?: number;
}

export interface ListStoreObjectsOutput {
  /** Ascending by id. */
  readonly items: StoreObjectInfo[];
  /** Pass as `after` for more; null when there is nothing more. */
  readonly next: string | null;
}

export type ListStoreObjectsDeps = Pick<ServerDependencies, 'objects'>;

/** The owner's objects in id order, a page at a time (PROTOCOL §8.1). */
export class ListStoreObjects {
  constructor(private readonly deps: ListStoreObjectsDeps) {}

  async execute(input: ListStoreObjectsInput): Promise<Result<ListStoreObjectsOutput, never>> {
    const limit = Math.min(Math.max(1, input.limit ?? STORE_LIST_DEFAULT_LIMIT), STORE_LIST_MAX_LIMIT);
    const page = await this.deps.objects.list(input.name, { state: input.state, afterId: input.after ?? '', limit });
    return ok({ items: page.items, next: page.nextAfterId });
  }
}
