import { InboxItem, InboxQuotas } from './inbox-item';
import { utf8ByteLength } from '../protocol/text-size';

/**
 * The one quota rule of an inbox (PROTOCOL §5, §10). Storage adapters read the usage, ask these
 * functions, and apply the answer atomically; none of them restates the rule.
 */

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

/** An item about to be appended: where it came from and what it weighs. */
export interface Arrival {
  readonly source: InboxSource;
  readonly bytes: number;
}

export const arrivalOf = (item: InboxItem): Arrival => ({ source: sourceOf(item), bytes: utf8ByteLength(item.envelope) });

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

/**
 * What the arrival's own source must give up, oldest first, for the arrival to fit its share:
 * nothing when it fits, and nothing for a drop token (a friend's token is refused, never evicts).
 */
export const roomToMake = (usage: InboxUsage, arrival: Arrival, quotas: InboxQuotas): Usage => {
  const share = shareOf(arrival.source, quotas);
  if (share.whenFull === 'refuse') return NO_USAGE;
  return {
    items: Math.max(0, usage.source.items + 1 - share.items),
    bytes: Math.max(0, usage.source.bytes + arrival.bytes - share.bytes),
  };
};

export const needsRoom = (room: Usage): boolean => room.items > 0 || room.bytes > 0;

/** The shortest run of the oldest items that frees `room`; null when all of them together cannot. */
export const oldestFreeing = <T extends { readonly bytes: number }>(oldestFirst: Iterable<T>, room: Usage): T[] | null => {
  const chosen: T[] = [];
  let freedBytes = 0;
  if (!needsRoom(room)) return chosen;
  for (const item of oldestFirst) {
    chosen.push(item);
    freedBytes += item.bytes;
    if (chosen.length >= room.items && freedBytes >= room.bytes) return chosen;
  }
  return null;
};

/** The usage once `evicted` (items of the arrival's own source) are gone. */
export const withoutEvicted = (usage: InboxUsage, evicted: readonly { readonly bytes: number }[]): InboxUsage => {
  const freed = { items: evicted.length, bytes: evicted.reduce((sum, item) => sum + item.bytes, 0) };
  const minus = (from: Usage): Usage => ({ items: from.items - freed.items, bytes: from.bytes - freed.bytes });
  return { inbox: minus(usage.inbox), source: minus(usage.source) };
};

/** Whether the arrival fits both the whole inbox and its source's share. */
export const admits = (usage: InboxUsage, arrival: Arrival, quotas: InboxQuotas): boolean => {
  const share = shareOf(arrival.source, quotas);
  return (
    usage.inbox.items + 1 <= quotas.maxItems &&
    usage.inbox.bytes + arrival.bytes <= quotas.maxBytes &&
    usage.source.items + 1 <= share.items &&
    usage.source.bytes + arrival.bytes <= share.bytes
  );
};

export type Admission<T> = { readonly admitted: true; readonly evicted: readonly T[] } | { readonly admitted: false };

/**
 * The whole decision for adapters that can read the source's oldest items synchronously: which of
 * them to evict, or a refusal (then nothing is evicted). `oldestOfSource` is only called when
 * room must be made, and only read as far as needed.
 */
export const planAdmission = <T extends { readonly bytes: number }>(
  usage: InboxUsage,
  arrival: Arrival,
  quotas: InboxQuotas,
  oldestOfSource: () => Iterable<T>,
): Admission<T> => {
  const room = roomToMake(usage, arrival, quotas);
  const evicted = needsRoom(room) ? oldestFreeing(oldestOfSource(), room) : [];
  if (evicted === null || !admits(withoutEvicted(usage, evicted), arrival, quotas)) return { admitted: false };
  return { admitted: true, evicted };
};
