import type { Database, Statement } from 'better-sqlite3';
import { DumpRecord, ImportOptions, RecordCounts, StorageDump, TargetNotEmpty } from '../../../application/ports/storage-dump';
import { importRecords, RecordWriter } from '../records-import';
import { Result } from '../../../domain/protocol/result';
import { utf8ByteLength } from '../../../domain/protocol/text-size';
import { bytesFromBlob } from './sqlite-bytes';
import { SqliteDeletedObjectFiles } from './sqlite-deleted-object-files';
import { SqliteObjectFiles } from './sqlite-object-files';
import { NO_DATA } from './sqlite-store-object-repository';
import { WalDurability } from './sqlite-wal-durability';
import {
  AccountRow,
  accountValues,
  BlobRow,
  DropTokenRow,
  inboxItemValues,
  InboxRow,
  InviteRow,
  inviteValues,
  toAccount,
  toDropToken,
  toInvite,
  toStoredInboxItem,
  toStoreObject,
  toUserBlob,
  StoreObjectFileRow,
} from './sqlite-rows';

/** Rows per page when exporting; blobs can be megabytes each, so they come a few at a time. */
const PAGE_ROWS = 500;
const BLOB_PAGE_ROWS = 4;
/** An import batch (one transaction) ends at whichever limit comes first. */
const BATCH_RECORDS = 500;
const BATCH_BYTES = 32 * 1024 * 1024;

interface SecretRow {
  name: string;
  value: Buffer;
}

interface CountsRow {
  accounts: number;
  blobs: number;
  blob_bytes: number;
  drop_tokens: number;
  inbox_items: number;
  inbox_bytes: number;
  secrets: number;
  invites: number;
  store_objects: number;
  store_object_bytes: number;
}

const INBOX_SEQUENCE = 'inbox_items';

/** A record queued for its batch, with the file already holding its bytes when it is a store object. */
interface FiledRecord {
  readonly record: DumpRecord;
  readonly file: string | null;
}

/** Roughly what a record weighs in memory, so one batch never holds too many large blobs. */
const weightOf = (record: DumpRecord): number => {
  switch (record.kind) {
    case 'blob':
      return record.blob.ciphertext.length;
    case 'store-object':
      return record.object.bytes;
    case 'inbox-item':
      return record.item.envelope.length;
    default:
      return 256;
  }
};

/**
 * Export pages with keyset queries (never one long-running statement), import writes batches of
 * records, each batch in one transaction.
 */
export class SqliteStorageDump implements StorageDump {
  private readonly statements: ReturnType<typeof prepareStatements>;
  private readonly writeBatch: (records: readonly FiledRecord[]) => void;
  private readonly clearAll: () => void;
  /** The highest seq given to an imported item, and per inbox the last one. */
  private highestImportedSeq = 0;
  private readonly lastImportedSeqOf = new Map<string, number>();

  constructor(
    db: Database,
    private readonly durability: WalDurability,
    private readonly files: SqliteObjectFiles | null,
    private readonly deletions: SqliteDeletedObjectFiles,
  ) {
    this.statements = prepareStatements(db);
    this.writeBatch = db.transaction((records: readonly FiledRecord[]) => {
      for (const { record, file } of records) this.writeNow(record, file);
    });
    this.clearAll = db.transaction(() => {
      for (const statement of this.statements.deleteEverything) statement.run();
    });
  }

  async *exportAll(): AsyncIterable<DumpRecord> {
    const s = this.statements;
    for await (const row of pages(s.secretsAfter, (last) => last.name, '')) {
      yield { kind: 'secret', name: row.name, value: bytesFromBlob(row.value) };
    }
    for await (const row of pages(s.invitesAfter, (last) => last.id, '')) {
      yield { kind: 'invite', invite: toInvite(row) };
    }
    for await (const row of pages(s.accountsAfter, (last) => last.name, '')) {
      yield { kind: 'account', account: toAccount(row) };
    }
    for await (const row of pages(s.storeObjectsAfter, (last) => last.row_id, 0, BLOB_PAGE_ROWS)) {
      const data = row.file === null ? row.data : await this.files?.read(row.file);
      // No file: the object was deleted since its page was read.
      if (data) yield { kind: 'store-object', object: toStoreObject({ ...row, data }) };
    }
    for await (const row of pages(s.blobsAfter, (last) => last.name, '', BLOB_PAGE_ROWS)) {
      yield { kind: 'blob', blob: toUserBlob(row) };
    }
    for await (const row of pages(s.dropTokensAfter, (last) => last.id, '')) {
      yield { kind: 'drop-token', token: toDropToken(row) };
    }
    let highestSeq = 0;
    for await (const row of pages(s.inboxAfter, (last) => last.seq, 0)) {
      highestSeq = row.seq;
      yield { kind: 'inbox-item', item: toStoredInboxItem(row) };
    }
    // The AUTOINCREMENT counter remembers seqs of items already acknowledged.
    yield { kind: 'inbox-sequence', lastSeq: Math.max(highestSeq, this.issuedSeq()) };
  }

