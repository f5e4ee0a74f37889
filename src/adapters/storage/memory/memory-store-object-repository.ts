import {
  NewStoreObject,
  PutObjectError,
  StoreObjectPage,
  StoreObjectQuery,
  StoreObjectRepository,
} from '../../../application/ports/store-object-repository';
import { err, ok, Result } from '../../../domain/protocol/result';
import { decideObjectPut } from '../../../domain/home-server/store/store-commit';
import {
  EMPTY_STORE_USAGE,
  isInStore,
  sameBytes,
  StoreObject,
  StoreObjectInfo,
  StoreUsage,
} from '../../../domain/home-server/store/store-object';
import { copyBytes, MemoryState } from './memory-state';

const infoOf = ({ data: _data, ...info }: StoreObject): StoreObjectInfo => info;

export class MemoryStoreObjectRepository implements StoreObjectRepository {
  constructor(private readonly state: MemoryState) {}

  async put(
    object: NewStoreObject,
    storeBytes: number,
  ): Promise<Result<{ created: boolean; info: StoreObjectInfo }, PutObjectError>> {
    const blob = this.state.blobs.get(object.owner);
    if (!blob || !this.state.accounts.has(object.owner)) return err('account/not-found');
    const shelf = this.state.shelfOf(object.owner);
    const existing = shelf.get(object.id);
    const decision = decideObjectPut({
      existing: existing ? { state: existing.state, sameBytes: sameBytes(existing.data, object.data) } : null,
      objectBytes: shelf.usage.bytes,
      headBytes: blob.ciphertext.length,
      newBytes: object.data.length,
      storeBytes,
    });
    if (decision === 'exists') return err('object/exists');
    if (decision === 'full') return err('store/full');
    if (decision === 'same' && existing) return ok({ created: false, info: infoOf(existing) });
    const stored: StoreObject = {
      owner: object.owner,
      id: object.id,
      state: 'staged',
      bytes: object.data.length,
      createdAt: object.createdAt,
      tokenId: null,
      // `data` is lent only for the call (StoreObjectRepository.put): keep a copy.
      data: copyBytes(object.data),
    };
    shelf.add(stored);
    return ok({ created: true, info: infoOf(stored) });
  }

  async get(owner: string, id: string): Promise<StoreObject | null> {
    const object = this.state.objects.get(owner)?.get(id);
    return object && isInStore(object.state) ? object : null;
  }

  /** The kept array itself: nothing ever writes into it, so it needs no giving back. */
  async read<T>(owner: string, id: string, use: (object: StoreObject | null) => Promise<T>): Promise<T> {
    return use(await this.get(owner, id));
  }

  async info(owner: string, id: string): Promise<StoreObjectInfo | null> {
    const object = await this.get(owner, id);
    return object ? infoOf(object) : null;
  }

  async deleteStaged(owner: string, id: string): Promise<Result<void, 'object/not-found' | 'object/committed'>> {
    const shelf = this.state.objects.get(owner);
    const object = shelf?.get(id);
    if (!shelf || !object || !isInStore(object.state)) return err('object/not-found');
    if (object.state === 'committed') return err('object/committed');
    shelf.remove(id);
    return ok(undefined);
  }

  async list(owner: string, query: StoreObjectQuery): Promise<StoreObjectPage> {
    const shelf = this.state.objects.get(owner);
    if (!shelf) return { items: [], nextAfterId: null };
    const matching = [...shelf.all()]
      .filter((object) => isInStore(object.state) && (query.state === null || object.state === query.state))
      .filter((object) => object.id > query.afterId)
      .sort((a, b) => (a.id < b.id ? -1 : 1));
    const items = matching.slice(0, Math.max(0, query.limit)).map(infoOf);
    const last = items[items.length - 1];
    return { items, nextAfterId: matching.length > items.length && last ? last.id : null };
  }

  async usage(owner: string): Promise<StoreUsage> {
    return this.state.objects.get(owner)?.usage ?? EMPTY_STORE_USAGE;
  }

  async purgeStaged(createdBefore: number): Promise<number> {
    let purged = 0;
    for (const shelf of this.state.objects.values()) {
      const expired = [...shelf.all()].filter((object) => object.state === 'staged' && object.createdAt < createdBefore);
      for (const object of expired) if (shelf.remove(object.id)) purged++;
    }
    return purged;
  }
}
