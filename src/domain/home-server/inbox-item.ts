/** An encrypted item waiting in an inbox: a friend request, or a drop (with a friend's drop token, or into an open inbox). */
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
