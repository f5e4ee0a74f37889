import { ClientSession } from 'mongodb';
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
import { EMPTY_STORE_USAGE } from '../../../domain/home-server/store/store-object';
import {
  admits,
  Arrival,
  arrivalOf,
  InboxQuotas,
  InboxSource,
  InboxUsage,
  matchOf,
  needsOldestOfSource,
  NO_USAGE,
  objectArrivalOf,
  Usage,
  withDropped,
} from '../../../domain/home-server/inbox-quota';
import { EMPTY_INBOX_COUNTER, inboxRelease, inboxSlotTaken } from './conditional-updates';
import { discardDropped, droppedOfToken, insertDropped, purgeInboxOlderThan } from './mongo-dropped-objects';
import { InboxCounterDocument } from './schema';
import { isDuplicateKeyError, MongoContext } from './mongo-context';
import { dropTokenUseUpdate } from './mongo-drop-token-repository';
import { fromInboxItemDocument, toInboxItemDocument } from './mongo-documents';
import { PerKeyBatches } from './per-key-batches';

const COUNTER_MISSING = Symbol('inbox counter missing');

type AppendResult = Result<StoredInboxItem, 'inbox/full' | 'account/not-found'>;

interface AppendInput {
  readonly item: InboxItem;
  readonly quotas: InboxQuotas;
  readonly tokenUse: DropTokenUse | undefined;
}

interface EvictionCandidate {
  readonly id: string;
  readonly bytes: number;
}

/**
 * Items are documents of their own; the per-owner counter document holds the totals and the next
 * seq. Append and ack change items and counter in one transaction, and both always write the
 * counter, so two transactions on the same inbox conflict and the driver retries the loser on
 * fresh data: the quota check and the insert behave as one step under concurrent drops. Deleting
 * the account deletes the counter, so an append racing a deletion conflicts with it too.
 * Concurrent appends to one inbox in this process share a transaction (per-key-batches.ts)
 * instead of conflicting on the counter.
 */
export class MongoInboxRepository implements InboxRepository {
  private readonly appends = new PerKeyBatches<AppendInput, AppendResult>({
    runOne: (input) => this.appendAlone(input),
    runBatch: (inputs) => this.appendTogether(inputs),
  });

  constructor(private readonly context: MongoContext) {}

  async append(item: InboxItem, quotas: InboxQuotas, tokenUse?: DropTokenUse): Promise<AppendResult> {
    return this.appends.submit(item.owner, { item, quotas, tokenUse });
  }

  private async appendAlone({ item, quotas, tokenUse }: AppendInput): Promise<AppendResult> {
    const appended = await this.context.transaction((session) => this.appendInSession({ item, quotas, tokenUse }, session));
    if (appended !== COUNTER_MISSING) return appended;
    // An inbox's first drop creates its counter (so creating an account stays a smaller transaction).
    await this.ensureCounter(item.owner);
    const retried = await this.context.transaction((session) => this.appendInSession({ item, quotas, tokenUse }, session));
    // Missing again only if the account was deleted in between (and re-created): nothing stored.
    return retried === COUNTER_MISSING ? err('account/not-found') : retried;
  }

