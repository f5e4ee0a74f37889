import { KeptSession, SessionKeeper } from '../../application/ports/session-keeper';
import { decodeB64u, encodeB64u } from '../../domain/protocol/encoding/b64u';

const DATABASE = 'starbase';
const STORE = 'kept-session';
const RECORD = 'current';
const NONCE_BYTES = 12;

/** What IndexedDB holds: a key the page can use but never read out, and the keys sealed under it. */
interface KeptRecord {
  readonly wrappingKey: CryptoKey;
  readonly nonce: Uint8Array<ArrayBuffer>;
  readonly sealed: ArrayBuffer;
}

interface SealedFields {
  readonly address: string;
  readonly authKey: string;
  readonly blobKey: string;
  readonly kdf: KeptSession['kdf'];
}

const request = <T>(operation: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    operation.onsuccess = () => resolve(operation.result);
    operation.onerror = () => reject(operation.error ?? new Error('IndexedDB request failed'));
  });

const isKeptRecord = (value: unknown): value is KeptRecord =>
  typeof value === 'object' &&
  value !== null &&
  'wrappingKey' in value &&
  value.wrappingKey instanceof CryptoKey &&
  'nonce' in value &&
  value.nonce instanceof Uint8Array &&
  value.nonce.buffer instanceof ArrayBuffer &&
  'sealed' in value &&
  value.sealed instanceof ArrayBuffer;

/**
 * Keeps the session in IndexedDB: an AES-GCM key made with `extractable: false` (the browser
 * stores it as an opaque CryptoKey; script can encrypt and decrypt with it but never export it)
 * and the account's authKey, blobKey and KDF parameters encrypted under it. Nothing of it goes to
 * localStorage, and nothing is ever stored in plaintext.
 */
export class IndexedDbSessionKeeper implements SessionKeeper {
  constructor(
    private readonly indexedDb: IDBFactory,
    private readonly subtle: SubtleCrypto,
    private readonly random: (bytes: Uint8Array<ArrayBuffer>) => Uint8Array<ArrayBuffer>,
  ) {}

  async keep(session: KeptSession): Promise<void> {
    const wrappingKey = await this.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    const nonce = this.random(new Uint8Array(new ArrayBuffer(NONCE_BYTES)));
    const fields: SealedFields = {
      address: session.address,
      authKey: encodeB64u(session.authKey),
      blobKey: encodeB64u(session.blobKey),
      kdf: session.kdf,
    };
    const sealed = await this.subtle.encrypt({ name: 'AES-GCM', iv: nonce }, wrappingKey, new TextEncoder().encode(JSON.stringify(fields)));
    const record: KeptRecord = { wrappingKey, nonce, sealed };
    await this.withStore('readwrite', (store) => request(store.put(record, RECORD)));
  }

  async recall(): Promise<KeptSession | null> {
    const record = await this.withStore('readonly', (store) => request(store.get(RECORD)));
    if (!isKeptRecord(record)) return null;
    try {
      const opened = await this.subtle.decrypt({ name: 'AES-GCM', iv: record.nonce }, record.wrappingKey, record.sealed);
      const fields = JSON.parse(new TextDecoder().decode(opened)) as SealedFields;
      const authKey = decodeB64u(fields.authKey);
      const blobKey = decodeB64u(fields.blobKey);
      if (authKey === null || blobKey === null || typeof fields.address !== 'string') return null;
      return { address: fields.address, authKey, blobKey, kdf: fields.kdf };
    } catch (error) {
      // A record this code cannot open is useless: the user signs in with the password instead.
      console.warn('The kept session could not be opened', error instanceof Error ? error.message : error);
      return null;
    }
  }

  async forget(): Promise<void> {
    await this.withStore('readwrite', (store) => request(store.delete(RECORD)));
  }

  private async withStore<T>(mode: IDBTransactionMode, use: (store: IDBObjectStore) => Promise<T>): Promise<T> {
    const open = this.indexedDb.open(DATABASE, 1);
    open.onupgradeneeded = () => {
      if (!open.result.objectStoreNames.contains(STORE)) open.result.createObjectStore(STORE);
    };
    const database = await request(open);
    try {
      return await use(database.transaction(STORE, mode).objectStore(STORE));
    } finally {
      database.close();
    }
  }
}