  importAll(records: AsyncIterable<DumpRecord>, options?: ImportOptions): Promise<Result<RecordCounts, TargetNotEmpty>> {
    this.highestImportedSeq = 0;
    this.lastImportedSeqOf.clear();
    let batch: FiledRecord[] = [];
    let batchBytes = 0;
    const flush = async (): Promise<void> => {
      if (batch.length > 0) {
        this.writeBatch(batch);
        await this.durability.afterCommit();
      }
      batch = [];
      batchBytes = 0;
    };
    const writer: RecordWriter = {
      counts: () => this.counts(),
      clear: async () => this.deletions.durable(this.clearAll()),
      write: async (record) => {
        // Written before the batch's transaction, as an upload's file is before its row.
        const file = record.kind === 'store-object' && this.files ? await this.files.write(record.object.data) : null;
        batch.push({ record, file });
        batchBytes += weightOf(record);
        if (batch.length >= BATCH_RECORDS || batchBytes >= BATCH_BYTES) await flush();
      },
      finish: flush,
    };
    return importRecords(writer, records, options);
  }

  async counts(): Promise<RecordCounts> {
    const row = this.statements.counts.get();
    if (!row) throw new Error('SQLite answered no row to an aggregate query');
    return {
      accounts: row.accounts,
      blobs: row.blobs,
      blobBytes: row.blob_bytes,
      dropTokens: row.drop_tokens,
      inboxItems: row.inbox_items,
      inboxBytes: row.inbox_bytes,
      secrets: row.secrets,
      invites: row.invites,
      storeObjects: row.store_objects,
      storeObjectBytes: row.store_object_bytes,
    };
  }

  private issuedSeq(): number {
    return this.statements.selectSequence.get(INBOX_SEQUENCE)?.seq ?? 0;
  }

  /**
   * seq is one key across all inboxes here. An item keeps its seq (so clients' cursors stay valid)
   * unless another inbox already took it, as happens with MongoDB's per-inbox seqs; then it gets
   * the next seq above everything imported, and so do the rest of its inbox that would fall below.
   */
  private seqFor(owner: string, wanted: number): number {
    const lastOfInbox = this.lastImportedSeqOf.get(owner) ?? 0;
    if (wanted > lastOfInbox && this.statements.seqTaken.get(wanted) === undefined) return wanted;
    return this.highestImportedSeq + 1;
  }

  private writeNow(record: DumpRecord, file: string | null): void {
    const s = this.statements;
    switch (record.kind) {
      case 'secret':
        s.insertSecret.run(record.name, record.value);
        return;
      case 'invite':
        s.insertInvite.run(...inviteValues(record.invite));
        return;
      case 'account':
        s.insertAccount.run(...accountValues(record.account));
        return;
      case 'store-object': {
        const { object } = record;
        const data = file === null ? object.data : NO_DATA;
        s.insertStoreObject.run(object.owner, object.id, object.state, object.bytes, object.createdAt, object.tokenId, data, file);
        return;
      }
      case 'blob':
        s.insertBlob.run(record.blob.name, record.blob.version, record.blob.ciphertext, record.blob.updatedAt);
        return;
      case 'drop-token': {
        const { token } = record;
        s.insertDropToken.run(token.id, token.owner, token.hash, token.createdAt, token.lastUsedAt, token.uses);
        return;
      }
      case 'inbox-item': {
        const { item } = record;
        const seq = this.seqFor(item.owner, item.seq);
        s.insertInboxItem.run(seq, ...inboxItemValues(item, utf8ByteLength(item.envelope)));
        this.lastImportedSeqOf.set(item.owner, seq);
        this.highestImportedSeq = Math.max(this.highestImportedSeq, seq);
        return;
      }
      case 'inbox-sequence': {
        const lastSeq = Math.max(record.lastSeq, this.highestImportedSeq);
        if (s.raiseSequence.run(lastSeq, INBOX_SEQUENCE).changes === 0) s.insertSequence.run(INBOX_SEQUENCE, lastSeq);
        return;
      }
    }
  }
}

