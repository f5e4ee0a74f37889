import { DumpableStorage } from '../../../application/ports/storage-dump';
import { MemoryAccountRepository } from './memory-account-repository';
import { MemoryCaptchaStore } from './memory-captcha-store';
import { MemoryDropTokenRepository } from './memory-drop-token-repository';
import { MemoryInboxRepository } from './memory-inbox-repository';
import { MemoryInviteRepository } from './memory-invite-repository';
import { MemorySecretStore } from './memory-secret-store';
import { MemorySessionRepository } from './memory-session-repository';
import { MemoryStorageDump } from './memory-dump';
import { MemoryStoreObjectRepository } from './memory-store-object-repository';
import { MemoryState } from './memory-state';
import { MemoryUserBlobRepository } from './memory-user-blob-repository';

/** Every storage port over one in-process state: for tests, demos and `STARBASE_STORAGE=memory`. */
export const createMemoryStorage = (): DumpableStorage => {
  const state = new MemoryState();
  const invites = new MemoryInviteRepository();
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
    dump: new MemoryStorageDump(state, invites),
    ping: async () => true,
    close: async () => undefined,
  };
};
