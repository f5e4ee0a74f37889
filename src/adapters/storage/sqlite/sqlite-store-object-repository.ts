import type { Database, Statement } from 'better-sqlite3';
import {
  NewStoreObject,
  PutObjectError,
  StoreObjectPage,
  StoreObjectQuery,
  StoreObjectRepository,
} from '../../../application/ports/store-object-repository';
import { err, ok, Result } from '../../../domain/protocol/result';
import { decideObjectPut } from '../../../domain/home-server/store/store-commit';
import { EMPTY_STORE_USAGE, StoreObject, StoreObjectInfo, StoreUsage } from '../../../domain/home-server/store/store-object';
import { StoreObjectInfoRow, StoreObjectRow, toStoreObject, toStoreObjectInfo } from './sqlite-rows';
import { SqliteGroupCommit } from './sqlite-group-commit';
import { WalDurability } from './sqlite-wal-durability';

type PutResult = Result<{ created: boolean; info: StoreObjectInfo }, PutObjectError>;

/** Objects are up to objectBytes (4 MiB by default) each: a few per commit bound how long one holds the write lock. */
const PUTS_PER_COMMIT = 8;

export const STORE_OBJECT_INFO_COLUMNS = 'owner, id, state, bytes, created_at, token_id';

export class SqliteStoreObjectRepository implements StoreObjectRepository {
  private readonly insert: Statement;
  private readonly selectInfo: Statement<[string, string], StoreObjectInfoRow>;
  private readonly selectSame: Statement<[Buffer, string, string], { same: number }>;
  private readonly selectOwnObject: Statement<[string, string], StoreObjectRow>;
  private readonly selectHeadBytes: Statement<[string], { bytes: number }>;
  private readonly selectUsage: Statement<[string], StoreUsage>;
  private readonly selectPage: Statement<[string, string, number], StoreObjectInfoRow>;
  private readonly selectPageInState: Statement<[string, string, string, number], StoreObjectInfoRow>;
  private readonly deleteOne: Statement;
  private readonly deleteExpired: Statement;
  private readonly puts: SqliteGroupCommit<{ readonly object: NewStoreObject; readonly storeBytes: number }, PutResult>;
  private readonly deleteStagedAtomically: (owner: string, id: string) => Result<void, 'object/not-found' | 'object/committed'>;

  constructor(
    db: Database,
    private readonly durability: WalDurability,
  ) {
    this.insert = db.prepare(
      `INSERT INTO store_objects (owner, id, state, bytes, created_at, token_id, data) VALUES (?, ?, 'staged', ?, ?, NULL, ?)`,
    );
    this.selectInfo = db.prepare(`SELECT ${STORE_OBJECT_INFO_COLUMNS} FROM store_objects WHERE owner = ? AND id = ?`);
    // Compared inside SQLite: the stored bytes never travel into JavaScript for a retry.
    this.selectSame = db.prepare('SELECT data = ? AS same FROM store_objects WHERE owner = ? AND id = ?');
    this.selectOwnObject = db.prepare(
      `SELECT ${STORE_OBJECT_INFO_COLUMNS}, data FROM store_objects WHERE owner = ? AND id = ? AND state <> 'dropped'`,
    );
    // length() of a BLOB reads the record header only, not the ciphertext.
    this.selectHeadBytes = db.prepare('SELECT length(ciphertext) AS bytes FROM user_blobs WHERE name = ?');
    this.selectUsage = db.prepare('SELECT objects, bytes FROM store_usage WHERE owner = ?');
    this.selectPage = db.prepare(
      `SELECT ${STORE_OBJECT_INFO_COLUMNS} FROM store_objects
       WHERE owner = ? AND id > ? AND state <> 'dropped' ORDER BY id LIMIT ?`,
    );
    this.selectPageInState = db.prepare(
      `SELECT ${STORE_OBJECT_INFO_COLUMNS} FROM store_objects
       WHERE owner = ? AND state = ? AND id > ? ORDER BY id LIMIT ?`,
    );
    this.deleteOne = db.prepare('DELETE FROM store_objects WHERE owner = ? AND id = ?');
    this.deleteExpired = db.prepare(`DELETE FROM store_objects WHERE state = 'staged' AND created_at < ?`);
    // The quota check and the insert share one write lock, so parallel uploads cannot overshoot; uploads
    // arriving together share one commit (one WAL sync), each answered only once that commit is on disk.
    this.puts = new SqliteGroupCommit(db, durability, ({ object, storeBytes }) => this.putNow(object, storeBytes), PUTS_PER_COMMIT);
    this.deleteStagedAtomically = db.transaction((owner: string, id: string) => this.deleteStagedNow(owner, id)).immediate;
  }

