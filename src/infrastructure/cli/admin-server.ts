import { existsSync } from 'node:fs';
import { sqliteFileIn } from '../../adapters/storage/sqlite/sqlite-storage';
import { ComposedServer, composeServer } from '../compose-server';
import { StarbaseConfig } from '../config';
import { CommandFailed } from './cli-io';

/**
 * The server composed over the storage it is configured with, for one admin command, then closed.
 * SQLite is shared with a running server safely (WAL, busy timeout); memory storage lives only
 * inside a server process.
 */
export const withAdminServer = async <T>(config: StarbaseConfig, work: (server: ComposedServer) => Promise<T>): Promise<T> => {
  if (config.storage === 'memory') {
    throw new CommandFailed('STARBASE_STORAGE=memory keeps its data inside the server process: there is nothing to administer');
  }
  if (config.storage === 'sqlite' && !existsSync(sqliteFileIn(config.dataDir))) {
    throw new CommandFailed(`no database at ${sqliteFileIn(config.dataDir)}: check STARBASE_DATA_DIR (or start the server once)`);
  }
  const server = await composeServer(config);
  try {
    return await work(server);
  } finally {
    await server.close();
  }
};
