import { indexedDbUploadStores } from '../../src/adapters/local-store/indexed-db-upload-stores';
import { OpenUploadStores } from '../../src/application/client/files/pending-uploads';
import { MemoryUploadJournal } from '../../src/application/client/files/upload-journal';

/**
 * The web app's upload stores (IndexedDB: the journal and a sealed copy of every file being sent)
 * or none, switched per SendFiles: the bench measures what keeping the copy costs in one page, one
 * session and one run. Off is what a messenger without upload stores does (memory journal, no copy).
 */
interface SwitchableUploadStores {
  readonly open: OpenUploadStores;
  keepOnDevice: boolean;
}

export const switchableUploadStores = (): SwitchableUploadStores => {
  const onDevice = indexedDbUploadStores(indexedDB, crypto.subtle, (bytes) => crypto.getRandomValues(bytes), navigator.locks);
  const state: SwitchableUploadStores = {
    keepOnDevice: false,
    open: (account) => {
      const kept = onDevice(account);
      const memory = new MemoryUploadJournal();
      const journal = () => (state.keepOnDevice ? kept.journal : memory);
      return {
        journal: { get: (key) => journal().get(key), put: (key, entry) => journal().put(key, entry), forget: (key) => journal().forget(key) },
        pending: {
          keep: (upload) => (state.keepOnDevice ? kept.pending.keep(upload) : Promise.resolve()),
          list: () => (state.keepOnDevice ? kept.pending.list() : Promise.resolve([])),
          forget: (id) => kept.pending.forget(id),
          claim: (id) => (state.keepOnDevice ? kept.pending.claim(id) : Promise.resolve(() => undefined)),
        },
        forgetAll: () => kept.forgetAll(),
      };
    },
  };
  return state;
};
