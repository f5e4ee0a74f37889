import type { Database, Statement } from 'better-sqlite3';
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
import { InboxItem, InboxItemKind, StoredInboxItem } from '../../../domain/home-server/inbox-item';
import {
  admits,
  Arrival,
  arrivalOf,
  InboxQuotas,
  InboxSource,
  InboxUsage,
  matchOf,
  objectArrivalOf,
  sourceKey,
  Usage,
  withDropped,
} from '../../../domain/home-server/inbox-quota';
import { err, ok, Result } from '../../../domain/protocol/result';
import { EMPTY_STORE_USAGE } from '../../../domain/home-server/store/store-object';
import { RECORD_DROP_TOKEN_USE_SQL } from './sqlite-drop-token-repository';
import { SqliteDeletedObjectFiles } from './sqlite-deleted-object-files';
import { SqliteGroupCommit } from './sqlite-group-commit';
import { InFlight } from './sqlite-in-flight';
import { SqliteObjectFiles } from './sqlite-object-files';
import { NO_DATA } from './sqlite-store-object-repository';
import { inboxItemValues } from './sqlite-rows';
import { WalDurability } from './sqlite-wal-durability';

interface Evictable {
  readonly seq: number;
  readonly bytes: number;
}

/** The inbox's totals and one source's, dropped objects apart (zeros where nothing is stored). */
interface UsageRow {
  readonly inbox_items: number;
  readonly inbox_bytes: number;
  readonly dropped_objects: number;
  readonly dropped_bytes: number;
  readonly source_items: number;
  readonly source_item_bytes: number;
  readonly source_objects: number;
  readonly source_object_bytes: number;
}

/** seq, id, kind, token_id, received_at, envelope: as arrays, which better-sqlite3 builds faster than objects. */
type InboxPageRow = [number, string, InboxItemKind, string | null, number, string];

interface AppendInput {
  item: InboxItem;
  quotas: InboxQuotas;
  tokenUse: DropTokenUse | undefined;
}

export class SqliteInboxRepository implements InboxRepository {
  private readonly insert: Statement;
  private readonly selectPage: Statement<[string, number, number], InboxPageRow>;
  private readonly selectUsage: Statement<[string], Usage>;
  private readonly selectListingVersion: Statement<[string], string>;
  private readonly selectUsageOfSource: Statement<[string, string], UsageRow>;
  private readonly oldestTokenless: Statement<[string, InboxItemKind], Evictable>;
  private readonly deleteBySeq: Statement;
  private readonly deleteById: Statement;
  private readonly recordTokenUse: Statement;
  private readonly selectDroppedUsage: Statement<[string], DroppedStats>;
  private readonly objectExists: Statement<[string, string], { found: number }>;
  private readonly insertDropped: Statement;
  private readonly deleteDropped: Statement;
  private readonly deleteOldItems: Statement;
  private readonly deleteOldDropped: Statement;
  private readonly appends: SqliteGroupCommit<AppendInput, Result<StoredInboxItem, 'inbox/full' | 'account/not-found'>>;
  private readonly ackAtomically: (owner: string, ids: readonly string[], objects: readonly string[]) => number;
  private readonly dropObjectAtomically: (object: NewDroppedObject, quotas: InboxQuotas, file: string | null) => Result<void, DropObjectError>;
  private readonly drops = new InFlight();

