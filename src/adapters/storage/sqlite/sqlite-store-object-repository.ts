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
import { StoreObjectFileRow, StoreObjectInfoRow, toStoreObject, toStoreObjectInfo } from './sqlite-rows';
import { SqliteDeletedObjectFiles } from './sqlite-deleted-object-files';
import { SqliteGroupCommit } from './sqlite-group-commit';
import { InFlight } from './sqlite-in-flight';
import { SqliteObjectFiles } from './sqlite-object-files';
import { WalDurability } from './sqlite-wal-durability';

type PutResult = Result<{ created: boolean; info: StoreObjectInfo }, PutObjectError>;

interface PutInput {
  readonly object: NewStoreObject;
  readonly storeBytes: number;
  /** The object's file, already on disk; null: the bytes go into the data column (no objects directory). */
  readonly file: string | null;
}

/** What a row holds in data when its bytes are in a file (the column is NOT NULL). */
export const NO_DATA = Buffer.alloc(0);

/** Objects are up to objectBytes (4 MiB by default) each: a few per commit bound how long one holds the write lock. */
const PUTS_PER_COMMIT = 8;

export const STORE_OBJECT_INFO_COLUMNS = 'owner, id, state, bytes, created_at, token_id';

export class SqliteStoreObjectRepository implements StoreObjectRepository {
  private readonly insert: Statement;
  private readonly selectInfo: Statement<[string, string], StoreObjectInfoRow>;
  private readonly selectFile: Statement<[string, string], { file: string | null }>;
  private readonly selectSame: Statement<[Buffer, string, string], { same: number }>;
  private readonly selectOwnObject: Statement<[string, string], StoreObjectFileRow>;
  private readonly selectHeadBytes: Statement<[string], { bytes: number }>;
  private readonly selectUsage: Statement<[string], StoreUsage>;
  private readonly selectPage: Statement<[string, string, number], StoreObjectInfoRow>;
  private readonly selectPageInState: Statement<[string, string, string, number], StoreObjectInfoRow>;
  private readonly deleteOne: Statement;
  private readonly deleteExpired: Statement;
  private readonly puts: SqliteGroupCommit<PutInput, PutResult>;
  private readonly uploads = new InFlight();
  private readonly deleteStagedAtomically: (owner: string, id: string) => Result<void, 'object/not-found' | 'object/committed'>;

