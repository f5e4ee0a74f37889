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
  /** Deletes the owner's items with these ids; unknown ids are ignored. Returns how many were deleted. */
  ack(owner: string, ids: readonly string[]): Promise<number>;
  stats(owner: string): Promise<InboxStats>;
}
