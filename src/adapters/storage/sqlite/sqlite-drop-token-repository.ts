import type { Database, Statement } from 'better-sqlite3';
import { DropTokenRepository } from '../../../application/ports/drop-token-repository';
import { DropToken } from '../../../domain/home-server/drop-token';
import { DropTokenRow, toDropToken } from './sqlite-rows';
import { WalDurability } from './sqlite-wal-durability';

/** Parameters: at, id. Shared with the inbox, which records a drop's token use in its own transaction. */
export const RECORD_DROP_TOKEN_USE_SQL = 'UPDATE drop_tokens SET uses = uses + 1, last_used_at = ? WHERE id = ?';

export class SqliteDropTokenRepository implements DropTokenRepository {
  private readonly insert: Statement;
  private readonly selectByOwner: Statement<[string], DropTokenRow>;
  private readonly selectByHash: Statement<[string, string], DropTokenRow>;
  private readonly incrementUses: Statement;
  private readonly deleteOne: Statement;

  constructor(
    db: Database,
    private readonly durability: WalDurability,
  ) {
    // Nothing for an owner deleted meanwhile (instead of a foreign-key exception): the caller re-checks.
    this.insert = db.prepare(
      `INSERT INTO drop_tokens (id, owner, hash, created_at, last_used_at, uses)
       SELECT ?, name, ?, ?, ?, ? FROM accounts WHERE name = ?`,
    );
    this.selectByOwner = db.prepare('SELECT * FROM drop_tokens WHERE owner = ? ORDER BY created_at, id');
    this.selectByHash = db.prepare('SELECT * FROM drop_tokens WHERE owner = ? AND hash = ? LIMIT 1');
    this.incrementUses = db.prepare(RECORD_DROP_TOKEN_USE_SQL);
    this.deleteOne = db.prepare('DELETE FROM drop_tokens WHERE owner = ? AND id = ?');
  }

  async create(token: DropToken): Promise<void> {
    this.insert.run(token.id, token.hash, token.createdAt, token.lastUsedAt, token.uses, token.owner);
    await this.durability.afterCommit();
  }

  async list(owner: string): Promise<DropToken[]> {
    return this.selectByOwner.all(owner).map(toDropToken);
  }

  async findByHash(owner: string, hash: string): Promise<DropToken | null> {
    const row = this.selectByHash.get(owner, hash);
    return row ? toDropToken(row) : null;
  }

  async recordUse(id: string, at: number): Promise<void> {
    this.incrementUses.run(at, id);
    await this.durability.afterCommit();
  }

  async revoke(owner: string, id: string): Promise<boolean> {
    return this.durability.durable(this.deleteOne.run(owner, id).changes === 1);
  }
}
