import { ClientSession } from 'mongodb';
import { DropTokenUse, InboxPage, InboxRepository, InboxStats } from '../../../application/ports/inbox-repository';
import { DeadDrop, InboxQuotas, StoredDeadDrop } from '../../../domain/dead-drop';
import { err, ok, Result } from '../../../domain/result';
import { utf8ByteLength } from '../../../domain/text-size';
import {
  EMPTY_INBOX_COUNTER,
  EvictedItem,
  inboxRelease,
  inboxSlotReservation,
  mustEvictFriendRequest,
  tokenHasRoom,
} from './conditional-updates';
import { isDuplicateKeyError, MongoContext } from './mongo-context';
import { dropTokenUseUpdate } from './mongo-drop-token-repository';
import { fromInboxItemDocument, toInboxItemDocument } from './mongo-documents';

const COUNTER_MISSING = Symbol('inbox counter missing');

interface EvictionCandidate extends EvictedItem {
  readonly id: string;
}

/**
 * Items are documents of their own; the per-owner counter document holds the totals and the next
 * seq. Append and ack change items and counter in one transaction, and both always write the
 * counter, so two transactions on the same inbox conflict and the driver retries the loser on
 * fresh data: the quota check and the insert behave as one step under concurrent drops.
 */
export class MongoInboxRepository implements InboxRepository {
  constructor(private readonly context: MongoContext) {}

  async append(item: DeadDrop, quotas: InboxQuotas, tokenUse?: DropTokenUse): Promise<Result<StoredDeadDrop, 'inbox/full'>> {
    const appended = await this.appendWithCounter(item, quotas, tokenUse);
    if (appended !== COUNTER_MISSING) return appended;
    // An inbox's first drop creates its counter (so creating an account stays a smaller transaction).
    await this.ensureCounter(item.owner);
    const retried = await this.appendWithCounter(item, quotas, tokenUse);
    // Missing again only if the account was deleted in between: its inbox takes nothing more.
    return retried === COUNTER_MISSING ? err('inbox/full') : retried;
  }

  async list(owner: string, afterSeq: number, limit: number): Promise<InboxPage> {
    const wanted = Math.max(0, Math.trunc(limit));
    // MongoDB reads limit(0) as "no limit"; an empty page needs no query.
    if (wanted === 0) return { items: [], nextAfterSeq: null };
    // One item more than asked tells whether another page follows.
    const documents = await this.context.collections.inbox
      .find({ owner, seq: { $gt: afterSeq } })
      .sort({ seq: 1 })
      .limit(wanted + 1)
      .toArray();
    const items = documents.slice(0, wanted).map(fromInboxItemDocument);
    const last = items[items.length - 1];
    return { items, nextAfterSeq: documents.length > wanted && last ? last.seq : null };
  }

  async ack(owner: string, ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const { inbox, inboxCounters } = this.context.collections;
    return this.context.transaction(async (session) => {
      const doomed = await inbox
        .find({ owner, id: { $in: [...ids] } }, { session, projection: { _id: 1, bytes: 1 } })
        .toArray();
      if (doomed.length === 0) return 0;
      const deleted = await inbox.deleteMany({ _id: { $in: doomed.map((document) => document._id) } }, { session });
      const freedBytes = doomed.reduce((sum, document) => sum + document.bytes, 0);
      const { filter, update } = inboxRelease({ owner, items: doomed.length, bytes: freedBytes });
      await inboxCounters.updateOne(filter, update, { session });
      return deleted.deletedCount;
    });
  }

  async stats(owner: string): Promise<InboxStats> {
    const counter = await this.context.collections.inboxCounters.findOne({ _id: owner });
    return { items: counter?.items ?? 0, bytes: counter?.bytes ?? 0 };
  }

  private async appendWithCounter(
    item: DeadDrop,
    quotas: InboxQuotas,
    tokenUse: DropTokenUse | undefined,
  ): Promise<Result<StoredDeadDrop, 'inbox/full'> | typeof COUNTER_MISSING> {
    const bytes = utf8ByteLength(item.envelope);
    const { inbox, inboxCounters, dropTokens } = this.context.collections;
    return this.context.transaction(async (session) => {
      if (item.tokenId !== null) {
        const pendingWithToken = await inbox.countDocuments({ owner: item.owner, tokenId: item.tokenId }, { session });
        if (!tokenHasRoom(pendingWithToken, quotas)) return err('inbox/full');
      }
      const evicted = item.kind === 'friend-request' ? await this.friendRequestToEvict(item.owner, quotas, session) : null;
      const { filter, update } = inboxSlotReservation({ owner: item.owner, bytes, evicted, quotas });
      const counter = await inboxCounters.findOneAndUpdate(filter, update, { session, returnDocument: 'after' });
      if (!counter) {
        const exists = await inboxCounters.countDocuments({ _id: item.owner }, { session, limit: 1 });
        return exists === 0 ? COUNTER_MISSING : err('inbox/full');
      }

      if (evicted) await inbox.deleteOne({ owner: item.owner, id: evicted.id }, { session });
      const stored: StoredDeadDrop = { ...item, seq: counter.seq };
      await inbox.insertOne(toInboxItemDocument(stored, bytes), { session });
      if (tokenUse) {
        const { filter: tokenFilter, update: tokenUpdate } = dropTokenUseUpdate(tokenUse.id, tokenUse.at);
        await dropTokens.updateOne(tokenFilter, tokenUpdate, { session });
      }
      return ok(stored);
    });
  }

  /**
   * Outside any transaction on purpose: inside one, two first drops racing to create the counter
   * can surface as a duplicate key instead of a retryable conflict. Here the loser just finds it.
   */
  private async ensureCounter(owner: string): Promise<void> {
    try {
      await this.context.collections.inboxCounters.updateOne(
        { _id: owner },
        { $setOnInsert: EMPTY_INBOX_COUNTER },
        { upsert: true },
      );
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }

  private async friendRequestToEvict(
    owner: string,
    quotas: InboxQuotas,
    session: ClientSession,
  ): Promise<EvictionCandidate | null> {
    const { inbox } = this.context.collections;
    const pending = await inbox.countDocuments({ owner, kind: 'friend-request' }, { session });
    if (!mustEvictFriendRequest(pending, quotas)) return null;
    const oldest = await inbox.findOne(
      { owner, kind: 'friend-request' },
      { session, sort: { seq: 1 }, projection: { id: 1, bytes: 1 } },
    );
    return oldest ? { id: oldest.id, bytes: oldest.bytes } : null;
  }
}