  /** Null: processes share this database, and a version read here would cost a query per page anyway (docs/scaling.md). */
  async listingVersion(): Promise<null> {
    return null;
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

  async dropObject(object: NewDroppedObject, quotas: InboxQuotas): Promise<Result<void, DropObjectError>> {
    const dropped = await this.context.transaction((session) => this.dropObjectInSession(object, quotas, session));
    if (dropped !== COUNTER_MISSING) return dropped;
    await this.ensureCounter(object.owner);
    const retried = await this.context.transaction((session) => this.dropObjectInSession(object, quotas, session));
    return retried === COUNTER_MISSING ? err('account/not-found') : retried;
  }

  async ack(owner: string, ids: readonly string[], objects: readonly string[] = []): Promise<number> {
    if (ids.length === 0 && objects.length === 0) return 0;
    const { inbox, inboxCounters } = this.context.collections;
    return this.context.transaction(async (session) => {
      if (objects.length > 0) await discardDropped(this.context.collections, session, owner, objects);
      if (ids.length === 0) return 0;
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

  async droppedStats(owner: string): Promise<DroppedStats> {
    const counter = await this.context.collections.inboxCounters.findOne({ _id: owner });
    return { objects: counter?.droppedObjects ?? 0, bytes: counter?.droppedBytes ?? 0 };
  }

  async purgeOlderThan(receivedBefore: number): Promise<PurgedInbox> {
    return purgeInboxOlderThan(this.context, receivedBefore);
  }

  /**
   * Appends of one inbox, one after the other in one transaction: each sees the ones before it.
   * Before the inbox's counter exists they find none and take the way of a lone append, which
   * creates it.
   */
  private async appendTogether(inputs: readonly AppendInput[]): Promise<AppendResult[]> {
    const together = await this.context.transaction(async (session) => {
      const results: (AppendResult | typeof COUNTER_MISSING)[] = [];
      for (const input of inputs) results.push(await this.appendInSession(input, session));
      return results;
    });
    const results: AppendResult[] = [];
    for (const [index, input] of inputs.entries()) {
      const result = together[index];
      results.push(result === undefined || result === COUNTER_MISSING ? await this.appendAlone(input) : result);
    }
    return results;
  }

  private async appendInSession(
    { item, quotas, tokenUse }: AppendInput,
    session: ClientSession,
  ): Promise<AppendResult | typeof COUNTER_MISSING> {
    const arrival = arrivalOf(item);
    const { accounts, inbox, inboxCounters, dropTokens } = this.context.collections;
    // Inside the transaction: an account deleted before it began gets nothing, and one deleted
    // while it runs deletes the counter written below, so one of the two transactions is retried.
    const owner = await accounts.findOne({ _id: item.owner }, { session, projection: { _id: 1 } });
    if (!owner) return err('account/not-found');
    const counter = await inboxCounters.findOne({ _id: item.owner }, { session });
    if (!counter) return COUNTER_MISSING;

    const usage = await this.usageFor(counter, item.owner, arrival, session);
    const oldest = needsOldestOfSource(usage, arrival, quotas) ? await this.oldestOfSource(item.owner, arrival.source, session) : [];
    const admission = admits(usage, arrival, quotas, () => oldest);
    if (!admission.admitted) return err('inbox/full');
    const { evicted, change } = admission;

    const { filter, update } = inboxSlotTaken({ owner: item.owner, seenSeq: counter.seq, change });
    const taken = await inboxCounters.updateOne(filter, update, { session });
    if (taken.matchedCount !== 1) throw new Error(`inbox counter of ${item.owner} changed inside its transaction`);
    if (evicted.length > 0) await inbox.deleteMany({ owner: item.owner, id: { $in: evicted.map((candidate) => candidate.id) } }, { session });
    const stored: StoredInboxItem = { ...item, seq: counter.seq + 1 };
    await inbox.insertOne(toInboxItemDocument(stored, arrival.bytes), { session });
    if (tokenUse) {
      const { filter: tokenFilter, update: tokenUpdate } = dropTokenUseUpdate(tokenUse.id, tokenUse.at);
      await dropTokens.updateOne(tokenFilter, tokenUpdate, { session });
    }
    return ok(stored);
  }

  private async dropObjectInSession(
    object: NewDroppedObject,
    quotas: InboxQuotas,
    session: ClientSession,
  ): Promise<Result<void, DropObjectError> | typeof COUNTER_MISSING> {
    const { accounts, inboxCounters, storeObjects, dropTokens } = this.context.collections;
    // As for appends: the counter write below makes a racing deletion, drop or claim conflict.
    const owner = await accounts.findOne({ _id: object.owner }, { session, projection: { _id: 1 } });
    if (!owner) return err('account/not-found');
    const counter = await inboxCounters.findOne({ _id: object.owner }, { session });
    if (!counter) return COUNTER_MISSING;
    if (await storeObjects.findOne({ owner: object.owner, id: object.id }, { session, projection: { _id: 1 } })) return err('object/exists');
    const arrival = objectArrivalOf(object.tokenId, object.data.length);
    const usage = await this.usageFor(counter, object.owner, arrival, session);
    if (!admits(usage, arrival, quotas, () => []).admitted) return err('inbox/full');
    await insertDropped(this.context.collections, session, object);
    const { filter, update } = dropTokenUseUpdate(object.tokenId, object.receivedAt);
    await dropTokens.updateOne(filter, update, { session });
    return ok(undefined);
  }

  /** The inbox's totals and the arrival's source's, dropped objects' bytes included (inbox-quota.ts). */
  private async usageFor(counter: InboxCounterDocument, owner: string, arrival: Arrival, session: ClientSession): Promise<InboxUsage> {
    const { source } = arrival;
    const tokenDropped = source.kind === 'drop-token' ? await droppedOfToken(this.context.collections, session, owner, source.tokenId) : EMPTY_STORE_USAGE;
    const inboxDropped = { objects: counter.droppedObjects ?? 0, bytes: counter.droppedBytes ?? 0 };
    return {
      inbox: withDropped({ items: counter.items, bytes: counter.bytes }, inboxDropped),
      source: withDropped(await this.sourceUsage(owner, source, session), tokenDropped),
    };
  }

  /** The pending items of one source (inbox-quota.ts): a drop token's, or the tokenless ones of one kind. */
  private async sourceUsage(owner: string, source: InboxSource, session: ClientSession): Promise<Usage> {
    const [usage] = await this.context.collections.inbox
      .aggregate<Usage>(
        [
          { $match: { owner, ...matchOf(source) } },
          { $group: { _id: null, items: { $sum: 1 }, bytes: { $sum: '$bytes' } } },
          { $project: { _id: 0, items: 1, bytes: 1 } },
        ],
        { session },
      )
      .toArray();
    return usage ?? NO_USAGE;
  }

  /** Only tokenless sources ever evict, and their queues are small (PROTOCOL §5, §10). */
  private async oldestOfSource(owner: string, source: InboxSource, session: ClientSession): Promise<EvictionCandidate[]> {
    const documents = await this.context.collections.inbox
      .find({ owner, ...matchOf(source) }, { session, sort: { seq: 1 }, projection: { id: 1, bytes: 1 } })
      .toArray();
    return documents.map((document) => ({ id: document.id, bytes: document.bytes }));
  }

  /**
   * Outside any transaction on purpose: inside one, two first drops racing to create the counter
   * can surface as a duplicate key instead of a retryable conflict. Here the loser just finds it.
   */
  private async ensureCounter(owner: string): Promise<void> {
    // Not for a deleted account (a race can still leave an empty counter; the append's own check refuses).
    if ((await this.context.collections.accounts.countDocuments({ _id: owner }, { limit: 1 })) === 0) return;
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
}
