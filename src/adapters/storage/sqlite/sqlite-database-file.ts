import BetterSqlite3, { SqliteError } from 'better-sqlite3';
import { err, ok, Result } from '../../../domain/protocol/result';
import { MIGRATIONS, schemaVersion } from './migrations';

export interface SqliteFileFacts {
  readonly schemaVersion: number;
  readonly accounts: number;
}

/**
 * Checks that a file is a sound starbase database this server can open: SQLite's integrity_check
 * passes and the schema is one of ours, not newer. Reads only; never creates or changes the file.
 */
export const inspectSqliteDatabase = (file: string): Result<SqliteFileFacts, string> => {
  let db: BetterSqlite3.Database;
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    // TypeError: better-sqlite3's word for a missing directory.
    if (error instanceof SqliteError || error instanceof TypeError) return err(`cannot open ${file}: ${error.message}`);
    throw error;
  }
  try {
    const findings = (db.pragma('integrity_check') as { integrity_check: string }[]).map((row) => row.integrity_check);
    if (findings.join('\n') !== 'ok') return err(`integrity check failed:\n${findings.join('\n')}`);
    const version = schemaVersion(db);
    if (version < 1) return err('not a starbase database (no schema)');
    if (version > MIGRATIONS.length) return err(`its schema version ${version} is newer than this server supports (${MIGRATIONS.length})`);
    const hasAccounts = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'accounts'").get() !== undefined;
    if (!hasAccounts) return err('not a starbase database (no accounts table)');
    const { count } = db.prepare('SELECT count(*) AS count FROM accounts').get() as { count: number };
    return ok({ schemaVersion: version, accounts: count });
  } catch (error) {
    if (error instanceof SqliteError) return err(`not a readable SQLite database: ${error.message}`);
    throw error;
  } finally {
    db.close();
  }
};

/**
 * True while another connection (a running server, another admin command) has the database open.
 * In WAL mode every open connection holds a shared lock, so an exclusive lock is refused until the
 * last one closes; that works across processes and containers sharing the file, unlike a pid file.
 */
export const isSqliteDatabaseInUse = (file: string): boolean => {
  const db = new BetterSqlite3(file, { fileMustExist: true, timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
    return false;
  } catch (error) {
    if (error instanceof SqliteError && (error.code === 'SQLITE_BUSY' || error.code === 'SQLITE_LOCKED')) return true;
    throw error;
  } finally {
    db.close();
  }
};

/** Folds the WAL into the main file (as the last connection's close does), so the main file alone holds everything. */
export const checkpointSqliteDatabase = (file: string): void => {
  const db = new BetterSqlite3(file, { fileMustExist: true });
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
};

/**
 * Turns a copy of a WAL database (what the online backup writes) into one self-contained file in
 * rollback-journal mode, so it can be moved, checked read-only and archived without -wal/-shm
 * companions. The server switches it back to WAL when it opens it.
 */
export const detachSqliteCopy = (file: string): void => {
  const db = new BetterSqlite3(file, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
};
