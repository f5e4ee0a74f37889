import BetterSqlite3, { type Database } from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { StorageWithSnapshot } from '../storage-snapshot-delegate';
import { migrate } from './migrations';
import { SqliteAccountRepository } from './sqlite-account-repository';
import { SqliteCaptchaStore } from './sqlite-captcha-store';
import { SqliteDropTokenRepository } from './sqlite-drop-token-repository';
import { SqliteInboxRepository } from './sqlite-inbox-repository';
import { SqliteInviteRepository } from './sqlite-invite-repository';
import { SqliteSecretStore } from './sqlite-secret-store';
import { SqliteSessionRepository } from './sqlite-session-repository';
import { SqliteStorageSnapshot } from './sqlite-snapshot';
import { SqliteStoreObjectRepository } from './sqlite-store-object-repository';
import { SqliteUserBlobRepository } from './sqlite-user-blob-repository';

export interface SqliteStorageOptions {
  readonly file: string;
  /** How long a write waits for another connection's lock before failing with SQLITE_BUSY. */
  readonly busyTimeoutMs?: number;
}

const DEFAULT_BUSY_TIMEOUT_MS = 5000;

/** Where the server keeps its database inside `STARBASE_DATA_DIR`. */
export const sqliteFileIn = (dataDir: string): string => join(dataDir, 'starbase.sqlite');

/** Every storage port over one SQLite file, plus the operator's maintenance tools. */
export class SqliteStorage extends StorageWithSnapshot {
  constructor(
    private readonly db: Database,
    private readonly sqliteInbox = new SqliteInboxRepository(db),
  ) {
    super(
      {
        accounts: new SqliteAccountRepository(db),
        blobs: new SqliteUserBlobRepository(db),
        inbox: sqliteInbox,
        objects: new SqliteStoreObjectRepository(db),
        dropTokens: new SqliteDropTokenRepository(db),
        sessions: new SqliteSessionRepository(db),
        captchas: new SqliteCaptchaStore(db),
        secrets: new SqliteSecretStore(db),
        invites: new SqliteInviteRepository(db),
      },
      new SqliteStorageSnapshot(db),
    );
  }

  async ping(): Promise<boolean> {
    return this.db.open && this.db.prepare('SELECT 1 AS alive').get() !== undefined;
  }

  /** A consistent online copy of the whole database, safe while the server keeps writing. */
  async backup(destinationFile: string): Promise<void> {
    mkdirSync(dirname(destinationFile), { recursive: true });
    await this.db.backup(destinationFile);
  }

  /** `ok` when SQLite finds nothing wrong, else its findings, one per line. */
  async integrityCheck(): Promise<string> {
    const findings = this.db.pragma('integrity_check') as { integrity_check: string }[];
    return findings.map((finding) => finding.integrity_check).join('\n');
  }

  /** Folds the WAL back into the main file so the data dir is a single self-contained file. Idempotent. */
  async close(): Promise<void> {
    if (!this.db.open) return;
    this.sqliteInbox.flushPendingAppends();
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.close();
  }
}

export const openSqliteStorage = (options: SqliteStorageOptions): SqliteStorage => {
  mkdirSync(dirname(options.file), { recursive: true });
  const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  const db = new BetterSqlite3(options.file, { timeout: busyTimeoutMs });
  try {
    configure(db, busyTimeoutMs);
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return new SqliteStorage(db);
};

const configure = (db: Database, busyTimeoutMs: number): void => {
  db.pragma('journal_mode = WAL');
  // FULL fsyncs the WAL on every commit: a drop acknowledged with 202 (and a blob write answered
  // 200) must survive a power loss, which NORMAL does not promise in WAL mode.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
};
