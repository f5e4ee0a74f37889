import BetterSqlite3, { type Database } from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DumpableStorage } from '../../../application/ports/storage-dump';
import { migrate } from './migrations';
import { SqliteAccountRepository } from './sqlite-account-repository';
import { SqliteCaptchaStore } from './sqlite-captcha-store';
import { SqliteDeletedObjectFiles } from './sqlite-deleted-object-files';
import { SqliteDropTokenRepository } from './sqlite-drop-token-repository';
import { SqliteInboxRepository } from './sqlite-inbox-repository';
import { SqliteInviteRepository } from './sqlite-invite-repository';
import { backUpWithObjectBytes } from './sqlite-object-backup';
import { objectFileFindings } from './sqlite-object-file-check';
import { objectsDirOf, SqliteObjectFiles } from './sqlite-object-files';
import { SqliteSecretStore } from './sqlite-secret-store';
import { SqliteSessionRepository } from './sqlite-session-repository';
import { SqliteStorageDump } from './sqlite-dump';
import { SqliteStoreObjectRepository } from './sqlite-store-object-repository';
import { SqliteUserBlobRepository } from './sqlite-user-blob-repository';
import { WalDescriptor } from './sqlite-wal-descriptor';
import { SyncFile, WalDurability } from './sqlite-wal-durability';

export interface SqliteStorageOptions {
  readonly file: string;
  /** How long a write waits for another connection's lock before failing with SQLITE_BUSY. */
  readonly busyTimeoutMs?: number;
  /** How the WAL is brought to disk before a write is answered; tests put a fake here. */
  readonly syncWal?: SyncFile;
}

const DEFAULT_BUSY_TIMEOUT_MS = 5000;

/** Where the server keeps its database inside `STARBASE_DATA_DIR`. */
export const sqliteFileIn = (dataDir: string): string => join(dataDir, 'starbase.sqlite');

/** Every storage port over one SQLite file, plus the operator's maintenance tools. */
export interface SqliteStorage extends DumpableStorage {
  /** A consistent online copy of the whole database, safe while the server keeps writing. */
  backup(destinationFile: string): Promise<void>;
  /** `ok` when SQLite finds nothing wrong and every object's file is whole, else the findings, one per line. */
  integrityCheck(): Promise<string>;
}

interface SqliteParts {
  readonly db: Database;
  readonly durability: WalDurability;
  readonly walDescriptor: WalDescriptor;
  readonly files: SqliteObjectFiles | null;
  readonly deletions: SqliteDeletedObjectFiles;
}

const sqliteStorageOver = ({ db, durability, walDescriptor, files, deletions }: SqliteParts): SqliteStorage => {
  const inbox = new SqliteInboxRepository(db, durability, files, deletions);
  const objects = new SqliteStoreObjectRepository(db, durability, files, deletions);
  let closing: Promise<void> | null = null;
  // Folds the WAL back into the main file, so the data dir holds the database as one file (and its objects directory).
  const closeNow = async (): Promise<void> => {
    if (!db.open) return;
    await inbox.flushPendingAppends();
    await objects.flushPendingPuts();
    await deletions.idle();
    await files?.close();
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    await durability.idle();
    walDescriptor.close();
  };
  return {
    accounts: new SqliteAccountRepository(db, durability, deletions),
    blobs: new SqliteUserBlobRepository(db, deletions),
    inbox,
    objects,
    dropTokens: new SqliteDropTokenRepository(db, durability),
    sessions: new SqliteSessionRepository(db, durability),
    captchas: new SqliteCaptchaStore(db, durability),
    secrets: new SqliteSecretStore(db, durability),
    invites: new SqliteInviteRepository(db, durability),
    dump: new SqliteStorageDump(db, durability, files, deletions),
    ping: async () => db.open && db.prepare('SELECT 1 AS alive').get() !== undefined,
    backup: async (destinationFile) => {
      mkdirSync(dirname(destinationFile), { recursive: true });
      await backUpWithObjectBytes(db, files, destinationFile);
    },
    integrityCheck: async () => {
      const findings = (db.pragma('integrity_check') as { integrity_check: string }[]).map((finding) => finding.integrity_check);
      const objectFindings = await objectFileFindings(db, files);
      if (objectFindings.length === 0) return findings.join('\n');
      return [...findings.filter((finding) => finding !== 'ok'), ...objectFindings].join('\n');
    },
    close: () => {
      closing ??= closeNow();
      return closing;
    },
  };
};

export const openSqliteStorage = (options: SqliteStorageOptions): SqliteStorage => {
  mkdirSync(dirname(options.file), { recursive: true });
  const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  const db = new BetterSqlite3(options.file, { timeout: busyTimeoutMs });
  const walDescriptor = new WalDescriptor();
  const durability = new WalDurability(`${options.file}-wal`, options.syncWal ?? walDescriptor.sync);
  const objectsDir = objectsDirOf(options.file);
  let files: SqliteObjectFiles | null = null;
  let deletions: SqliteDeletedObjectFiles;
  try {
    configure(db, busyTimeoutMs);
    migrate(db);
    files = objectsDir === null ? null : new SqliteObjectFiles(objectsDir);
    deletions = new SqliteDeletedObjectFiles(db, files, durability);
    deletions.sweepAtOpen(options.file, Date.now());
  } catch (error) {
    db.close();
    throw error;
  }
  return sqliteStorageOver({ db, durability, walDescriptor, files, deletions });
};

const configure = (db: Database, busyTimeoutMs: number): void => {
  db.pragma('journal_mode = WAL');
  // NORMAL commits without syncing the WAL, so the event loop never waits for the disk; a write is
  // answered only once WalDurability has synced the WAL after its commit (a 202 means on disk, as
  // with FULL). Checkpoints still sync the WAL before and the database after, so a power loss
  // never corrupts the file: at worst commits nobody was answered for are lost.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
};
