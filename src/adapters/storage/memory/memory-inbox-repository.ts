import { DropTokenUse, InboxPage, InboxRepository, InboxStats } from '../../../application/ports/inbox-repository';
import { DeadDrop, InboxQuotas, StoredDeadDrop } from '../../../domain/dead-drop';
import { err, ok, Result } from '../../../domain/result';
import { utf8ByteLength } from '../../../domain/text-size';
import { MemoryInbox } from './memory-inbox';
import { MemoryState } from './memory-state';

export class MemoryInboxRepository implements InboxRepository {
  constructor(private readonly state: MemoryState) {}

  async append(
    item: DeadDrop,
    quotas: InboxQuotas,
    tokenUse?: DropTokenUse,
  ): Promise<Result<StoredDeadDrop, 'inbox/full' | 'account/not-found'>> {
    if (!this.state.accounts.has(item.owner)) return err('account/not-found');
    const inbox = this.state.inboxes.get(item.owner) ?? new MemoryInbox();
    const evicted = item.kind === 'friend-request' && inbox.friendRequests >= quotas.maxFriendRequests ? inbox.oldestFriendRequest() : null;
    if (!fitsQuotas(inbox, evicted, item, quotas)) return err('inbox/full');
    if (evicted) inbox.removeWhere((stored) => stored === evicted);
    const stored: StoredDeadDrop = { ...item, seq: this.state.nextSeq() };
    inbox.push(stored);
    this.state.inboxes.set(item.owner, inbox);
    if (tokenUse) this.recordTokenUse(tokenUse);
    return ok({ ...stored });
  }

  async list(owner: string, afterSeq: number, limit: number): Promise<InboxPage> {
    const inbox = this.state.inboxes.get(owner);
    if (!inbox) return { items: [], nextAfterSeq: null };
    const start = inbox.firstIndexAfter(afterSeq);
    const items = inbox.items.slice(start, start + Math.max(0, limit)).map((item) => ({ ...item }));
    const last = items[items.length - 1];
    return { items, nextAfterSeq: start + items.length < inbox.size && last ? last.seq : null };
  }

  async ack(owner: string, ids: readonly string[]): Promise<number> {
    const inbox = this.state.inboxes.get(owner);
    if (!inbox) return 0;
    const wanted = new Set(ids);
    return inbox.removeWhere((item) => wanted.has(item.id));
  }

  async stats(owner: string): Promise<InboxStats> {
    const inbox = this.state.inboxes.get(owner);
    return { items: inbox?.size ?? 0, bytes: inbox?.bytes ?? 0 };
  }

  private recordTokenUse({ id, at }: DropTokenUse): void {
    const token = this.state.dropTokens.get(id);
    if (token) this.state.dropTokens.set(id, { ...token, uses: token.uses + 1, lastUsedAt: at });
  }
}

/** The quotas as they would stand with `evicted` gone and `item` added, from the inbox's running totals. */
const fitsQuotas = (inbox: MemoryInbox, evicted: StoredDeadDrop | null, item: DeadDrop, quotas: InboxQuotas): boolean => {
  const itemsAfter = inbox.size - (evicted ? 1 : 0) + 1;
  if (itemsAfter > quotas.maxItems) return false;
  const bytesAfter = inbox.bytes - (evicted ? utf8ByteLength(evicted.envelope) : 0) + utf8ByteLength(item.envelope);
  if (bytesAfter > quotas.maxBytes) return false;
  if (item.tokenId === null) return true;
  const evictedWithToken = evicted?.tokenId === item.tokenId ? 1 : 0;
  return inbox.pendingWithToken(item.tokenId) - evictedWithToken + 1 <= quotas.maxItemsPerToken;
};
