import { InboxPage, InboxRepository, InboxStats } from '../../../application/ports/inbox-repository';
import { DeadDrop, InboxQuotas, StoredDeadDrop } from '../../../domain/dead-drop';
import { err, ok, Result } from '../../../domain/result';
import { utf8ByteLength } from '../../../domain/text-size';
import { MemoryState } from './memory-state';

export class MemoryInboxRepository implements InboxRepository {
  constructor(private readonly state: MemoryState) {}

  async append(item: DeadDrop, quotas: InboxQuotas): Promise<Result<StoredDeadDrop, 'inbox/full' | 'account/not-found'>> {
    if (!this.state.accounts.has(item.owner)) return err('account/not-found');
    const items = this.state.inboxes.get(item.owner) ?? [];
    const evicted = item.kind === 'friend-request' ? oldestFriendRequestBeyondCap(items, quotas) : null;
    const remaining = evicted ? items.filter((stored) => stored !== evicted) : items;
    if (!fitsQuotas(remaining, item, quotas)) return err('inbox/full');
    const stored: StoredDeadDrop = { ...item, seq: this.state.nextSeq() };
    this.state.inboxes.set(item.owner, [...remaining, stored]);
    return ok({ ...stored });
  }

  async list(owner: string, afterSeq: number, limit: number): Promise<InboxPage> {
    const after = (this.state.inboxes.get(owner) ?? []).filter((item) => item.seq > afterSeq);
    const items = after.slice(0, Math.max(0, limit)).map((item) => ({ ...item }));
    const last = items[items.length - 1];
    return { items, nextAfterSeq: after.length > items.length && last ? last.seq : null };
  }

  async ack(owner: string, ids: readonly string[]): Promise<number> {
    const items = this.state.inboxes.get(owner);
    if (!items) return 0;
    const wanted = new Set(ids);
    const kept = items.filter((item) => !wanted.has(item.id));
    this.state.inboxes.set(owner, kept);
    return items.length - kept.length;
  }

  async stats(owner: string): Promise<InboxStats> {
    const items = this.state.inboxes.get(owner) ?? [];
    return { items: items.length, bytes: totalBytes(items) };
  }
}

const oldestFriendRequestBeyondCap = (items: StoredDeadDrop[], quotas: InboxQuotas): StoredDeadDrop | null => {
  const friendRequests = items.filter((item) => item.kind === 'friend-request');
  return friendRequests.length >= quotas.maxFriendRequests ? (friendRequests[0] ?? null) : null;
};

const fitsQuotas = (items: StoredDeadDrop[], item: DeadDrop, quotas: InboxQuotas): boolean => {
  if (items.length + 1 > quotas.maxItems) return false;
  if (totalBytes(items) + utf8ByteLength(item.envelope) > quotas.maxBytes) return false;
  if (item.tokenId === null) return true;
  const pendingWithToken = items.filter((stored) => stored.tokenId === item.tokenId).length;
  return pendingWithToken + 1 <= quotas.maxItemsPerToken;
};

const totalBytes = (items: readonly StoredDeadDrop[]): number =>
  items.reduce((sum, item) => sum + utf8ByteLength(item.envelope), 0);