  constructor(
    db: Database,
    private readonly durability: WalDurability,
    private readonly files: SqliteObjectFiles | null,
    private readonly deletions: SqliteDeletedObjectFiles,
  ) {
    this.insert = db.prepare(
      `INSERT INTO inbox_items (id, owner, kind, token_id, received_at, envelope, envelope_bytes)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    // Most of GET /inbox's storage time: rows as arrays took 67–70 µs per 51 rows against 82–98 as
    // objects (bench/storage/inbox-page-query.mjs); the owner is the caller's, not read back.
    this.selectPage = db
      .prepare<[string, number, number], InboxPageRow>(
        `SELECT seq, id, kind, token_id, received_at, envelope FROM inbox_items
         WHERE owner = ? AND seq > ? ORDER BY seq LIMIT ?`,
      )
      .raw(true);
    // Kept by triggers (migration 3): one row, whatever the inbox holds.
    this.selectUsage = db.prepare('SELECT items, bytes FROM inbox_usage WHERE owner = ?');
    // Stamped by the same triggers since migration 7, from one counter that only grows.
    this.selectListingVersion = db
      .prepare<[string], string>(
        `SELECT coalesce((SELECT CAST(changed_at AS TEXT) FROM inbox_usage WHERE owner = ?),
                         (SELECT 'none:' || counter FROM inbox_changes))`,
      )
      .pluck(true);
    // What a drop's quota check reads, in one statement: running totals kept by triggers
    // (migrations 3, 5 and 8), one row whatever the inbox and the source hold. No row when the
    // account does not exist.
    this.selectUsageOfSource = db.prepare(
      `SELECT coalesce(inbox.items, 0) AS inbox_items, coalesce(inbox.bytes, 0) AS inbox_bytes,
              coalesce(dropped.objects, 0) AS dropped_objects, coalesce(dropped.bytes, 0) AS dropped_bytes,
              coalesce(source.items, 0) AS source_items, coalesce(source.item_bytes, 0) AS source_item_bytes,
              coalesce(source.objects, 0) AS source_objects, coalesce(source.object_bytes, 0) AS source_object_bytes
       FROM accounts
       LEFT JOIN inbox_usage AS inbox ON inbox.owner = accounts.name
       LEFT JOIN dropped_usage AS dropped ON dropped.owner = accounts.name
       LEFT JOIN source_usage AS source ON source.owner = accounts.name AND source.source = ?
       WHERE accounts.name = ?`,
    );
    this.oldestTokenless = db.prepare(
      `SELECT seq, envelope_bytes AS bytes FROM inbox_items WHERE owner = ? AND token_id IS NULL AND kind = ?
       ORDER BY seq`,
    );
    this.deleteBySeq = db.prepare('DELETE FROM inbox_items WHERE seq = ?');
    this.deleteById = db.prepare('DELETE FROM inbox_items WHERE owner = ? AND id = ?');
    this.recordTokenUse = db.prepare(RECORD_DROP_TOKEN_USE_SQL);
    // Kept by triggers (migration 5), like inbox_usage.
    this.selectDroppedUsage = db.prepare('SELECT objects, bytes FROM dropped_usage WHERE owner = ?');
    this.objectExists = db.prepare('SELECT 1 AS found FROM store_objects WHERE owner = ? AND id = ?');
    this.insertDropped = db.prepare(
      `INSERT INTO store_objects (owner, id, state, bytes, created_at, token_id, data, file) VALUES (?, ?, 'dropped', ?, ?, ?, ?, ?)`,
    );
    this.deleteDropped = db.prepare(`DELETE FROM store_objects WHERE owner = ? AND id = ? AND state = 'dropped'`);
    this.deleteOldItems = db.prepare('DELETE FROM inbox_items WHERE received_at < ?');
    this.deleteOldDropped = db.prepare(`DELETE FROM store_objects WHERE state = 'dropped' AND created_at < ?`);

    // The quota check and the insert share one write lock, so concurrent drops cannot overshoot;
    // the token's use joins them, and concurrent drops share one commit (one WAL sync).
    this.appends = new SqliteGroupCommit(db, durability, (input: AppendInput) => this.appendNow(input));
    this.ackAtomically = db.transaction((owner: string, ids: readonly string[], objects: readonly string[]) =>
      this.ackNow(owner, ids, objects),
    ).immediate;
    // The quota check and the insert share one write lock, as for appends.
    this.dropObjectAtomically = db.transaction((object: NewDroppedObject, quotas: InboxQuotas, file: string | null) =>
      this.dropObjectNow(object, quotas, file),
    ).immediate;
  }

  async append(
    item: InboxItem,
    quotas: InboxQuotas,
    tokenUse?: DropTokenUse,
  ): Promise<Result<StoredInboxItem, 'inbox/full' | 'account/not-found'>> {
    return this.appends.submit({ item, quotas, tokenUse });
  }

  /** Commits the appends still waiting for their group commit, and the drops still writing their files (before the database closes). */
  async flushPendingAppends(): Promise<void> {
    await this.drops.settled();
    this.appends.flush();
  }

  async list(owner: string, afterSeq: number, limit: number): Promise<InboxPage> {
    const wanted = Math.max(0, limit);
    // One row more than asked tells whether another page follows.
    const rows = this.selectPage.all(owner, afterSeq, wanted + 1);
    const items = rows
      .slice(0, wanted)
      .map(([seq, id, kind, tokenId, receivedAt, envelope]): StoredInboxItem => ({ seq, id, owner, kind, tokenId, receivedAt, envelope }));
    const last = items[items.length - 1];
    return { items, nextAfterSeq: rows.length > wanted && last ? last.seq : null };
  }

  async listingVersion(owner: string): Promise<string | null> {
    return this.selectListingVersion.get(owner) ?? null;
  }

  /** As `StoreObjectRepository.put`: the file on disk first, then the row naming it. */
  async dropObject(object: NewDroppedObject, quotas: InboxQuotas): Promise<Result<void, DropObjectError>> {
    const files = this.files;
    if (!files) return this.durability.durable(this.dropObjectAtomically(object, quotas, null));
    const stored = this.drops.track(
      files.write(object.data).then((file) => ({ file, result: this.dropObjectAtomically(object, quotas, file) })),
    );
    const { file, result } = await stored;
    if (!result.ok) await files.remove(file);
    return this.durability.durable(result);
  }

  async ack(owner: string, ids: readonly string[], objects: readonly string[] = []): Promise<number> {
    return this.deletions.durable(this.ackAtomically(owner, ids, objects));
  }

  async stats(owner: string): Promise<InboxStats> {
    const usage = this.selectUsage.get(owner);
    return { items: usage?.items ?? 0, bytes: usage?.bytes ?? 0 };
  }

  async droppedStats(owner: string): Promise<DroppedStats> {
    return this.selectDroppedUsage.get(owner) ?? EMPTY_STORE_USAGE;
  }

  async purgeOlderThan(receivedBefore: number): Promise<PurgedInbox> {
    // One statement is one transaction: a claim either ran before (the row is no longer dropped) or waits.
    const items = this.deleteOldItems.run(receivedBefore).changes;
    const objects = this.deleteOldDropped.run(receivedBefore).changes;
    return this.deletions.durable({ items, objects });
  }

  private appendNow({ item, quotas, tokenUse }: AppendInput): Result<StoredInboxItem, 'inbox/full' | 'account/not-found'> {
    const arrival = arrivalOf(item);
    // Inside the write lock: an account deleted since the caller's check gets nothing.
    const usage = this.usageFor(item.owner, arrival);
    if (usage === null) return err('account/not-found');
    const admission = admits(usage, arrival, quotas, () => this.oldestOfSource(item.owner, arrival.source));
    if (!admission.admitted) return err('inbox/full');

    for (const evicted of admission.evicted) this.deleteBySeq.run(evicted.seq);
    const { lastInsertRowid } = this.insert.run(...inboxItemValues(item, arrival.bytes));
    if (tokenUse) this.recordTokenUse.run(tokenUse.at, tokenUse.id);
    return ok({ ...item, seq: Number(lastInsertRowid) });
  }

  private dropObjectNow(object: NewDroppedObject, quotas: InboxQuotas, file: string | null): Result<void, DropObjectError> {
    const arrival = objectArrivalOf(object.tokenId, object.data.length);
    const usage = this.usageFor(object.owner, arrival);
    if (usage === null) return err('account/not-found');
    if (this.objectExists.get(object.owner, object.id) !== undefined) return err('object/exists');
    if (!admits(usage, arrival, quotas, () => []).admitted) return err('inbox/full');
    const data = Buffer.from(object.data.buffer, object.data.byteOffset, object.data.byteLength);
    this.insertDropped.run(object.owner, object.id, data.length, object.receivedAt, object.tokenId, file === null ? data : NO_DATA, file);
    this.recordTokenUse.run(object.receivedAt, object.tokenId);
    return ok(undefined);
  }

  /** The inbox's totals and the arrival's source's, dropped objects included (inbox-quota.ts); null without the account. */
  private usageFor(owner: string, arrival: Arrival): InboxUsage | null {
    const row = this.selectUsageOfSource.get(sourceKey(arrival.source), owner);
    if (row === undefined) return null;
    return {
      inbox: withDropped({ items: row.inbox_items, bytes: row.inbox_bytes }, { objects: row.dropped_objects, bytes: row.dropped_bytes }),
      source: withDropped({ items: row.source_items, bytes: row.source_item_bytes }, { objects: row.source_objects, bytes: row.source_object_bytes }),
    };
  }

  /** Only tokenless sources ever evict: a drop token is refused when full. */
  private oldestOfSource(owner: string, source: InboxSource): Iterable<Evictable> {
    const match = matchOf(source);
    return match.tokenId === null ? this.oldestTokenless.iterate(owner, match.kind) : [];
  }

  private ackNow(owner: string, ids: readonly string[], objects: readonly string[]): number {
    for (const id of objects) this.deleteDropped.run(owner, id);
    let deleted = 0;
    for (const id of ids) deleted += this.deleteById.run(owner, id).changes;
    return deleted;
  }
}
