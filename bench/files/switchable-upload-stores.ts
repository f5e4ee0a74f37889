import { indexedDbUploadStores } from '../../src/adapters/local-store/indexed-db-upload-stores';
import { OpenUploadStores } from '../../src/application/client/files/pending-uploads';
import { MemoryUploadJournal } from '../../src/application/client/files/upload-journal';

/** `none`: what a messenger without upload stores does (memory journal, no copy); `journal`: the journal alone in IndexedDB; `all`: as the web app. */
export type KeptOnDevice = 'none' | 'journal' | 'all';

/**
 * The web app's upload stores (IndexedDB: the journal and a sealed copy of every file being sent),
 * part of them or none, switched per SendFiles: the bench measures what keeping costs in one page,
 * one session and one run.
 */
interface SwitchableUploadStores {
  readonly open: OpenUploadStores;
  keptOnDevice: KeptOnDevice;
}

export const switchableUploadStores = (): SwitchableUploadStores => {
  const onDevice = indexedDbUploadStores(indexedDB, crypto.subtle, (bytes) => crypto.getRandomValues(bytes), navigator.locks);
  const state: SwitchableUploadStores = {
    keptOnDevice: 'none',
    open: (account) => {
      const kept = onDevice(account);
      const memory = new MemoryUploadJournal();
      const journal = () => (state.keptOnDevice === 'none' ? memory : kept.journal);
      return {
        journal: { get: (key) => journal().get(key), put: (key, entry) => journal().put(key, entry), forget: (key) => journal().forget(key) },
        pending: {
          keep: (upload) => (state.keptOnDevice === 'all' ? kept.pending.keep(upload) : Promise.resolve()),
          list: () => (state.keptOnDevice === 'all' ? kept.pending.list() : Promise.resolve([])),
          forget: (id) => kept.pending.forget(id),
          claim: (id) => (state.keptOnDevice === 'all' ? kept.pending.claim(id) : Promise.resolve(() => undefined)),
        },
        forgetAll: () => kept.forgetAll(),
      };
    },
  };
  return state;
};
