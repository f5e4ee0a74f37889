/*
 * Browser bundle entry for test/e2e/draft-store.browser.test.ts: the DraftStore contract on the
 * IndexedDB adapter in Chromium.
 */
import { IndexedDbDraftStore } from '../../../src/adapters/local-store/indexed-db-draft-store';
import { DRAFT_STORE_CASES } from './draft-store.contract';

const draftStoreTest = {
  /** null when the case held, else what broke. */
  run: async (name: string, account: string, other: string): Promise<string | null> => {
    const contractCase = DRAFT_STORE_CASES.find((candidate) => candidate.name === name);
    if (contractCase === undefined) return `no case named ${name}`;
    try {
      await contractCase.run(new IndexedDbDraftStore(indexedDB), account, other);
      return null;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  },
  put: (account: string, name: string, fill: number): Promise<void> => new IndexedDbDraftStore(indexedDB).put(account, { name, sealed: new Uint8Array(40).fill(fill) }),
  list: async (account: string): Promise<[string, number][]> =>
    (await new IndexedDbDraftStore(indexedDB).list(account)).map(({ name, sealed }) => [name, sealed[0] ?? -1]),
};

declare global {
  interface Window {
    draftStoreTest: typeof draftStoreTest;
  }
}

window.draftStoreTest = draftStoreTest;
