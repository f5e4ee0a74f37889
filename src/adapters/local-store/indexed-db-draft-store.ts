import { DraftStore, SealedDraft } from '../../application/ports/draft-store';
import { KeptConnection, request, transact } from './indexed-db';

export const DRAFT_DATABASE = 'starbase-drafts';
const DRAFTS = 'drafts';

/** What IndexedDB holds for one draft, under the key [account, name]: only what the library sealed. */
interface DraftRecord {
  readonly sealed: Uint8Array;
}

const isDraftRecord = (value: unknown): value is DraftRecord =>
  typeof value === 'object' && value !== null && 'sealed' in value && value.sealed instanceof Uint8Array;

/** Every key of one account: names are b64u, so all of them sort below U+FFFF. */
const draftsOf = (account: string): IDBKeyRange => IDBKeyRange.bound([account, ''], [account, '\uffff']);

const nameOf = (key: IDBValidKey): string | null => (Array.isArray(key) && typeof key[1] === 'string' ? key[1] : null);

/** Drafts of every account of this browser in one IndexedDB database, so a reload or a crash keeps them. */
export class IndexedDbDraftStore implements DraftStore {
  private readonly connection: KeptConnection;

  constructor(indexedDb: IDBFactory) {
    this.connection = new KeptConnection(indexedDb, DRAFT_DATABASE, 1, (database) => {
      if (!database.objectStoreNames.contains(DRAFTS)) database.createObjectStore(DRAFTS);
    });
  }

  async list(account: string): Promise<readonly SealedDraft[]> {
    const database = await this.connection.open();
    const store = database.transaction(DRAFTS, 'readonly').objectStore(DRAFTS);
    const [keys, values] = await Promise.all([request(store.getAllKeys(draftsOf(account))), request(store.getAll(draftsOf(account)))]);
    const drafts: SealedDraft[] = [];
    keys.forEach((key, index) => {
      const name = nameOf(key);
      const value: unknown = values[index];
      // Anything else was not written by this adapter: the library could not open it anyway.
      if (name !== null && isDraftRecord(value)) drafts.push({ name, sealed: value.sealed });
    });
    return drafts;
  }

  async put(account: string, draft: SealedDraft): Promise<void> {
    const record: DraftRecord = { sealed: draft.sealed.slice() };
    await transact(await this.connection.open(), [DRAFTS], (transaction) => request(transaction.objectStore(DRAFTS).put(record, [account, draft.name])));
  }

  async remove(account: string, name: string): Promise<void> {
    await transact(await this.connection.open(), [DRAFTS], (transaction) => request(transaction.objectStore(DRAFTS).delete([account, name])));
  }

  async forgetAccount(account: string): Promise<void> {
    await transact(await this.connection.open(), [DRAFTS], (transaction) => request(transaction.objectStore(DRAFTS).delete(draftsOf(account))));
  }
}
