import type { Database, Statement } from 'better-sqlite3';
import { SessionRepository } from '../../../application/ports/session-repository';
import { Session } from '../../../domain/home-server/session';
import { WalDurability } from './sqlite-wal-durability';

interface SessionRow {
  jti: string;
  name: string;
  created_at: number;
  expires_at: number;
}

export class SqliteSessionRepository implements SessionRepository {
  private readonly insert: Statement;
  private readonly selectActive: Statement<[string, number], SessionRow>;
  private readonly deleteOne: Statement;
  private readonly deleteOfAccount: Statement;
  private readonly deleteExpired: Statement;

  constructor(
    db: Database,
    private readonly durability: WalDurability,
  ) {
    // Nothing for an account deleted meanwhile (instead of a foreign-key exception): the caller re-checks.
    this.insert = db.prepare(
      `INSERT INTO sessions (jti, name, created_at, expires_at)
       SELECT ?, name, ?, ? FROM accounts WHERE name = ?`,
    );
    this.selectActive = db.prepare('SELECT * FROM sessions WHERE jti = ? AND expires_at > ?');
    this.deleteOne = db.prepare('DELETE FROM sessions WHERE jti = ?');
    this.deleteOfAccount = db.prepare('DELETE FROM sessions WHERE name = ?');
    this.deleteExpired = db.prepare('DELETE FROM sessions WHERE expires_at <= ?');
  }

  async create(session: Session): Promise<void> {
    this.insert.run(session.jti, session.createdAt, session.expiresAt, session.name);
    await this.durability.afterCommit();
  }

  async findActive(jti: string, now: number): Promise<Session | null> {
    const row = this.selectActive.get(jti, now);
    return row ? { jti: row.jti, name: row.name, createdAt: row.created_at, expiresAt: row.expires_at } : null;
  }

  async revoke(jti: string): Promise<void> {
    this.deleteOne.run(jti);
    await this.durability.afterCommit();
  }

  async revokeAll(name: string): Promise<number> {
    return this.durability.durable(this.deleteOfAccount.run(name).changes);
  }

  async purgeExpired(now: number): Promise<number> {
    return this.deleteExpired.run(now).changes;
  }
}
