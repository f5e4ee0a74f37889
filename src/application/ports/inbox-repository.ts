import { DeadDrop, InboxQuotas, StoredDeadDrop } from '../../domain/dead-drop';
import { Result } from '../../domain/result';

export interface InboxPage {
  readonly items: StoredDeadDrop[];
  /** The `seq` of the last item returned when more may follow, else null. */
  readonly nextAfterSeq: number | null;
}

export interface InboxStats {
  readonly items: number;
  readonly bytes: number;
}

export interface InboxRepository {
  /**
   * Appends in arrival order, checking quotas atomically with the insert (they hold under
   * concurrent drops). Friend requests beyond `maxFriendRequests` evict the oldest friend request.
   * `inbox/full` when the inbox or the token's own quota is exhausted; `account/not-found` (and
   * nothing stored) when the owner no longer exists, e.g. deleted since the caller checked.
   */
  append(item: DeadDrop, quotas: InboxQuotas): Promise<Result<StoredDeadDrop, 'inbox/full' | 'account/not-found'>>;
  /** Items with seq > afterSeq, ascending, at most `limit`. */
  list(owner: string, afterSeq: number, limit: number): Promise<InboxPage>;
  /** Deletes the owner's items with these ids; unknown ids are ignored. Returns how many were deleted. */
  ack(owner: string, ids: readonly string[]): Promise<number>;
  stats(owner: string): Promise<InboxStats>;
}
