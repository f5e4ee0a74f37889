/*
 * Browser bundle entry for test/e2e/object-cache.browser.test.ts: the ObjectCache contract on the
 * IndexedDB adapter in Chromium, and a few probes of the database itself.
 */
import { IndexedDbObjectCache } from '../../../src/adapters/local-store/indexed-db-object-cache';
import { OBJECT_CACHE_CASES, OpenObjectCache } from './object-cache.contract';

const open: OpenObjectCache = (address, maxBytes) => new IndexedDbObjectCache(indexedDB, address, maxBytes);

const objectCacheTest = {
  /** null when the case held, else what broke. */
  run: async (name: string, address: string): Promise<string | null> => {
    const contractCase = OBJECT_CACHE_CASES.find((candidate) => candidate.name === name);
    if (contractCase === undefined) return `no case named ${name}`;
    try {
      await contractCase.run(open, address);
      return null;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  },
  put: (address: string, id: string, length: number, fill: number): Promise<void> =>
    open(address).put(id, new Uint8Array(length).fill(fill)),
  get: async (address: string, id: string): Promise<number[] | null> => {
    const bytes = await open(address).get(id);
    return bytes === undefined ? null : [...bytes];
  },
  forget: (address: string): Promise<void> => open(address).forget(),
  databases: async (): Promise<string[]> => (await indexedDB.databases()).map((database) => database.name ?? ''),
};

declare global {
  interface Window {
    objectCacheTest: typeof objectCacheTest;
  }
}

window.objectCacheTest = objectCacheTest;
