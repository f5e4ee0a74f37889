import {
  DropObjectError,
  DroppedStats,
  DropTokenUse,
  InboxPage,
  InboxRepository,
  InboxStats,
  NewDroppedObject,
  PurgedInbox,
} from '../../../application/ports/inbox-repository';
import { InboxItem, StoredInboxItem } from '../../../domain/home-server/inbox-item';
import { err, ok, Result } from '../../../domain/protocol/result';
import { admits, Arrival, arrivalOf, InboxQuotas, InboxUsage, objectArrivalOf, withDropped } from '../../../domain/home-server/inbox-quota';
import { EMPTY_STORE_USAGE } from '../../../domain/home-server/store/store-object';
import { MemoryInbox } from './memory-inbox';
import { copyBytes, MemoryState } from './memory-state';
import { MemoryStoreShelf } from './memory-store-shelf';

const EMPTY_INBOX = new MemoryInbox();
const EMPTY_SHELF = new MemoryStoreShelf();

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
    const usage = this.usageFor(item.owner, inbox, arrival);
    const admission = admits(usage, arrival, quotas, () => inbox.oldestOf(arrival.source));
    if (!admission.admitted) return err('inbox/full');
    const evicted = new Set(admission.evicted.map((entry) => entry.item));
    if (evicted.size > 0) inbox.removeWhere((stored) => evicted.has(stored));
    // Frozen, so list can hand out the stored items themselves instead of a copy of each per page.
    const stored: StoredInboxItem = Object.freeze({ ...item, seq: this.state.nextSeq() });
    inbox.push(stored);
    this.state.inboxes.set(item.owner, inbox);
    if (tokenUse) this.recordTokenUse(tokenUse);
    return ok({ ...stored });
  }

  async list(owner: string, afterSeq: number, limit: number): Promise<InboxPage> {
    const inbox = this.state.inboxes.get(owner);
    if (!inbox) return { items: [], nextAfterSeq: null };
    const start = inbox.firstIndexAfter(afterSeq);
    const items = inbox.slice(start, Math.max(0, limit));
    const last = items[items.length - 1];
    return { items, nextAfterSeq: start + items.length < inbox.size && last ? last.seq : null };
  }

  /** Without an inbox, the last seq issued: any append since, even one deleted again with its account, moved it. */
  async listingVersion(owner: string): Promise<string> {
    const inbox = this.state.inboxes.get(owner)?.version ?? `none:${this.state.lastIssuedSeq()}`;
    return `${this.state.timesCleared}/${inbox}`;
  }

  async dropObject(object: NewDroppedObject, quotas: InboxQuotas): Promise<Result<void, DropObjectError>> {
    if (!this.state.accounts.has(object.owner)) return err('account/not-found');
    const shelf = this.state.shelfOf(object.owner);
    if (shelf.get(object.id)) return err('object/exists');
    const arrival = objectArrivalOf(object.tokenId, object.data.length);
    const usage = this.usageFor(object.owner, this.state.inboxes.get(object.owner) ?? EMPTY_INBOX, arrival);
    if (!admits(usage, arrival, quotas, () => []).admitted) return err('inbox/full');
    shelf.add({
      owner: object.owner,
      id: object.id,
      state: 'dropped',
      bytes: object.data.length,
      createdAt: object.receivedAt,
      tokenId: object.tokenId,
      data: copyBytes(object.data),
    });
    this.recordTokenUse({ id: object.tokenId, at: object.receivedAt });
    return ok(undefined);
  }

  async ack(owner: string, ids: readonly string[], objects: readonly string[] = []): Promise<number> {
    const shelf = this.state.objects.get(owner);
    for (const id of objects) if (shelf?.get(id)?.state === 'dropped') shelf.remove(id);
    const inbox = this.state.inboxes.get(owner);
    if (!inbox) return 0;
    const wanted = new Set(ids);
    return inbox.removeWhere((item) => wanted.has(item.id));
  }

  async stats(owner: string): Promise<InboxStats> {
    const inbox = this.state.inboxes.get(owner);
    return { items: inbox?.size ?? 0, bytes: inbox?.bytes ?? 0 };
  }

  async droppedStats(owner: string): Promise<DroppedStats> {
    return this.state.objects.get(owner)?.droppedUsage ?? EMPTY_STORE_USAGE;
  }

  async purgeOlderThan(receivedBefore: number): Promise<PurgedInbox> {
    let items = 0;
    let objects = 0;
    for (const inbox of this.state.inboxes.values()) items += inbox.removeWhere((item) => item.receivedAt < receivedBefore);
    for (const shelf of this.state.objects.values()) {
      const expired = [...shelf.all()].filter((object) => object.state === 'dropped' && object.createdAt < receivedBefore);
      for (const object of expired) if (shelf.remove(object.id)) objects++;
    }
    return { items, objects };
  }

  /** The inbox's totals and the arrival's source's, dropped objects' bytes included (inbox-quota.ts). */
  private usageFor(owner: string, inbox: MemoryInbox, arrival: Arrival): InboxUsage {
    const shelf = this.state.objects.get(owner) ?? EMPTY_SHELF;
    const tokenDropped = arrival.source.kind === 'drop-token' ? shelf.droppedUsageOf(arrival.source.tokenId) : EMPTY_STORE_USAGE;
    return {
      inbox: withDropped({ items: inbox.size, bytes: inbox.bytes }, shelf.droppedUsage),
      source: withDropped(inbox.usageOf(arrival.source), tokenDropped),
    };
  }

  private recordTokenUse({ id, at }: DropTokenUse): void {
    const token = this.state.dropTokens.get(id);
    if (token) this.state.dropTokens.set(id, { ...token, uses: token.uses + 1, lastUsedAt: at });
  }
}
