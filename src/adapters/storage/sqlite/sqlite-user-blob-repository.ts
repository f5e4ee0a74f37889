import type { Database, Statement } from 'better-sqlite3';
import { UserBlobRepository } from '../../../application/ports/user-blob-repository';
import { err, ok, Result } from '../../../domain/result';
import { UserBlob } from '../../../domain/user-blob';
import { BlobRow, toUserBlob } from './sqlite-rows';

type SaveResult = Result<
  { version: number },
  { code: 'blob/version-conflict'; currentVersion: number } | { code: 'account/not-found' }
>;

interface SaveInput {
  name: string;
  ciphertext: Uint8Array;
  expectedVersion: number;
  now: number;
}

export class SqliteUserBlobRepository implements UserBlobRepository {
  private readonly selectOne: Statement<[string], BlobRow>;
  private readonly selectVersion: Statement<[string], { version: number }>;
  private readonly compareAndSet: Statement;
  private readonly saveAtomically: (input: SaveInput) => SaveResult;

  constructor(db: Database) {
    this.selectOne = db.prepare('SELECT * FROM user_blobs WHERE name = ?');
    this.selectVersion = db.prepare('SELECT version FROM user_blobs WHERE name = ?');
    this.compareAndSet = db.prepare(
      'UPDATE user_blobs SET version = version + 1, ciphertext = ?, updated_at = ? WHERE name = ? AND version = ?',
    );
    // One transaction so the version reported in a conflict is the one that beat us.
    this.saveAtomically = db.transaction((input: SaveInput) => this.saveNow(input)).immediate;
  }

  async find(name: string): Promise<UserBlob | null> {
    const row = this.selectOne.get(name);
    return row ? toUserBlob(row) : null;
  }

  async save(name: string, ciphertext: Uint8Array, expectedVersion: number, now: number): Promise<SaveResult> {
    return this.saveAtomically({ name, ciphertext, expectedVersion, now });
  }

  private saveNow({ name, ciphertext, expectedVersion, now }: SaveInput): SaveResult {
    if (this.compareAndSet.run(ciphertext, now, name, expectedVersion).changes === 1) {
      return ok({ version: expectedVersion + 1 });
    }
    const current = this.selectVersion.get(name);
    return current
      ? err({ code: 'blob/version-conflict', currentVersion: current.version })
      : err({ code: 'account/not-found' });
  }
}
