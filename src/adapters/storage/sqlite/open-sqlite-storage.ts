import { InProcessInboxNotifier } from '../../system/in-process-inbox-notifier';
import { openSqliteStorage, sqliteFileIn } from './sqlite-storage';

/** The `sqlite` storage module: the database in the data dir, with in-process inbox events (one server process per file). */
export const open = async (config: { readonly dataDir: string }) => ({
  storage: openSqliteStorage({ file: sqliteFileIn(config.dataDir) }),
  notifier: new InProcessInboxNotifier(),
});
