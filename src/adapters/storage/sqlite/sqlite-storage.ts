import BetterSqlite3, { type Database } from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AccountRepository } from '../../../application/ports/account-repository';
import { CaptchaStore } from '../../../application/ports/captcha-store';
import { DropTokenRepository } from '../../../application/ports/drop-token-repository';
import { InviteRepository } from '../../../application/ports/invite-repository';
import { SecretStore } from '../../../application/ports/secret-store';
import { SessionRepository } from '../../../application/ports/session-repository';
import { DumpableStorage, StorageDump } from '../../../application/ports/storage-dump';
import { StoreObjectRepository } from '../../../application/ports/store-object-repository';
import { UserBlobRepository } from '../../../application/ports/user-blob-repository';
import { migrate } from './migrations';
import { SqliteAccountRepository } from './sqlite-account-repository';
import { SqliteCaptchaStore } from './sqlite-captcha-store';
import { SqliteDropTokenRepository } from './sqlite-drop-token-repository';
import { SqliteInboxRepository } from './sqlite-inbox-repository';
import { SqliteInviteRepository } from './sqlite-invite-repository';
import { SqliteSecretStore } from './sqlite-secret-store';
import { SqliteSessionRepository } from './sqlite-session-repository';
import { SqliteStorageDump } from './sqlite-dump';
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
export class SqliteStorage implements DumpableStorage {
  readonly accounts: AccountRepository;
  readonly blobs: UserBlobRepository;
  readonly inbox: SqliteInboxRepository;
  readonly objects: StoreObjectRepository;
  readonly dropTokens: DropTokenRepository;
  readonly sessions: SessionRepository;
  readonly captchas: CaptchaStore;
  readonly secrets: SecretStore;
  readonly invites: InviteRepository;
  /** Migration between adapters; only while no server uses the file. */
  readonly dump: StorageDump;

  constructor(private readonly db: Database) {
    this.accounts = new SqliteAccountRepository(db);
    this.blobs = new SqliteUserBlobRepository(db);
    this.inbox = new SqliteInboxRepository(db);
    this.objects = new SqliteStoreObjectRepository(db);
    this.dropTokens = new SqliteDropTokenRepository(db);
    this.sessions = new SqliteSessionRepository(db);
    this.captchas = new SqliteCaptchaStore(db);
    this.secrets = new SqliteSecretStore(db);
    this.invites = new SqliteInviteRepository(db);
    this.dump = new SqliteStorageDump(db);
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
    this.inbox.flushPendingAppends();
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