  async put(object: NewStoreObject, storeBytes: number): Promise<PutResult> {
    return this.puts.submit({ object, storeBytes });
  }

  /** Commits the uploads still waiting for their group commit (before the database closes). */
  flushPendingPuts(): void {
    this.puts.flush();
  }

  async get(owner: string, id: string): Promise<StoreObject | null> {
    const row = this.selectOwnObject.get(owner, id);
    return row ? toStoreObject(row) : null;
  }

  async deleteStaged(owner: string, id: string): Promise<Result<void, 'object/not-found' | 'object/committed'>> {
    return this.durability.durable(this.deleteStagedAtomically(owner, id));
  }

  async list(owner: string, query: StoreObjectQuery): Promise<StoreObjectPage> {
    const wanted = Math.max(0, query.limit);
    // One row more than asked tells whether another page follows.
    const rows =
      query.state === null
        ? this.selectPage.all(owner, query.afterId, wanted + 1)
        : this.selectPageInState.all(owner, query.state, query.afterId, wanted + 1);
    const items = rows.slice(0, wanted).map(toStoreObjectInfo);
    const last = items[items.length - 1];
    return { items, nextAfterId: rows.length > wanted && last ? last.id : null };
  }

  async usage(owner: string): Promise<StoreUsage> {
    return this.selectUsage.get(owner) ?? EMPTY_STORE_USAGE;
  }

  async purgeStaged(createdBefore: number): Promise<number> {
    // One statement is one transaction: a commit either ran before (the row is no longer staged) or waits.
    return this.deleteExpired.run(createdBefore).changes;
  }

  private putNow(object: NewStoreObject, storeBytes: number): PutResult {
    // Inside the write lock: an account deleted since the caller's check gets nothing.
    const head = this.selectHeadBytes.get(object.owner);
    if (!head) return err('account/not-found');
    const existing = this.selectInfo.get(object.owner, object.id);
    const data = Buffer.from(object.data.buffer, object.data.byteOffset, object.data.byteLength);
    const decision = decideObjectPut({
      existing: existing ? { state: existing.state, sameBytes: this.selectSame.get(data, object.owner, object.id)?.same === 1 } : null,
      objectBytes: (this.selectUsage.get(object.owner) ?? EMPTY_STORE_USAGE).bytes,
      headBytes: head.bytes,
      newBytes: data.length,
      storeBytes,
    });
    if (decision === 'exists') return err('object/exists');
    if (decision === 'full') return err('store/full');
    if (decision === 'same' && existing) return ok({ created: false, info: toStoreObjectInfo(existing) });
    this.insert.run(object.owner, object.id, data.length, object.createdAt, data);
    return ok({
      created: true,
      info: { owner: object.owner, id: object.id, state: 'staged', bytes: data.length, createdAt: object.createdAt, tokenId: null },
    });
  }

  private deleteStagedNow(owner: string, id: string): Result<void, 'object/not-found' | 'object/committed'> {
    const existing = this.selectInfo.get(owner, id);
    if (!existing || existing.state === 'dropped') return err('object/not-found');
    if (existing.state === 'committed') return err('object/committed');
    this.deleteOne.run(owner, id);
    return ok(undefined);
  }
}
