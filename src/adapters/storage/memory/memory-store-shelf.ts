import { isInStore, StoreObject, StoreObjectInfo, StoreUsage } from '../../../domain/home-server/store/store-object';

/** One account's objects by id, with the store's running totals kept on every change. */
export class MemoryStoreShelf {
  private readonly byId = new Map<string, StoreObject>();
  private storedObjects = 0;
  private storedBytes = 0;

  get usage(): StoreUsage {
    return { objects: this.storedObjects, bytes: this.storedBytes };
  }

  get size(): number {
    return this.byId.size;
  }

  get(id: string): StoreObject | undefined {
    return this.byId.get(id);
  }

  all(): IterableIterator<StoreObject> {
    return this.byId.values();
  }

  add(object: StoreObject): void {
    this.byId.set(object.id, object);
    this.count(object, +1);
  }

  remove(id: string): boolean {
    const object = this.byId.get(id);
    if (!object) return false;
    this.byId.delete(id);
    this.count(object, -1);
    return true;
  }

  /** Staged → committed, or (a claim) dropped → committed. */
  commit(id: string): void {
    const object = this.byId.get(id);
    if (!object) return;
    this.count(object, -1);
    const committed: StoreObject = { ...object, state: 'committed', tokenId: null };
    this.byId.set(id, committed);
    this.count(committed, +1);
  }

  private count(object: StoreObjectInfo, sign: 1 | -1): void {
    if (!isInStore(object.state)) return;
    this.storedObjects += sign;
    this.storedBytes += sign * object.bytes;
  }
}
