import { Storage } from '../../../application/ports/server-storage';
import { StorageSnapshot } from '../../../application/ports/storage-snapshot';
import { MemoryAccountRepository } from './memory-account-repository';
import { MemoryCaptchaStore } from './memory-captcha-store';
import { MemoryDropTokenRepository } from './memory-drop-token-repository';
import { MemoryInboxRepository } from './memory-inbox-repository';
import { MemoryInviteRepository } from './memory-invite-repository';
import { MemorySecretStore } from './memory-secret-store';
import { MemorySessionRepository } from './memory-session-repository';
import { MemoryStorageSnapshot } from './memory-snapshot';
import { MemoryStoreObjectRepository } from './memory-store-object-repository';
import { MemoryState } from './memory-state';
import { MemoryUserBlobRepository } from './memory-user-blob-repository';

/** Every storage port over one in-process state: for tests, demos and `STARBASE_STORAGE=memory`. */
export const createMemoryStorage = (): Storage & StorageSnapshot => {
  const state = new MemoryState();
  const invites = new MemoryInviteRepository();
  const snapshot = new MemoryStorageSnapshot(state, invites);
  return {
    accounts: new MemoryAccountRepository(state),
    blobs: new MemoryUserBlobRepository(state),
    inbox: new MemoryInboxRepository(state),
    objects: new MemoryStoreObjectRepository(state),
    dropTokens: new MemoryDropTokenRepository(state),
    sessions: new MemorySessionRepository(state),
    captchas: new MemoryCaptchaStore(state),
    secrets: new MemorySecretStore(state),
    invites,
    exportAll: () => snapshot.exportAll(),
    importAll: (records, options) => snapshot.importAll(records, options),
    counts: () => snapshot.counts(),
    ping: async () => true,
    close: async () => undefined,
  };
};
