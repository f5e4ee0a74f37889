import { InboxItem, InboxItemKind } from './inbox-item';
import { utf8ByteLength } from '../protocol/text-size';
import { StoreUsage } from './store/store-object';

/**
 * The one quota rule of an inbox (PROTOCOL §5, §10). Storage adapters read the usage, ask
 * `admits`, and apply its answer atomically; none of them restates the rule.
 */

export interface InboxQuotas {
  /** Max items per inbox (all kinds), dropped objects included. */
  readonly maxItems: number;
  /** Max total bytes per inbox: envelopes and dropped objects (§9.2). */
  readonly maxBytes: number;
  /** Max pending items and objects dropped with one drop token. */
  readonly maxItemsPerToken: number;
  /** Max pending bytes dropped with one drop token, envelopes and objects (PROTOCOL §10 `STARBASE_TOKEN_BYTES`). */
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

/** Pending items and their envelope bytes. */
export interface Usage {
  readonly items: number;
  readonly bytes: number;
}

export const NO_USAGE: Usage = { items: 0, bytes: 0 };

/** Who an item came through. Each source has its own share of the inbox. */
export type InboxSource =
  | { readonly kind: 'drop-token'; readonly tokenId: string }
  | { readonly kind: 'open-inbox' }
  | { readonly kind: 'friend-requests' };

export const sourceOf = (item: Pick<InboxItem, 'kind' | 'tokenId'>): InboxSource => {
  if (item.kind === 'friend-request') return { kind: 'friend-requests' };
  return item.tokenId === null ? { kind: 'open-inbox' } : { kind: 'drop-token', tokenId: item.tokenId };
};

/** One string per source, for adapters that keep running totals per source. */
export const sourceKey = (source: InboxSource): string =>
  source.kind === 'drop-token' ? `drop-token:${source.tokenId}` : source.kind;

/** An item about to be appended, or an object about to be dropped: where it came from and what it weighs. */
export interface Arrival {
  readonly source: InboxSource;
  readonly bytes: number;
}

export const arrivalOf = (item: InboxItem): Arrival => ({ source: sourceOf(item), bytes: utf8ByteLength(item.envelope) });

/**
 * A dropped object (§9.2): only through a friend's drop token. It weighs like an item, one of the
 * count and its length in bytes, so a token cannot pile up tiny objects without bound either.
 */
export const objectArrivalOf = (tokenId: string, bytes: number): Arrival => ({ source: { kind: 'drop-token', tokenId }, bytes });

/**
 * Usage as `admits` reads it: the inbox items plus the dropped objects still waiting to be claimed
 * (§10 `STARBASE_TOKEN_BYTES`: envelopes and dropped objects together), for the inbox and for a
 * drop token alike.
 */
export const withDropped = (items: Usage, dropped: StoreUsage): Usage => ({
  items: items.items + dropped.objects,
  bytes: items.bytes + dropped.bytes,
});

/** The inbox and the arriving item's own source, as they stand before it is added. */
export interface InboxUsage {
  readonly inbox: Usage;
  readonly source: Usage;
}

interface Share extends Usage {
  /** A friend's token is refused when full; strangers' queues make room by dropping their oldest. */
  readonly whenFull: 'refuse' | 'evict-oldest';
}

const shareOf = (source: InboxSource, quotas: InboxQuotas): Share => {
  switch (source.kind) {
    case 'drop-token':
      return { items: quotas.maxItemsPerToken, bytes: quotas.maxBytesPerToken, whenFull: 'refuse' };
    case 'open-inbox':
      return { items: quotas.maxOpenInboxItems, bytes: quotas.maxOpenInboxBytes, whenFull: 'evict-oldest' };
    case 'friend-requests':
      return { items: quotas.maxFriendRequests, bytes: Number.POSITIVE_INFINITY, whenFull: 'evict-oldest' };
  }
};

/** The stored fields that pick a source's items: its drop token, or the tokenless items of one kind. */
export type SourceMatch = { readonly tokenId: string } | { readonly tokenId: null; readonly kind: InboxItemKind };

export const matchOf = (source: InboxSource): SourceMatch => {
  switch (source.kind) {
    case 'drop-token':
      return { tokenId: source.tokenId };
    case 'open-inbox':
      return { tokenId: null, kind: 'drop' };
    case 'friend-requests':
      return { tokenId: null, kind: 'friend-request' };
  }
};

/**
 * What the arrival's own source must give up, oldest first, for the arrival to fit its share:
 * nothing when it fits, and nothing for a drop token (a friend's token is refused, never evicts).
 */
const roomToMake = (usage: InboxUsage, arrival: Arrival, quotas: InboxQuotas): Usage => {
  const share = shareOf(arrival.source, quotas);
  if (share.whenFull === 'refuse') return NO_USAGE;
  return {
    items: Math.max(0, usage.source.items + 1 - share.items),
    bytes: Math.max(0, usage.source.bytes + arrival.bytes - share.bytes),
  };
};

const isNothing = (room: Usage): boolean => room.items === 0 && room.bytes === 0;

/** The shortest run of the oldest items that frees `room`; null when all of them together cannot. */
const oldestFreeing = <T extends { readonly bytes: number }>(oldestFirst: Iterable<T>, room: Usage): T[] | null => {
  const chosen: T[] = [];
  let freedBytes = 0;
  for (const item of oldestFirst) {
    chosen.push(item);
    freedBytes += item.bytes;
    if (chosen.length >= room.items && freedBytes >= room.bytes) return chosen;
  }
  return null;
};

/** Whether the arrival fits both the whole inbox and its source's share. */
const fits = (usage: InboxUsage, arrival: Arrival, quotas: InboxQuotas): boolean => {
  const share = shareOf(arrival.source, quotas);
  return (
    usage.inbox.items + 1 <= quotas.maxItems &&
    usage.inbox.bytes + arrival.bytes <= quotas.maxBytes &&
    usage.source.items + 1 <= share.items &&
    usage.source.bytes + arrival.bytes <= share.bytes
  );
};

/**
 * Whether deciding on the arrival needs its source's oldest items: for adapters that read them
 * asynchronously, so they read them only then (see `admits`).
 */
export const needsOldestOfSource = (usage: InboxUsage, arrival: Arrival, quotas: InboxQuotas): boolean =>
  !isNothing(roomToMake(usage, arrival, quotas));

export type Admission<T> =
  | {
      readonly admitted: true;
      /** Items of the arrival's own source to delete with the insert, oldest first. */
      readonly evicted: readonly T[];
      /** What the inbox's totals change by: the arrival less what it evicts. */
      readonly change: Usage;
    }
  | { readonly admitted: false };

/**
 * The one decision on an arriving item: admit it, admit it in place of the oldest items of its own
 * source (friend requests and open-inbox drops are capped queues), or refuse it (then nothing is
 * evicted). `oldestOfSource` is only called when room must be made, and only read as far as
 * needed; the adapter applies the answer atomically with the usage it read.
 */
export const admits = <T extends { readonly bytes: number }>(
  usage: InboxUsage,
  arrival: Arrival,
  quotas: InboxQuotas,
  oldestOfSource: () => Iterable<T>,
): Admission<T> => {
  const room = roomToMake(usage, arrival, quotas);
  const evicted = isNothing(room) ? [] : oldestFreeing(oldestOfSource(), room);
  if (evicted === null) return { admitted: false };
  const freed = { items: evicted.length, bytes: evicted.reduce((sum, item) => sum + item.bytes, 0) };
  const minus = (from: Usage): Usage => ({ items: from.items - freed.items, bytes: from.bytes - freed.bytes });
  if (!fits({ inbox: minus(usage.inbox), source: minus(usage.source) }, arrival, quotas)) return { admitted: false };
  return { admitted: true, evicted, change: { items: 1 - freed.items, bytes: arrival.bytes - freed.bytes } };
};
