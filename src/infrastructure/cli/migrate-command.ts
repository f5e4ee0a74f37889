import { existsSync } from 'node:fs';
import { isSqliteDatabaseInUse } from '../../adapters/storage/sqlite/sqlite-database-file';
import { openSqliteStorage, sqliteFileIn } from '../../adapters/storage/sqlite/sqlite-storage';
import { DumpableStorage } from '../../application/ports/storage-dump';
import { formatMigrationReport, migrateStorage, MigrationReport } from '../../application/server/migrate-storage';
import { StarbaseConfig } from '../config';
import { openMongoStorage } from '../mongodb-on-demand';
import { expectPositionals } from './cli-args';
import { CommandFailed, UsageError } from './cli-io';
import { Command, configOf, JSON_FLAG } from './command';
import { json } from './format';

type Persistent = 'sqlite' | 'mongodb';
const PERSISTENT: readonly string[] = ['sqlite', 'mongodb'];

const kindOf = (value: string | undefined, option: string): Persistent => {
  if (value === undefined || !PERSISTENT.includes(value)) throw new UsageError(`--${option} must be sqlite or mongodb`);
  return value as Persistent;
};

/** Opens one side of the migration; a SQLite source must exist, and neither side may be in use by a server. */
const openSide = async (kind: Persistent, config: StarbaseConfig, role: 'source' | 'target'): Promise<DumpableStorage> => {
  if (kind === 'mongodb') {
    if (config.mongodbUrl === null) throw new UsageError('set STARBASE_MONGODB_URL (or --mongodb-url=…) to migrate from or to mongodb');
    try {
      return await openMongoStorage({ url: config.mongodbUrl, logger: () => undefined });
    } catch (error) {
      throw new CommandFailed(`cannot use MongoDB as the ${role}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const file = sqliteFileIn(config.dataDir);
  if (!existsSync(file)) {
    if (role === 'source') throw new CommandFailed(`no database at ${file}: check STARBASE_DATA_DIR`);
  } else if (isSqliteDatabaseInUse(file)) {
    throw new CommandFailed(`${file} is open in another process (a running server?): stop the server, then migrate`);
  }
  return openSqliteStorage({ file });
};

const migrate: Command = {
  path: ['admin', 'migrate'],
  synopsis: '--from sqlite|mongodb --to sqlite|mongodb [--force] [--json]',
  summary:
    'copy everything durable (secrets, invites, accounts, blobs, drop tokens, inbox) from one storage to the other and ' +
    'verify the counts; the server must be stopped; --force wipes a target that already holds data',
  options: { flags: [JSON_FLAG, 'force'], values: ['from', 'to'] },
  run: async (args, context) => {
    expectPositionals(args, []);
    const from = kindOf(args.values.get('from'), 'from');
    const to = kindOf(args.values.get('to'), 'to');
    if (from === to) throw new UsageError('--from and --to must name different storages (one SQLite data dir, one MongoDB URL)');
    const config = configOf(args, context);

    const source = await openSide(from, config, 'source');
    try {
      const target = await openSide(to, config, 'target');
      try {
        const result = await migrateStorage(source.dump, target.dump, {
          replaceExisting: args.flags.has('force'),
          onProgress: ({ copied, done }) => {
            if (!done) context.io.err(`copied ${copied.accounts} accounts, ${copied.inboxItems} inbox items so far…`);
          },
        });
        const print = (report: MigrationReport, verified: boolean): void =>
          context.io.out(args.flags.has(JSON_FLAG) ? json({ from, to, verified, ...report }) : formatMigrationReport(report).join('\n'));
        if (!result.ok) {
          const failure = result.error;
          if (failure.code === 'migration/target-not-empty') {
            throw new CommandFailed(
              `the ${to} target already holds data (${failure.found.accounts} accounts, ${failure.found.inboxItems} inbox items): ` +
                'add --force to wipe it first',
            );
          }
          print(failure.report, false);
          throw new CommandFailed('the counts differ between source and target: see the MISMATCH lines');
        }
        print(result.value, true);
        if (!args.flags.has(JSON_FLAG)) context.io.out(`migrated ${from} → ${to}; now set STARBASE_STORAGE=${to} and start the server`);
      } finally {
        await target.close();
      }
    } finally {
      await source.close();
    }
  },
};

export const MIGRATE_COMMANDS: readonly Command[] = [migrate];
