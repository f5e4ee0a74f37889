import { DropTokenUse, InboxPage, InboxRepository, InboxStats } from '../../../application/ports/inbox-repository';
import { InboxItem, StoredInboxItem } from '../../../domain/home-server/inbox-item';
import { err, ok, Result } from '../../../domain/protocol/result';
import { admits, arrivalOf, InboxQuotas } from '../../../domain/home-server/inbox-quota';
import { MemoryInbox } from './memory-inbox';
import { MemoryState } from './memory-state';

export class MemoryInboxRepository implements InboxRepository {
  constructor(private readonly state: MemoryState) {}

  async append(
    item: InboxItem,
    quotas: InboxQuotas,
    tokenUse?: DropTokenUse,
  ): Promise<Result<StoredInboxItem, 'inbox/full' | 'account/not-found'>> {
    if (!this.state.accounts.has(item.owner)) return err('account/not-found');
    const inbox = this.state.inboxes.get(item.owner) ?? new MemoryInbox();
    const arrival = arrivalOf(item);
    const usage = { inbox: { items: inbox.size, bytes: inbox.bytes }, source: inbox.usageOf(arrival.source) };
    const admission = admits(usage, arrival, quotas, () => inbox.oldestOf(arrival.source));
    if (!admission.admitted) return err('inbox/full');
    const evicted = new Set(admission.evicted.map((entry) => entry.item));
    if (evicted.size > 0) inbox.removeWhere((stored) => evicted.has(stored));
    const stored: StoredInboxItem = { ...item, seq: this.state.nextSeq() };
    inbox.push(stored);
    this.state.inboxes.set(item.owner, inbox);
    if (tokenUse) this.recordTokenUse(tokenUse);
    return ok({ ...stored });
  }

  async list(owner: string, afterSeq: number, limit: number): Promise<InboxPage> {
    const inbox = this.state.inboxes.get(owner);
    if (!inbox) return { items: [], nextAfterSeq: null };
    const start = inbox.firstIndexAfter(afterSeq);
    const items = inbox.slice(start, Math.max(0, limit)).map((item) => ({ ...item }));
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
