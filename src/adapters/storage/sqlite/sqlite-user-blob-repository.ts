import type { Database, Statement } from 'better-sqlite3';
import { SaveBlobFailure, StoreCommit, UserBlobRepository } from '../../../application/ports/user-blob-repository';
import { err, ok, Result } from '../../../domain/protocol/result';
import { namedIds, planStoreCommit } from '../../../domain/home-server/store/store-commit';
import { StoreObjectInfo } from '../../../domain/home-server/store/store-object';
import { UserBlob } from '../../../domain/home-server/user-blob';
import { BlobRow, StoreObjectInfoRow, toStoreObjectInfo, toUserBlob } from './sqlite-rows';
import { SqliteDeletedObjectFiles } from './sqlite-deleted-object-files';
import { STORE_OBJECT_INFO_COLUMNS } from './sqlite-store-object-repository';

type SaveResult = Result<{ version: number }, SaveBlobFailure>;

interface SaveInput {
  name: string;
  ciphertext: Uint8Array;
  expectedVersion: number;
  now: number;
  commit: StoreCommit | undefined;
}

export class SqliteUserBlobRepository implements UserBlobRepository {
  private readonly selectOne: Statement<[string], BlobRow>;
  private readonly selectVersion: Statement<[string], { version: number; bytes: number }>;
  private readonly compareAndSet: Statement;
  private readonly selectObject: Statement<[string, string], StoreObjectInfoRow>;
  private readonly selectObjectBytes: Statement<[string], { bytes: number }>;
  private readonly commitObject: Statement;
  private readonly deleteObject: Statement;
  private readonly saveAtomically: (input: SaveInput) => SaveResult;

  constructor(
    db: Database,
    private readonly deletions: SqliteDeletedObjectFiles,
  ) {
    this.selectOne = db.prepare('SELECT * FROM user_blobs WHERE name = ?');
    this.selectVersion = db.prepare('SELECT version, length(ciphertext) AS bytes FROM user_blobs WHERE name = ?');
    this.compareAndSet = db.prepare(
      'UPDATE user_blobs SET version = version + 1, ciphertext = ?, updated_at = ? WHERE name = ? AND version = ?',
    );
    this.selectObject = db.prepare(`SELECT ${STORE_OBJECT_INFO_COLUMNS} FROM store_objects WHERE owner = ? AND id = ?`);
    this.selectObjectBytes = db.prepare('SELECT bytes FROM store_usage WHERE owner = ?');
    this.commitObject = db.prepare(`UPDATE store_objects SET state = 'committed', token_id = NULL WHERE owner = ? AND id = ?`);
    this.deleteObject = db.prepare('DELETE FROM store_objects WHERE owner = ? AND id = ?');
    // One transaction: the version reported in a conflict is the one that beat us, and the object
    // changes land with the head or not at all.
    this.saveAtomically = db.transaction((input: SaveInput) => this.saveNow(input)).immediate;
  }

  async find(name: string): Promise<UserBlob | null> {
    const row = this.selectOne.get(name);
    return row ? toUserBlob(row) : null;
  }

  async save(name: string, ciphertext: Uint8Array, expectedVersion: number, now: number, commit?: StoreCommit): Promise<SaveResult> {
    // A commit's releases delete objects: their files go once it is on disk.
    return this.deletions.durable(this.saveAtomically({ name, ciphertext, expectedVersion, now, commit }));
  }

  private saveNow({ name, ciphertext, expectedVersion, now, commit }: SaveInput): SaveResult {
    const current = this.selectVersion.get(name);
    if (!current) return err({ code: 'account/not-found' });
    if (current.version !== expectedVersion) return err({ code: 'blob/version-conflict', currentVersion: current.version });
    if (commit) {
      const held = new Map<string, StoreObjectInfo>();
      for (const id of namedIds(commit.changes)) {
        const row = this.selectObject.get(name, id);
        if (row) held.set(id, toStoreObjectInfo(row));
      }
      const plan = planStoreCommit(
        {
          expectedVersion,
          currentVersion: current.version,
          held,
          objectBytes: this.selectObjectBytes.get(name)?.bytes ?? 0,
          oldHeadBytes: current.bytes,
          newHeadBytes: ciphertext.length,
          storeBytes: commit.storeBytes,
        },
        commit.changes,
      );
      if (!plan.ok) return err(plan.error);
      for (const id of plan.value.commit) this.commitObject.run(name, id);
      for (const object of plan.value.claim) this.commitObject.run(name, object.id);
      for (const object of plan.value.release) this.deleteObject.run(name, object.id);
    }
    this.compareAndSet.run(ciphertext, now, name, expectedVersion);
    return ok({ version: expectedVersion + 1 });
  }
}
