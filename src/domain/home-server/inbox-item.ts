/** An encrypted item waiting in an inbox: a friend request or a drop from a friend. */
export type InboxItemKind = 'friend-request' | 'drop';

export interface InboxItem {
  readonly id: string;
  readonly owner: string;
  readonly kind: InboxItemKind;
  /** The drop token id used (a routing hint only); null for friend requests and open-inbox drops. */
  readonly tokenId: string | null;
  readonly receivedAt: number;
  /** The sealed envelope exactly as received, serialized JSON. */
  readonly envelope: string;
}

/** A stored item plus its position in arrival order (the cursor is derived from `seq`). */
export interface StoredInboxItem extends InboxItem {
  readonly seq: number;
}

export interface InboxQuotas {
  /** Max items per inbox (all kinds). */
  readonly maxItems: number;
  /** Max total envelope bytes per inbox. */
  readonly maxBytes: number;
  /** Max pending items dropped with one drop token. */
  readonly maxItemsPerToken: number;
  /** Max pending envelope bytes dropped with one drop token (PROTOCOL §10 `STARBASE_TOKEN_BYTES`). */
  readonly maxBytesPerToken: number;
  /** Open-inbox drops (no token) form a capped queue: the oldest are evicted beyond this many items… */
  readonly maxOpenInboxItems: number;
  /** …or beyond this many envelope bytes. */
  readonly maxOpenInboxBytes: number;
  /** Friend requests form a capped queue: the oldest is evicted beyond this. */
  readonly maxFriendRequests: number;
}

/**
 * The quotas PROTOCOL §10 derives from an inbox's size: a drop token may hold a quarter of its
 * bytes (unless the operator says otherwise), and open-inbox drops all together a sixteenth of
 * its items and of its bytes, so neither one friend nor strangers can take the others' room.
 */
export const inboxQuotasFor = (maxItems: number, maxBytes: number, maxBytesPerToken: number = Math.floor(maxBytes / 4)): InboxQuotas => ({
  maxItems,
  maxBytes,
  maxItemsPerToken: 2000,
  maxBytesPerToken,
  maxOpenInboxItems: Math.max(1, Math.floor(maxItems / 16)),
  maxOpenInboxBytes: Math.floor(maxBytes / 16),
  maxFriendRequests: 200,
});

export const DEFAULT_INBOX_QUOTAS: InboxQuotas = inboxQuotasFor(10000, 1024 * 1024 * 1024);
