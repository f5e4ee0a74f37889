import type { Database, Statement } from 'better-sqlite3';
import { CaptchaStore } from '../../../application/ports/captcha-store';
import { Captcha, CaptchaKind } from '../../../domain/home-server/captcha';
import { WalDurability } from './sqlite-wal-durability';

interface CaptchaRow {
  id: string;
  name: string;
  kind: CaptchaKind;
  answer: string;
  expires_at: number;
  attempts_left: number;
}

export class SqliteCaptchaStore implements CaptchaStore {
  private readonly upsert: Statement;
  private readonly selectOne: Statement<[string], CaptchaRow>;
  private readonly decrementAttempts: Statement<[string], { attempts_left: number }>;
  private readonly deleteOne: Statement;
  private readonly deleteExpired: Statement;
  private readonly failAtomically: (id: string) => number | null;

  constructor(
    db: Database,
    private readonly durability: WalDurability,
  ) {
    this.upsert = db.prepare(
      `INSERT OR REPLACE INTO captchas (id, name, kind, answer, expires_at, attempts_left) VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.selectOne = db.prepare('SELECT * FROM captchas WHERE id = ?');
    this.decrementAttempts = db.prepare(
      'UPDATE captchas SET attempts_left = max(0, attempts_left - 1) WHERE id = ? RETURNING attempts_left',
    );
    this.deleteOne = db.prepare('DELETE FROM captchas WHERE id = ?');
    this.deleteExpired = db.prepare('DELETE FROM captchas WHERE expires_at <= ?');
    this.failAtomically = db.transaction((id: string) => this.failNow(id)).immediate;
  }

  async save(captcha: Captcha): Promise<void> {
    this.upsert.run(captcha.id, captcha.name, captcha.kind, captcha.answer, captcha.expiresAt, captcha.attemptsLeft);
    await this.durability.afterCommit();
  }

  async find(id: string): Promise<Captcha | null> {
    const row = this.selectOne.get(id);
    if (!row) return null;
    return {
      id: row.id,
      name: row.name,
      kind: row.kind,
      answer: row.answer,
      expiresAt: row.expires_at,
      attemptsLeft: row.attempts_left,
    };
  }

  async recordFailedAttempt(id: string): Promise<number | null> {
    return this.durability.durable(this.failAtomically(id));
  }

  async consume(id: string): Promise<boolean> {
    return this.durability.durable(this.deleteOne.run(id).changes === 1);
  }

  async purgeExpired(now: number): Promise<number> {
    return this.deleteExpired.run(now).changes;
  }

  private failNow(id: string): number | null {
    const row = this.decrementAttempts.get(id);
    if (!row) return null;
    if (row.attempts_left === 0) this.deleteOne.run(id);
    return row.attempts_left;
  }
}
