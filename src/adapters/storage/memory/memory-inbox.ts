import { StoredInboxItem } from '../../../domain/home-server/inbox-item';
import { InboxSource, NO_USAGE, sourceKey, sourceOf, Usage } from '../../../domain/home-server/inbox-quota';
import { utf8ByteLength } from '../../../domain/protocol/text-size';

/** A stored item with its envelope's size, so quota checks never measure an envelope twice. */
export interface MemoryInboxItem {
  readonly item: StoredInboxItem;
  readonly bytes: number;
}

/**
 * One owner's inbox in ascending seq order, with the totals quota checks need (the whole inbox
 * and each source's share) kept up to date on every change: a drop then costs the same whatever
 * the inbox already holds.
 */
export class MemoryInbox {
  private readonly stored: MemoryInboxItem[] = [];
  private total: Usage = NO_USAGE;
  private readonly bySource = new Map<string, Usage>();
  private changes = 0;
  private lastPushedSeq = 0;

  get items(): readonly StoredInboxItem[] {
    return this.stored.map((entry) => entry.item);
  }

  get size(): number {
    return this.stored.length;
  }

  /**
   * Differs after every push and removal. Seqs are unique across inboxes and only grow, so an
   * inbox made anew for the same owner (after the account's deletion) never repeats an old value.
   */
  get version(): string {
    return `${this.lastPushedSeq}:${this.changes}`;
  }

  /** Total UTF-8 bytes of the stored envelopes. */
  get bytes(): number {
    return this.total.bytes;
  }

  usageOf(source: InboxSource): Usage {
    return this.bySource.get(sourceKey(source)) ?? NO_USAGE;
  }

  /** The source's items, oldest first. */
  *oldestOf(source: InboxSource): Iterable<MemoryInboxItem> {
    const key = sourceKey(source);
    for (const entry of this.stored) if (sourceKey(sourceOf(entry.item)) === key) yield entry;
  }

  /** The caller keeps seqs ascending: only ever an item newer than every stored one. */
  push(item: StoredInboxItem): void {
    const entry = { item, bytes: utf8ByteLength(item.envelope) };
    this.stored.push(entry);
    this.count(entry, +1);
    this.lastPushedSeq = item.seq;
    this.changes++;
  }

  /** Removes the items matching `shouldRemove`; returns how many went. */
  removeWhere(shouldRemove: (item: StoredInboxItem) => boolean): number {
    let kept = 0;
    for (const entry of this.stored) {
      if (shouldRemove(entry.item)) this.count(entry, -1);
      else this.stored[kept++] = entry;
    }
    const removed = this.stored.length - kept;
    this.stored.length = kept;
    if (removed > 0) this.changes++;
    return removed;
  }

  /** Index of the first item with seq > afterSeq (binary search: seqs ascend). */
  firstIndexAfter(afterSeq: number): number {
    let low = 0;
    let high = this.stored.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.stored[middle]?.item.seq ?? Infinity) > afterSeq) high = middle;
      else low = middle + 1;
    }
    return low;
  }

  /** The items from `start`, at most `count`. */
  slice(start: number, count: number): StoredInboxItem[] {
    return this.stored.slice(start, start + count).map((entry) => entry.item);
  }

  private count(entry: MemoryInboxItem, sign: 1 | -1): void {
    const change = (usage: Usage): Usage => ({ items: usage.items + sign, bytes: usage.bytes + sign * entry.bytes });
    this.total = change(this.total);
    const key = sourceKey(sourceOf(entry.item));
    const source = change(this.bySource.get(key) ?? NO_USAGE);
    if (source.items === 0) this.bySource.delete(key);
    else this.bySource.set(key, source);
  }
}
