import { EMPTY_STORE_USAGE, isInStore, StoreObject, StoreObjectInfo, StoreUsage } from '../../../domain/home-server/store/store-object';

/**
 * One account's objects by id, with the running totals kept on every change: the store's
 * (staged + committed), and the dropped objects' for the inbox quota, in all and per drop token.
 */
export class MemoryStoreShelf {
  private readonly byId = new Map<string, StoreObject>();
  private storedObjects = 0;
  private storedBytes = 0;
  private dropped: StoreUsage = EMPTY_STORE_USAGE;
  private readonly droppedByToken = new Map<string, StoreUsage>();

  get usage(): StoreUsage {
    return { objects: this.storedObjects, bytes: this.storedBytes };
  }

  get droppedUsage(): StoreUsage {
    return this.dropped;
  }

  droppedUsageOf(tokenId: string): StoreUsage {
    return this.droppedByToken.get(tokenId) ?? EMPTY_STORE_USAGE;
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
    if (!isInStore(object.state)) {
      this.countDropped(object, sign);
      return;
    }
    this.storedObjects += sign;
    this.storedBytes += sign * object.bytes;
  }

  private countDropped(object: StoreObjectInfo, sign: 1 | -1): void {
    this.dropped = { objects: this.dropped.objects + sign, bytes: this.dropped.bytes + sign * object.bytes };
    if (object.tokenId === null) return;
    const before = this.droppedUsageOf(object.tokenId);
    const after = { objects: before.objects + sign, bytes: before.bytes + sign * object.bytes };
    if (after.objects === 0) this.droppedByToken.delete(object.tokenId);
    else this.droppedByToken.set(object.tokenId, after);
  }
}
