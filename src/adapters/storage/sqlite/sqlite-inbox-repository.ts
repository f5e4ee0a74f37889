import type { Database, Statement } from 'better-sqlite3';
import { DropTokenUse, InboxPage, InboxRepository, InboxStats } from '../../../application/ports/inbox-repository';
import { DeadDrop, InboxQuotas, StoredDeadDrop } from '../../../domain/dead-drop';
import { err, ok, Result } from '../../../domain/result';
import { utf8ByteLength } from '../../../domain/text-size';
import { RECORD_DROP_TOKEN_USE_SQL } from './sqlite-drop-token-repository';
import { SqliteGroupCommit } from './sqlite-group-commit';
import { inboxItemValues, InboxRow, toStoredDeadDrop } from './sqlite-rows';

interface Usage {
  items: number;
  bytes: number;
}

interface AppendInput {
  item: DeadDrop;
  quotas: InboxQuotas;
  tokenUse: DropTokenUse | undefined;
}

export class SqliteInboxRepository implements InboxRepository {
  private readonly insert: Statement;
  private readonly selectPage: Statement<[string, number, number], InboxRow>;
  private readonly selectUsage: Statement<[string], Usage>;
  private readonly ownerExists: Statement<[string], { found: number }>;
  private readonly countWithToken: Statement<[string, string], { items: number }>;
  private readonly countFriendRequests: Statement<[string], { items: number }>;
  private readonly selectOldestFriendRequest: Statement<[string], { seq: number; envelope_bytes: number }>;
  private readonly deleteBySeq: Statement;
  private readonly deleteById: Statement;
  private readonly recordTokenUse: Statement;
  private readonly appends: SqliteGroupCommit<AppendInput, Result<StoredDeadDrop, 'inbox/full' | 'account/not-found'>>;
  private readonly ackAtomically: (owner: string, ids: readonly string[]) => number;

  constructor(db: Database) {
    this.insert = db.prepare(
      `INSERT INTO inbox_items (id, owner, kind, token_id, received_at, envelope, envelope_bytes)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.selectPage = db.prepare(
      `SELECT seq, id, owner, kind, token_id, received_at, envelope FROM inbox_items
       WHERE owner = ? AND seq > ? ORDER BY seq LIMIT ?`,
    );
    // Kept by triggers (migration 3): one row, whatever the inbox holds.
    this.selectUsage = db.prepare('SELECT items, bytes FROM inbox_usage WHERE owner = ?');
    this.ownerExists = db.prepare('SELECT 1 AS found FROM accounts WHERE name = ?');
    this.countWithToken = db.prepare('SELECT count(*) AS items FROM inbox_items WHERE owner = ? AND token_id = ?');
    this.countFriendRequests = db.prepare(
      "SELECT count(*) AS items FROM inbox_items WHERE owner = ? AND kind = 'friend-request'",
    );
    this.selectOldestFriendRequest = db.prepare(
      `SELECT seq, envelope_bytes FROM inbox_items WHERE owner = ? AND kind = 'friend-request'
       ORDER BY seq LIMIT 1`,
    );
    this.deleteBySeq = db.prepare('DELETE FROM inbox_items WHERE seq = ?');
    this.deleteById = db.prepare('DELETE FROM inbox_items WHERE owner = ? AND id = ?');
    this.recordTokenUse = db.prepare(RECORD_DROP_TOKEN_USE_SQL);

    // The quota check and the insert share one write lock, so concurrent drops cannot overshoot;
    // the token's use joins them, and concurrent drops share one commit (one fsync).
    this.appends = new SqliteGroupCommit(db, (input: AppendInput) => this.appendNow(input));
    this.ackAtomically = db.transaction((owner: string, ids: readonly string[]) => this.ackNow(owner, ids)).immediate;
  }

  async append(
    item: DeadDrop,
    quotas: InboxQuotas,
    tokenUse?: DropTokenUse,
  ): Promise<Result<StoredDeadDrop, 'inbox/full' | 'account/not-found'>> {
    return this.appends.submit({ item, quotas, tokenUse });
  }

  /** Commits the appends still waiting for their group commit (before the database closes). */
  flushPendingAppends(): void {
    this.appends.flush();
  }

  async list(owner: string, afterSeq: number, limit: number): Promise<InboxPage> {
    const wanted = Math.max(0, limit);
    // One row more than asked tells whether another page follows.
    const rows = this.selectPage.all(owner, afterSeq, wanted + 1);
    const items = rows.slice(0, wanted).map(toStoredDeadDrop);
    const last = items[items.length - 1];
    return { items, nextAfterSeq: rows.length > wanted && last ? last.seq : null };
  }

  async ack(owner: string, ids: readonly string[]): Promise<number> {
    return this.ackAtomically(owner, ids);
  }

  async stats(owner: string): Promise<InboxStats> {
    const usage = this.selectUsage.get(owner);
    return { items: usage?.items ?? 0, bytes: usage?.bytes ?? 0 };
  }

  private appendNow({ item, quotas, tokenUse }: AppendInput): Result<StoredDeadDrop, 'inbox/full' | 'account/not-found'> {
    // Inside the write lock: an account deleted since the caller's check gets nothing.
    if (this.ownerExists.get(item.owner) === undefined) return err('account/not-found');
    const bytes = utf8ByteLength(item.envelope);
    const evicted = item.kind === 'friend-request' ? this.friendRequestToEvict(item.owner, quotas) : null;
    const usage = this.selectUsage.get(item.owner) ?? { items: 0, bytes: 0 };
    const itemsAfter = usage.items - (evicted ? 1 : 0) + 1;
    const bytesAfter = usage.bytes - (evicted?.envelope_bytes ?? 0) + bytes;
    if (itemsAfter > quotas.maxItems || bytesAfter > quotas.maxBytes) return err('inbox/full');
    if (item.tokenId !== null && !this.tokenHasRoom(item.owner, item.tokenId, quotas)) return err('inbox/full');

    if (evicted) this.deleteBySeq.run(evicted.seq);
    const { lastInsertRowid } = this.insert.run(...inboxItemValues(item, bytes));
    if (tokenUse) this.recordTokenUse.run(tokenUse.at, tokenUse.id);
    return ok({ ...item, seq: Number(lastInsertRowid) });
  }

  private friendRequestToEvict(owner: string, quotas: InboxQuotas): { seq: number; envelope_bytes: number } | null {
    const friendRequests = this.countFriendRequests.get(owner)?.items ?? 0;
    if (friendRequests < quotas.maxFriendRequests) return null;
    return this.selectOldestFriendRequest.get(owner) ?? null;
  }

  private tokenHasRoom(owner: string, tokenId: string, quotas: InboxQuotas): boolean {
    const pending = this.countWithToken.get(owner, tokenId)?.items ?? 0;
    return pending + 1 <= quotas.maxItemsPerToken;
  }

  private ackNow(owner: string, ids: readonly string[]): number {
    let deleted = 0;
    for (const id of ids) deleted += this.deleteById.run(owner, id).changes;
    return deleted;
  }
}
