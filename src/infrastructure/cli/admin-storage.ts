import { existsSync } from 'node:fs';
import { sqliteFileIn } from '../../adapters/storage/sqlite/sqlite-storage';
import { NodeTokenHasher } from '../../adapters/security/node-token-hasher';
import { CryptoRandomSource } from '../../adapters/system/crypto-random-source';
import { RandomIdGenerator } from '../../adapters/system/random-id-generator';
import { SystemClock } from '../../adapters/system/system-clock';
import { ServerStorage } from '../../application/ports/server-storage';
import { AdminDependencies } from '../../application/server/admin/admin-dependencies';
import { CreateInvitesDeps } from '../../application/server/create-invites';
import { StarbaseConfig } from '../config';
import { openConfiguredStorage } from '../storage-factory';
import { CommandFailed } from './cli-io';

export type AdminWork = AdminDependencies & CreateInvitesDeps & { readonly storage: ServerStorage };

/**
 * Opens the storage the server is configured with, for one admin command. SQLite is shared with a
 * running server safely (WAL, busy timeout); memory storage lives only inside a server process.
 */
export const withAdminStorage = async <T>(config: StarbaseConfig, work: (deps: AdminWork) => Promise<T>): Promise<T> => {
  if (config.storage === 'memory') {
    throw new CommandFailed('STARBASE_STORAGE=memory keeps its data inside the server process: there is nothing to administer');
  }
  if (config.storage === 'sqlite' && !existsSync(sqliteFileIn(config.dataDir))) {
    throw new CommandFailed(`no database at ${sqliteFileIn(config.dataDir)}: check STARBASE_DATA_DIR (or start the server once)`);
  }
  const storage = await openConfiguredStorage(config);
  try {
    return await work({
      storage,
      accounts: storage.accounts,
      blobs: storage.blobs,
      inbox: storage.inbox,
      objects: storage.objects,
      dropTokens: storage.dropTokens,
      sessions: storage.sessions,
      inviteRepository: storage.invites,
      clock: new SystemClock(),
      ids: new RandomIdGenerator(),
      random: new CryptoRandomSource(),
      tokenHasher: new NodeTokenHasher(),
    });
  } finally {
    await storage.close();
  }
};