/** Every row of a keyset query `… WHERE key > ? ORDER BY key LIMIT ?`, one page at a time. */
async function* pages<Row, Key>(
  statement: Statement<[Key, number], Row>,
  keyOf: (row: Row) => Key,
  first: Key,
  pageRows: number = PAGE_ROWS,
): AsyncIterable<Row> {
  let after = first;
  for (;;) {
    const rows = statement.all(after, pageRows);
    yield* rows;
    const last = rows[rows.length - 1];
    if (rows.length < pageRows || last === undefined) return;
    after = keyOf(last);
  }
}

const prepareStatements = (db: Database) => ({
  secretsAfter: db.prepare<[string, number], SecretRow>('SELECT name, value FROM secrets WHERE name > ? ORDER BY name LIMIT ?'),
  invitesAfter: db.prepare<[string, number], InviteRow>('SELECT * FROM invites WHERE id > ? ORDER BY id LIMIT ?'),
  accountsAfter: db.prepare<[string, number], AccountRow>('SELECT * FROM accounts WHERE name > ? ORDER BY name LIMIT ?'),
  blobsAfter: db.prepare<[string, number], BlobRow>('SELECT * FROM user_blobs WHERE name > ? ORDER BY name LIMIT ?'),
  dropTokensAfter: db.prepare<[string, number], DropTokenRow>('SELECT * FROM drop_tokens WHERE id > ? ORDER BY id LIMIT ?'),
  inboxAfter: db.prepare<[number, number], InboxRow>(
    `SELECT seq, id, owner, kind, token_id, received_at, envelope FROM inbox_items
     WHERE seq > ? ORDER BY seq LIMIT ?`,
  ),
  seqTaken: db.prepare<[number], { taken: number }>('SELECT 1 AS taken FROM inbox_items WHERE seq = ?'),
  selectSequence: db.prepare<[string], { seq: number }>('SELECT seq FROM sqlite_sequence WHERE name = ?'),
  raiseSequence: db.prepare('UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = ?'),
  insertSequence: db.prepare('INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)'),
  insertSecret: db.prepare('INSERT INTO secrets (name, value) VALUES (?, ?)'),
  insertInvite: db.prepare(
    'INSERT INTO invites (id, code_hash, created_at, expires_at, redeemed_at) VALUES (?, ?, ?, ?, ?)',
  ),
  insertAccount: db.prepare(
    `INSERT INTO accounts (name, created_at, last_seen_at, auth_hash, kdf_algorithm, kdf_salt, kdf_memory_kib,
       kdf_iterations, kdf_parallelism, identity_key, open_inbox, disabled)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ),
  storeObjectsAfter: db.prepare<[number, number], StoreObjectFileRow & { row_id: number }>(
    `SELECT rowid AS row_id, owner, id, state, bytes, created_at, token_id, data, file FROM store_objects
     WHERE rowid > ? ORDER BY rowid LIMIT ?`,
  ),
  insertStoreObject: db.prepare(
    'INSERT INTO store_objects (owner, id, state, bytes, created_at, token_id, data, file) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ),
  insertBlob: db.prepare('INSERT INTO user_blobs (name, version, ciphertext, updated_at) VALUES (?, ?, ?, ?)'),
  insertDropToken: db.prepare(
    'INSERT INTO drop_tokens (id, owner, hash, created_at, last_used_at, uses) VALUES (?, ?, ?, ?, ?, ?)',
  ),
  insertInboxItem: db.prepare(
    `INSERT INTO inbox_items (seq, id, owner, kind, token_id, received_at, envelope, envelope_bytes)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ),
  counts: db.prepare<[], CountsRow>(
    `SELECT
       (SELECT count(*) FROM accounts) AS accounts,
       (SELECT count(*) FROM user_blobs) AS blobs,
       (SELECT coalesce(sum(length(ciphertext)), 0) FROM user_blobs) AS blob_bytes,
       (SELECT count(*) FROM drop_tokens) AS drop_tokens,
       (SELECT count(*) FROM inbox_items) AS inbox_items,
       (SELECT coalesce(sum(envelope_bytes), 0) FROM inbox_items) AS inbox_bytes,
       (SELECT count(*) FROM secrets) AS secrets,
       (SELECT count(*) FROM invites) AS invites,
       (SELECT count(*) FROM store_objects) AS store_objects,
       (SELECT coalesce(sum(bytes), 0) FROM store_objects) AS store_object_bytes`,
  ),
  deleteEverything: [
    db.prepare('DELETE FROM captchas'),
    db.prepare('DELETE FROM sessions'),
    db.prepare('DELETE FROM inbox_items'),
    db.prepare('DELETE FROM store_objects'),
    db.prepare('DELETE FROM drop_tokens'),
    db.prepare('DELETE FROM user_blobs'),
    db.prepare('DELETE FROM accounts'),
    db.prepare('DELETE FROM secrets'),
    db.prepare('DELETE FROM invites'),
  ],
});
