import type { Database, Statement } from 'better-sqlite3';
import { AccountRepository, CredentialChange, NewAccount } from '../../../application/ports/account-repository';
import { Account } from '../../../domain/home-server/account';
import { err, ok, Result } from '../../../domain/protocol/result';
import { AccountRow, accountValues, toAccount } from './sqlite-rows';
import { SqliteDeletedObjectFiles } from './sqlite-deleted-object-files';
import { WalDurability } from './sqlite-wal-durability';

type ChangeResult = Result<{ version: number }, 'account/not-found' | 'blob/version-conflict'>;

export class SqliteAccountRepository implements AccountRepository {
  private readonly insertAccount: Statement;
  private readonly insertBlob: Statement;
  private readonly selectOne: Statement<[string], AccountRow>;
  private readonly selectAll: Statement<[], AccountRow>;
  private readonly updateOpenInbox: Statement;
  private readonly updateDisabled: Statement;
  private readonly updateLastSeen: Statement;
  private readonly updateCredentials: Statement;
  private readonly advanceBlob: Statement;
  private readonly deleteSessions: Statement;
  private readonly deleteCaptchas: Statement;
  private readonly deleteAccount: Statement;
  private readonly createAtomically: (input: NewAccount) => Result<void, 'account/name-taken'>;
  private readonly changeAtomically: (change: CredentialChange) => ChangeResult;
  private readonly deleteAtomically: (name: string) => boolean;

  constructor(
    db: Database,
    private readonly durability: WalDurability,
    private readonly deletions: SqliteDeletedObjectFiles,
  ) {
    this.insertAccount = db.prepare(
      `INSERT INTO accounts (name, created_at, last_seen_at, auth_hash, kdf_algorithm, kdf_salt, kdf_memory_kib,
         kdf_iterations, kdf_parallelism, identity_key, open_inbox, disabled)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (name) DO NOTHING`,
    );
    this.insertBlob = db.prepare('INSERT INTO user_blobs (name, version, ciphertext, updated_at) VALUES (?, 1, ?, ?)');
    this.selectOne = db.prepare('SELECT * FROM accounts WHERE name = ?');
    this.selectAll = db.prepare('SELECT * FROM accounts ORDER BY name');
    this.updateOpenInbox = db.prepare('UPDATE accounts SET open_inbox = ? WHERE name = ?');
    this.updateDisabled = db.prepare('UPDATE accounts SET disabled = ? WHERE name = ?');
    this.updateLastSeen = db.prepare('UPDATE accounts SET last_seen_at = ? WHERE name = ?');
    this.updateCredentials = db.prepare(
      `UPDATE accounts SET auth_hash = ?, kdf_algorithm = ?, kdf_salt = ?, kdf_memory_kib = ?, kdf_iterations = ?,
         kdf_parallelism = ? WHERE name = ?`,
    );
    this.advanceBlob = db.prepare(
      'UPDATE user_blobs SET version = version + 1, ciphertext = ?, updated_at = ? WHERE name = ? AND version = ?',
    );
    this.deleteSessions = db.prepare('DELETE FROM sessions WHERE name = ?');
    this.deleteCaptchas = db.prepare('DELETE FROM captchas WHERE name = ?');
    // Blob, inbox items, drop tokens and sessions follow through ON DELETE CASCADE.
    this.deleteAccount = db.prepare('DELETE FROM accounts WHERE name = ?');

    this.createAtomically = db.transaction((input: NewAccount) => this.createNow(input)).immediate;
    this.changeAtomically = db.transaction((change: CredentialChange) => this.changeNow(change)).immediate;
    this.deleteAtomically = db.transaction((name: string) => this.deleteNow(name)).immediate;
  }

  async create(input: NewAccount): Promise<Result<void, 'account/name-taken'>> {
    return this.durability.durable(this.createAtomically(input));
  }

  async find(name: string): Promise<Account | null> {
    const row = this.selectOne.get(name);
    return row ? toAccount(row) : null;
  }

  async list(): Promise<Account[]> {
    return this.selectAll.all().map(toAccount);
  }

  async setOpenInbox(name: string, openInbox: boolean): Promise<Account | null> {
    this.updateOpenInbox.run(openInbox ? 1 : 0, name);
    await this.durability.afterCommit();
    return this.find(name);
  }

  async setDisabled(name: string, disabled: boolean): Promise<Account | null> {
    this.updateDisabled.run(disabled ? 1 : 0, name);
    await this.durability.afterCommit();
    return this.find(name);
  }

  /** Not waited for: a last-seen time lost to a power failure misleads no one. */
  async touchLastSeen(name: string, at: number): Promise<void> {
    this.updateLastSeen.run(at, name);
  }

  async changeCredentials(change: CredentialChange): Promise<ChangeResult> {
    return this.durability.durable(this.changeAtomically(change));
  }

  async delete(name: string): Promise<boolean> {
    // The cascade takes the store's objects: their files go once the deletion is on disk.
    return this.deletions.durable(this.deleteAtomically(name));
  }

  private createNow({ account, blobCiphertext }: NewAccount): Result<void, 'account/name-taken'> {
    const inserted = this.insertAccount.run(...accountValues(account));
    if (inserted.changes === 0) return err('account/name-taken');
    this.insertBlob.run(account.name, blobCiphertext, account.createdAt);
    return ok(undefined);
  }

  private changeNow(change: CredentialChange): ChangeResult {
    if (!this.selectOne.get(change.name)) return err('account/not-found');
    const advanced = this.advanceBlob.run(change.blobCiphertext, change.now, change.name, change.expectedBlobVersion);
    if (advanced.changes === 0) return err('blob/version-conflict');
    const { kdf } = change;
    this.updateCredentials.run(
      change.authHash,
      kdf.algorithm,
      kdf.salt,
      kdf.memoryKiB,
      kdf.iterations,
      kdf.parallelism,
      change.name,
    );
    this.deleteSessions.run(change.name);
    return ok({ version: change.expectedBlobVersion + 1 });
  }

  private deleteNow(name: string): boolean {
    this.deleteCaptchas.run(name);
    return this.deleteAccount.run(name).changes === 1;
  }
}
