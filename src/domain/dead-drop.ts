/** An encrypted item waiting in an inbox: a friend request or a drop from a friend. */
export type DeadDropKind = 'friend-request' | 'drop';

export interface DeadDrop {
  readonly id: string;
  readonly owner: string;
  readonly kind: DeadDropKind;
  /** The drop token id used (a routing hint only); null for friend requests and open-inbox drops. */
  readonly tokenId: string | null;
  readonly receivedAt: number;
  /** The sealed envelope exactly as received, serialized JSON. */
  readonly envelope: string;
}

/** A stored item plus its position in arrival order (the cursor is derived from `seq`). */
export interface StoredDeadDrop extends DeadDrop {
  readonly seq: number;
}

export interface InboxQuotas {
  /** Max items per inbox (all kinds). */
  readonly maxItems: number;
  /** Max total envelope bytes per inbox. */
  readonly maxBytes: number;
  /** Max pending items dropped with one drop token. */
  readonly maxItemsPerToken: number;
  /** Friend requests form a capped queue: the oldest is evicted beyond this. */
  readonly maxFriendRequests: number;
}

export const DEFAULT_INBOX_QUOTAS: InboxQuotas = {
  maxItems: 10000,
  maxBytes: 64 * 1024 * 1024,
  maxItemsPerToken: 2000,
  maxFriendRequests: 200,
};
