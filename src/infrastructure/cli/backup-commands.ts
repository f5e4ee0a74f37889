import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { checkpointSqliteDatabase, detachSqliteCopy, inspectSqliteDatabase, isSqliteDatabaseInUse } from '../../adapters/storage/sqlite/sqlite-database-file';
import { objectsDirOf } from '../../adapters/storage/sqlite/sqlite-object-files';
import { syncPathSync } from '../../adapters/system/sync-path';
import { openSqliteStorage, sqliteFileIn } from '../../adapters/storage/sqlite/sqlite-storage';
import { StarbaseConfig } from '../config';
import { expectPositionals } from './cli-args';
import { CommandFailed } from './cli-io';
import { Command, configOf, JSON_FLAG } from './command';
import { bytes, json } from './format';

const SIDE_FILES = ['-wal', '-shm', '-journal'];

const requireSqlite = (config: StarbaseConfig, what: string): string => {
  if (config.storage !== 'sqlite') {
    throw new CommandFailed(
      `${what} works on SQLite storage; STARBASE_STORAGE is ${config.storage}` +
        (config.storage === 'mongodb' ? ' (back MongoDB up with mongodump/mongorestore, see docs/mongodb.md)' : ''),
    );
  }
  return sqliteFileIn(config.dataDir);
};

const temporaryNextTo = (file: string, purpose: string): string => `${file}.${purpose}-${process.pid}`;

const backup: Command = {
  path: ['admin', 'backup'],
  synopsis: '<file> [--force] [--json]',
  summary: 'consistent online copy of the SQLite database, safe while the server runs (--force overwrites <file>)',
  options: { flags: [JSON_FLAG, 'force'] },
  run: async (args, context) => {
    const [target = ''] = expectPositionals(args, ['file']);
    const destination = resolve(target);
    const source = requireSqlite(configOf(args, context), 'backup');
    if (!existsSync(source)) throw new CommandFailed(`no database at ${source}: check STARBASE_DATA_DIR`);
    if (existsSync(destination) && !args.flags.has('force')) {
      throw new CommandFailed(`${destination} exists: choose a new file name or add --force to overwrite it`);
    }
    // Written next to the destination and renamed at the end, so a crash never leaves a half backup under its name.
    const partial = temporaryNextTo(destination, 'partial');
    const storage = openSqliteStorage({ file: source });
    try {
      await storage.backup(partial);
    } finally {
      await storage.close();
    }
    detachSqliteCopy(partial);
    const checked = inspectSqliteDatabase(partial);
    if (!checked.ok) {
      rmSync(partial, { force: true });
      throw new CommandFailed(`the backup failed its check, nothing written: ${checked.error}`);
    }
    syncPathSync(partial);
    renameSync(partial, destination);
    const size = statSync(destination).size;
    const report = { file: destination, bytes: size, accounts: checked.value.accounts, schemaVersion: checked.value.schemaVersion };
    context.io.out(
      args.flags.has(JSON_FLAG) ? json(report) : `backed up ${report.accounts} accounts to ${destination} (${bytes(size)}, integrity ok)`,
    );
  },
};

const restore: Command = {
  path: ['admin', 'restore'],
  synopsis: '<file> [--force] [--json]',
  summary: 'replace the SQLite database with a backup; the server must be stopped, and an existing database needs --force',
  options: { flags: [JSON_FLAG, 'force'] },
  run: async (args, context) => {
    const [given = ''] = expectPositionals(args, ['file']);
    const backupFile = resolve(given);
    const target = requireSqlite(configOf(args, context), 'restore');
    if (!existsSync(backupFile)) throw new CommandFailed(`no backup at ${backupFile}`);
    const checked = inspectSqliteDatabase(backupFile);
    if (!checked.ok) throw new CommandFailed(`${backupFile} is not a usable backup: ${checked.error}`);

    let replaced: string | null = null;
    if (existsSync(target)) {
      if (isSqliteDatabaseInUse(target)) {
        throw new CommandFailed(`${target} is open in another process (a running server?): stop the server, then restore`);
      }
      if (!args.flags.has('force')) {
        throw new CommandFailed(`${target} exists: add --force to replace it (it is kept as ${target}.replaced-<time>)`);
      }
      replaced = moveAside(target);
    }

    mkdirSync(dirname(target), { recursive: true });
    const incoming = temporaryNextTo(target, 'restoring');
    copyFileSync(backupFile, incoming);
    syncPathSync(incoming);
    for (const suffix of SIDE_FILES) rmSync(`${target}${suffix}`, { force: true });
    renameSync(incoming, target);
    syncPathSync(dirname(target));

    // Opening applies any migration the backup predates and proves the result serves.
    const restored = openSqliteStorage({ file: target });
    let integrity: string;
    try {
      integrity = await restored.integrityCheck();
    } finally {
      await restored.close();
    }
    if (integrity !== 'ok') throw new CommandFailed(`the restored database failed its check:\n${integrity}`);
    const report = { file: target, from: backupFile, accounts: checked.value.accounts, replaced };
    context.io.out(
      args.flags.has(JSON_FLAG)
        ? json(report)
        : `restored ${report.accounts} accounts from ${backupFile} into ${target}${replaced ? ` (previous database kept as ${replaced})` : ''}`,
    );
  },
};

/**
 * Folds the old database's WAL into its main file, then renames it out of the way, with its objects
 * directory: the restored database would otherwise sweep those files as orphans.
 */
const moveAside = (file: string): string => {
  checkpointSqliteDatabase(file);
  const aside = `${file}.replaced-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  renameSync(file, aside);
  for (const suffix of SIDE_FILES) if (existsSync(`${file}${suffix}`)) renameSync(`${file}${suffix}`, `${aside}${suffix}`);
  const objectsDir = objectsDirOf(file);
  const asideObjectsDir = objectsDirOf(aside);
  if (objectsDir !== null && asideObjectsDir !== null && existsSync(objectsDir)) renameSync(objectsDir, asideObjectsDir);
  return aside;
};

export const BACKUP_COMMANDS: readonly Command[] = [backup, restore];