  constructor(
    db: Database,
    durability: WalDurability,
    private readonly files: SqliteObjectFiles | null,
    private readonly deletions: SqliteDeletedObjectFiles,
  ) {
    this.insert = db.prepare(
      `INSERT INTO store_objects (owner, id, state, bytes, created_at, token_id, data, file) VALUES (?, ?, 'staged', ?, ?, NULL, ?, ?)`,
    );
    this.selectInfo = db.prepare(`SELECT ${STORE_OBJECT_INFO_COLUMNS} FROM store_objects WHERE owner = ? AND id = ?`);
    this.selectFile = db.prepare('SELECT file FROM store_objects WHERE owner = ? AND id = ?');
    // Compared inside SQLite: the stored bytes never travel into JavaScript for a retry.
    this.selectSame = db.prepare('SELECT data = ? AS same FROM store_objects WHERE owner = ? AND id = ?');
    this.selectOwnObject = db.prepare(
      `SELECT ${STORE_OBJECT_INFO_COLUMNS}, data, file FROM store_objects WHERE owner = ? AND id = ? AND state <> 'dropped'`,
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
    this.puts = new SqliteGroupCommit(db, durability, (input: PutInput) => this.putNow(input), PUTS_PER_COMMIT);
    this.deleteStagedAtomically = db.transaction((owner: string, id: string) => this.deleteStagedNow(owner, id)).immediate;
  }

  /**
   * The file is on disk before its row is committed, so a committed row always finds its file; a
   * crash in between leaves a file no row names, which the sweep at open removes.
   */
  async put(object: NewStoreObject, storeBytes: number): Promise<PutResult> {
    const files = this.files;
    if (!files) return this.puts.submit({ object, storeBytes, file: null });
    const submitted = this.uploads.track(
      files.write(object.data).then((file) => ({ file, committed: this.puts.submit({ object, storeBytes, file }) })),
    );
    const { file, committed } = await submitted;
    // A rejected commit may still reach the disk (a failed WAL sync): its file stays for the sweep to judge.
    const result = await committed;
    if (!result.ok || !result.value.created) await files.remove(file);
    return result;
  }

  /** Commits the uploads still on their way (their files being written, or waiting for their group commit). */
  async flushPendingPuts(): Promise<void> {
    await this.uploads.settled();
    this.puts.flush();
  }

  async get(owner: string, id: string): Promise<StoreObject | null> {
    // The lent bytes go back to the pool once `use` settles: the caller keeps a copy.
    return this.read(owner, id, async (object) => (object ? { ...object, data: Buffer.from(object.data) } : null));
  }

  async read<T>(owner: string, id: string, use: (object: StoreObject | null) => Promise<T>): Promise<T> {
    const row = this.selectOwnObject.get(owner, id);
    if (!row) return use(null);
    if (row.file === null) return use(toStoreObject(row));
    if (!this.files) return use(null);
    // Gone: the row was deleted (and its file unlinked) since it was read.
    return this.files.lend(row.file, row.bytes, (data) => use(data ? toStoreObject({ ...row, data }) : null));
  }

  async info(owner: string, id: string): Promise<StoreObjectInfo | null> {
    const row = this.selectInfo.get(owner, id);
    return row && row.state !== 'dropped' ? toStoreObjectInfo(row) : null;
  }

  async deleteStaged(owner: string, id: string): Promise<Result<void, 'object/not-found' | 'object/committed'>> {
    return this.deletions.durable(this.deleteStagedAtomically(owner, id));
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
    return this.deletions.durable(this.deleteExpired.run(createdBefore).changes);
  }

  private putNow({ object, storeBytes, file }: PutInput): PutResult {
    // Inside the write lock: an account deleted since the caller's check gets nothing.
    const head = this.selectHeadBytes.get(object.owner);
    if (!head) return err('account/not-found');
    const existing = this.selectInfo.get(object.owner, object.id);
    const data = Buffer.from(object.data.buffer, object.data.byteOffset, object.data.byteLength);
    const decision = decideObjectPut({
      existing: existing ? { state: existing.state, sameBytes: this.holdsAlready(object.owner, object.id, data) } : null,
      objectBytes: (this.selectUsage.get(object.owner) ?? EMPTY_STORE_USAGE).bytes,
      headBytes: head.bytes,
      newBytes: data.length,
      storeBytes,
    });
    if (decision === 'exists') return err('object/exists');
    if (decision === 'full') return err('store/full');
    if (decision === 'same' && existing) return ok({ created: false, info: toStoreObjectInfo(existing) });
    this.insert.run(object.owner, object.id, data.length, object.createdAt, file === null ? data : NO_DATA, file);
    return ok({
      created: true,
      info: { owner: object.owner, id: object.id, state: 'staged', bytes: data.length, createdAt: object.createdAt, tokenId: null },
    });
  }

  /** Whether the stored object `id` holds exactly `data` (a retried upload). */
  private holdsAlready(owner: string, id: string, data: Buffer): boolean {
    const stored = this.selectFile.get(owner, id)?.file ?? null;
    if (stored === null) return this.selectSame.get(data, owner, id)?.same === 1;
    return this.files?.readNow(stored)?.equals(data) === true;
  }

  private deleteStagedNow(owner: string, id: string): Result<void, 'object/not-found' | 'object/committed'> {
    const existing = this.selectInfo.get(owner, id);
    if (!existing || existing.state === 'dropped') return err('object/not-found');
    if (existing.state === 'committed') return err('object/committed');
    this.deleteOne.run(owner, id);
    return ok(undefined);
  }
}
