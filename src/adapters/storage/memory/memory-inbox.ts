import { StoredDeadDrop } from '../../../domain/dead-drop';
import { utf8ByteLength } from '../../../domain/text-size';

/**
 * One owner's inbox in ascending seq order, with the totals quota checks need kept up to date on
 * every change: a drop then costs the same whatever the inbox already holds.
 */
export class MemoryInbox {
  private readonly stored: StoredDeadDrop[] = [];
  private envelopeBytes = 0;
  private friendRequestCount = 0;
  private readonly pendingByToken = new Map<string, number>();

  get items(): readonly StoredDeadDrop[] {
    return this.stored;
  }

  get size(): number {
    return this.stored.length;
  }

  /** Total UTF-8 bytes of the stored envelopes. */
  get bytes(): number {
    return this.envelopeBytes;
  }

  get friendRequests(): number {
    return this.friendRequestCount;
  }

  pendingWithToken(tokenId: string): number {
    return this.pendingByToken.get(tokenId) ?? 0;
  }

  /** The caller keeps seqs ascending: only ever an item newer than every stored one. */
  push(item: StoredDeadDrop): void {
    this.stored.push(item);
    this.count(item, +1);
  }

  oldestFriendRequest(): StoredDeadDrop | null {
    if (this.friendRequestCount === 0) return null;
    return this.stored.find((item) => item.kind === 'friend-request') ?? null;
  }

  /** Removes the items matching `shouldRemove`; returns how many went. */
  removeWhere(shouldRemove: (item: StoredDeadDrop) => boolean): number {
    let kept = 0;
    for (const item of this.stored) {
      if (shouldRemove(item)) this.count(item, -1);
      else this.stored[kept++] = item;
    }
    const removed = this.stored.length - kept;
    this.stored.length = kept;
    return removed;
  }

  /** Index of the first item with seq > afterSeq (binary search: seqs ascend). */
  firstIndexAfter(afterSeq: number): number {
    let low = 0;
    let high = this.stored.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.stored[middle]?.seq ?? Infinity) > afterSeq) high = middle;
      else low = middle + 1;
    }
    return low;
  }

  private count(item: StoredDeadDrop, sign: 1 | -1): void {
    this.envelopeBytes += sign * utf8ByteLength(item.envelope);
    if (item.kind === 'friend-request') this.friendRequestCount += sign;
    if (item.tokenId === null) return;
    const pending = this.pendingWithToken(item.tokenId) + sign;
    if (pending === 0) this.pendingByToken.delete(item.tokenId);
    else this.pendingByToken.set(item.tokenId, pending);
  }
}
