import type { Database, Statement } from 'better-sqlite3';
import { Invite, InviteRepository } from '../../../application/ports/invite-repository';
import { InviteRow, inviteValues, toInvite } from './sqlite-rows';
import { WalDurability } from './sqlite-wal-durability';

export class SqliteInviteRepository implements InviteRepository {
  private readonly insert: Statement;
  private readonly selectAll: Statement<[], InviteRow>;
  private readonly markRedeemed: Statement;
  private readonly deleteOne: Statement;

  constructor(
    db: Database,
    private readonly durability: WalDurability,
  ) {
    this.insert = db.prepare('INSERT INTO invites (id, code_hash, created_at, expires_at, redeemed_at) VALUES (?, ?, ?, ?, ?)');
    this.selectAll = db.prepare('SELECT * FROM invites ORDER BY created_at, id');
    // One statement, so checking and using up the code cannot interleave with another registration.
    this.markRedeemed = db.prepare(
      'UPDATE invites SET redeemed_at = ? WHERE code_hash = ? AND redeemed_at IS NULL AND (expires_at IS NULL OR expires_at > ?)',
    );
    this.deleteOne = db.prepare('DELETE FROM invites WHERE id = ?');
  }

  async create(invite: Invite): Promise<void> {
    this.insert.run(...inviteValues(invite));
    await this.durability.afterCommit();
  }

  async list(): Promise<Invite[]> {
    return this.selectAll.all().map(toInvite);
  }

  async redeem(codeHash: string, now: number): Promise<boolean> {
    return this.durability.durable(this.markRedeemed.run(now, codeHash, now).changes === 1);
  }

  async delete(id: string): Promise<boolean> {
    return this.durability.durable(this.deleteOne.run(id).changes === 1);
  }
}
