import type { Filter, UpdateFilter } from 'mongodb';
import { InboxQuotas } from '../../../domain/dead-drop';
import { BlobDocument, InboxCounterDocument } from './schema';

/**
 * The filters that make single-document writes conditional. Each write either matches (and the
 * condition held at the moment of the write) or matches nothing; callers read `matchedCount` or a
 * null result, never a value read earlier.
 */

export interface ConditionalUpdate<T> {
  readonly filter: Filter<T>;
  readonly update: UpdateFilter<T>;
}

/** Compare-and-set on the blob head: only the holder of `expectedVersion` moves it to the next one. */
export const blobCompareAndSet = (input: {
  readonly name: string;
  readonly expectedVersion: number;
  readonly byteLength: number;
  readonly chunkCount: number;
  readonly now: number;
}): ConditionalUpdate<BlobDocument> => ({
  filter: { _id: input.name, version: input.expectedVersion },
  update: {
    $set: { updatedAt: input.now, byteLength: input.byteLength, chunkCount: input.chunkCount },
    $inc: { version: 1 },
  },
});

export interface EvictedItem {
  readonly bytes: number;
}

/**
 * Reserves room and the next seq in the owner's counter, but only if the inbox stays within
 * `maxItems` and `maxBytes` once `evicted` (the oldest friend request beyond its cap) is gone.
 */
export const inboxSlotReservation = (input: {
  readonly owner: string;
  readonly bytes: number;
  readonly evicted: EvictedItem | null;
  readonly quotas: InboxQuotas;
}): ConditionalUpdate<InboxCounterDocument> => {
  const evictedItems = input.evicted ? 1 : 0;
  const evictedBytes = input.evicted?.bytes ?? 0;
  return {
    filter: {
      _id: input.owner,
      // items - evicted + 1 <= maxItems  and  bytes - evictedBytes + size <= maxBytes
      items: { $lte: input.quotas.maxItems - 1 + evictedItems },
      bytes: { $lte: input.quotas.maxBytes - input.bytes + evictedBytes },
    },
    update: { $inc: { seq: 1, items: 1 - evictedItems, bytes: input.bytes - evictedBytes } },
  };
};

/** Gives back what acknowledged (deleted) items held. */
export const inboxRelease = (input: {
  readonly owner: string;
  readonly items: number;
  readonly bytes: number;
}): ConditionalUpdate<InboxCounterDocument> => ({
  filter: { _id: input.owner },
  update: { $inc: { items: -input.items, bytes: -input.bytes } },
});

export const EMPTY_INBOX_COUNTER: Omit<InboxCounterDocument, '_id'> = { seq: 0, items: 0, bytes: 0 };

/** Per-token quota: the token's pending items, counted in the same transaction, leave room for one more. */
export const tokenHasRoom = (pendingWithToken: number, quotas: InboxQuotas): boolean =>
  pendingWithToken + 1 <= quotas.maxItemsPerToken;

/** The oldest friend request goes only when the queue is at (or beyond) its cap. */
export const mustEvictFriendRequest = (pendingFriendRequests: number, quotas: InboxQuotas): boolean =>
  pendingFriendRequests >= quotas.maxFriendRequests;
