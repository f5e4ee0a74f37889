import { InboxItem, StoredInboxItem } from '../../domain/home-server/inbox-item';
import { InboxQuotas } from '../../domain/home-server/inbox-quota';
import { Result } from '../../domain/protocol/result';

export interface InboxPage {
  readonly items: StoredInboxItem[];
  /** The `seq` of the last item returned when more may follow, else null. */
  readonly nextAfterSeq: number | null;
}

export interface InboxStats {
  readonly items: number;
  readonly bytes: number;
}

/** The dropped objects (PROTOCOL §9.2) an inbox holds until its owner claims or discards them. */
export interface DroppedStats {
  readonly objects: number;
  readonly bytes: number;
}

/** A chunk a friend drops for the owner: server-chosen id, raw bytes, the drop token it came with. */
export interface NewDroppedObject {
  readonly owner: string;
  readonly id: string;
  readonly tokenId: string;
  readonly data: Uint8Array;
  readonly receivedAt: number;
}

export type DropObjectError = 'inbox/full' | 'account/not-found' | 'object/exists';

export interface PurgedInbox {
  readonly items: number;
  readonly objects: number;
}

/** The use of the drop token that authorized an item: what DropTokenRepository.recordUse records. */
export interface DropTokenUse {
  readonly id: string;
  readonly at: number;
}

export interface InboxRepository {
  /**
   * Appends in arrival order, applying the quota rule of domain/inbox-quota.ts atomically with the
   * insert (it holds under concurrent drops): friend requests and open-inbox drops evict the oldest
   * of their own kind beyond their share, a drop token's items are refused beyond its share.
   * `inbox/full` when the inbox or the item's share is exhausted; `account/not-found` (and
   * nothing stored) when the owner no longer exists, e.g. deleted since the caller checked.
   * With `tokenUse`, the token's use is recorded as `DropTokenRepository.recordUse` does, in the
   * same atomic write and only if the item is stored (one commit per drop instead of two); a token
   * that no longer exists is left alone.
   */
  append(
    item: InboxItem,
    quotas: InboxQuotas,
    tokenUse?: DropTokenUse,
  ): Promise<Result<StoredInboxItem, 'inbox/full' | 'account/not-found'>>;
  /** Items with seq > afterSeq, ascending, at most `limit`. */
  list(owner: string, afterSeq: number, limit: number): Promise<InboxPage>;
  /**
   * A value for the owner's listing as it stands: once `list` for this owner may answer differently
   * (any append, eviction, ack, purge or account deletion, by any process), the value read before
   * is never read again. So a page read after reading a value can be reused by whoever reads the
   * same value later. Null when the adapter cannot promise that: no caller may then reuse a page.
   */
  listingVersion(owner: string): Promise<string | null>;
  /**
   * Stores a dropped object (state `dropped` in the owner's objects: not readable, not in the
   * store) under the quota rule of inbox-quota.ts, atomically with the check: its bytes count
   * against the inbox's bytes and its token's, together with the envelopes, until a head write
   * claims it (`UserBlobRepository.save`) or the owner discards it (`ack`). Records the token's
   * use as `append` does. `object/exists` when the owner already holds any object under the id
   * (nothing changes); `inbox/full` when it would pass a quota; `account/not-found` as `append`.
   * `data` is valid only until the returned promise settles: an adapter copies what it keeps.
   */
  dropObject(object: NewDroppedObject, quotas: InboxQuotas): Promise<Result<void, DropObjectError>>;
  /**
   * Deletes the owner's items with these ids and, in the same atomic step, its dropped objects
   * with the ids in `objects` (objects in the store are left alone); unknown ids are ignored.
   * Returns how many inbox items were deleted.
   */
  ack(owner: string, ids: readonly string[], objects?: readonly string[]): Promise<number>;
  stats(owner: string): Promise<InboxStats>;
  /** The owner's dropped objects and their bytes, from running totals (O(1)). */
  droppedStats(owner: string): Promise<DroppedStats>;
  /**
   * Deletes every inbox item received before `receivedBefore` and every dropped object dropped
   * before it (PROTOCOL §10 `STARBASE_DROP_RETENTION_DAYS`), each atomically with any claim or
   * ack racing it: a claimed object is never deleted, an object is claimed or purged, never both.
   */
  purgeOlderThan(receivedBefore: number): Promise<PurgedInbox>;
}
