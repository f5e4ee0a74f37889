import { ByteSource, readSlice, sizeOf } from '../../application/client/files/file-source';
import { OpenUploadStores, PendingUpload, PendingUploadStore, UploadStores } from '../../application/client/files/pending-uploads';
import { OutgoingFile } from '../../application/client/files/send-file-chunks';
import { JournalChunk, JournalEntry, UploadJournal } from '../../application/client/files/upload-journal';
import { FILE_CHUNK_BYTES } from '../../domain/messaging/file-description';
import { decodeB64u, encodeB64u } from '../../domain/protocol/encoding/b64u';
import { concatBytes } from '../../domain/protocol/encoding/bytes';
import { asBufferSource } from '../crypto/web-crypto-support';
import { KeptConnection, request, transact } from './indexed-db';

const JOURNAL = 'journal';
const PENDING = 'pending';
/** One record per sealed chunk of a pending file, so neither keeping nor reading a file holds more than a chunk. */
const CHUNKS = 'chunks';
const NONCE_BYTES = 12;
const NONCE_PREFIX_BYTES = 8;

/** The IndexedDB database holding one account's pending uploads and their journal. */
export const uploadDatabaseName = (address: string): string => `starbase-uploads ${address}`;

type Random = (bytes: Uint8Array<ArrayBuffer>) => Uint8Array<ArrayBuffer>;

/** What IndexedDB holds for a journal entry or a pending upload's details: only ciphertext. */
interface SealedRecord {
  readonly nonce: Uint8Array<ArrayBuffer>;
  readonly sealed: ArrayBuffer;
}

interface PendingDetails {
  readonly to: string;
  readonly body: string;
  readonly files: readonly { readonly name: string; readonly type: string; readonly size: number; readonly noncePrefix: string; readonly thumbnail?: string }[];
}

interface JournalDetails {
  readonly fileKey: string;
  readonly chunks: readonly (JournalChunk | null)[];
}

const isSealedRecord = (value: unknown): value is SealedRecord =>
  typeof value === 'object' && value !== null && 'nonce' in value && value.nonce instanceof Uint8Array && 'sealed' in value && value.sealed instanceof ArrayBuffer;

const chunkKey = (id: string, fileIndex: number, index: number): string => `${id}/${fileIndex}/${index}`;
/** Every chunk key of one upload: ids are b64u, so none has a '/' and `~` sorts after every digit. */
const chunksOf = (id: string): IDBKeyRange => IDBKeyRange.bound(`${id}/`, `${id}/~`);

const utf8 = (text: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(text);

const chunkNonce = (prefix: Uint8Array, index: number): Uint8Array<ArrayBuffer> => {
  const nonce = new Uint8Array(new ArrayBuffer(NONCE_BYTES));
  nonce.set(prefix);
  new DataView(nonce.buffer).setUint32(NONCE_PREFIX_BYTES, index);
  return nonce;
};

/**
 * Keys derived from the account's blobKey (HKDF-SHA-256), so what is kept here opens only after the
 * user signed in again (with the password, or a kept session): one AES-GCM key seals every record,
 * one HMAC key turns journal keys (friend, file name, size) into opaque record names.
 */
class UploadSealer {
  private readonly keys: Promise<{ readonly seal: CryptoKey; readonly name: CryptoKey }>;

  constructor(
    private readonly subtle: SubtleCrypto,
    private readonly random: Random,
    blobKey: Uint8Array,
  ) {
    this.keys = this.derive(new Uint8Array(blobKey));
  }

  private async derive(blobKey: Uint8Array<ArrayBuffer>) {
    const base = await this.subtle.importKey('raw', blobKey, 'HKDF', false, ['deriveKey']);
    blobKey.fill(0);
    const info = (purpose: string) => ({ name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: utf8(`starbase uploads v1 ${purpose}`) });
    const [seal, name] = await Promise.all([
      this.subtle.deriveKey(info('seal'), base, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']),
      this.subtle.deriveKey(info('name'), base, { name: 'HMAC', hash: 'SHA-256', length: 256 }, false, ['sign']),
    ]);
    return { seal, name };
  }

  async recordName(key: string): Promise<string> {
    return encodeB64u(new Uint8Array(await this.subtle.sign('HMAC', (await this.keys).name, utf8(key))));
  }

  async seal(value: unknown, context: string): Promise<SealedRecord> {
    const nonce = this.random(new Uint8Array(new ArrayBuffer(NONCE_BYTES)));
    return { nonce, sealed: await this.encrypt(nonce, utf8(JSON.stringify(value)), context) };
  }

  /** The record's JSON, or null when it does not open (another password's key, damage). */
  async open(record: SealedRecord, context: string): Promise<unknown> {
    try {
      return JSON.parse(new TextDecoder().decode(await this.decrypt(record.nonce, record.sealed, context)));
    } catch {
      return null;
    }
  }

  noncePrefix(): Uint8Array<ArrayBuffer> {
    return this.random(new Uint8Array(new ArrayBuffer(NONCE_PREFIX_BYTES)));
  }

  async encrypt(nonce: Uint8Array<ArrayBuffer>, plaintext: Uint8Array<ArrayBuffer>, context: string): Promise<ArrayBuffer> {
    return this.subtle.encrypt({ name: 'AES-GCM', iv: nonce, additionalData: utf8(context) }, (await this.keys).seal, plaintext);
  }

  async decrypt(nonce: Uint8Array<ArrayBuffer>, sealed: ArrayBuffer, context: string): Promise<ArrayBuffer> {
    return this.subtle.decrypt({ name: 'AES-GCM', iv: nonce, additionalData: utf8(context) }, (await this.keys).seal, sealed);
  }
}

class IndexedDbUploadJournal implements UploadJournal {
  constructor(
    private readonly database: KeptConnection,
    private readonly sealer: UploadSealer,
  ) {}

  async get(key: string): Promise<JournalEntry | undefined> {
    try {
      const name = await this.sealer.recordName(key);
      const record: unknown = await transact(await this.database.open(), [JOURNAL], (transaction) => request(transaction.objectStore(JOURNAL).get(name)));
      if (!isSealedRecord(record)) return undefined;
      const details = (await this.sealer.open(record, `${JOURNAL}/${name}`)) as JournalDetails | null;
      const fileKey = details === null ? null : decodeB64u(details.fileKey);
      if (details === null || fileKey === null || !Array.isArray(details.chunks)) return undefined;
      return { fileKey, chunks: details.chunks.map((chunk) => chunk ?? undefined) };
    } catch {
      // A journal that cannot be read costs a resend, never the upload.
      return undefined;
    }
  }

  async put(key: string, entry: JournalEntry): Promise<void> {
    try {
      const name = await this.sealer.recordName(key);
      const details: JournalDetails = { fileKey: encodeB64u(entry.fileKey), chunks: entry.chunks.map((chunk) => chunk ?? null) };
      const record = await this.sealer.seal(details, `${JOURNAL}/${name}`);
      await transact(await this.database.open(), [JOURNAL], (transaction) => request(transaction.objectStore(JOURNAL).put(record, name)));
    } catch {
      // As for get: the worst outcome is sending a chunk again.
    }
  }

  async forget(key: string): Promise<void> {
    const name = await this.sealer.recordName(key);
    await transact(await this.database.open(), [JOURNAL], (transaction) => request(transaction.objectStore(JOURNAL).delete(name)));
  }
}

/** A pending file's bytes, opened chunk by chunk from its sealed copy. */
const sealedFileSource = (read: (index: number) => Promise<Uint8Array>, size: number): ByteSource => ({
  size,
  read: async (start, end) => {
    if (end <= start) return new Uint8Array(0);
    const first = Math.floor(start / FILE_CHUNK_BYTES);
    const last = Math.max(first, Math.ceil(end / FILE_CHUNK_BYTES) - 1);
    const parts: Uint8Array[] = [];
    for (let index = first; index <= last; index++) parts.push(await read(index));
    const joined = parts.length === 1 && parts[0] !== undefined ? parts[0] : concatBytes(...parts);
    const offset = first * FILE_CHUNK_BYTES;
    return joined.subarray(start - offset, end - offset);
  },
});

class IndexedDbPendingUploads implements PendingUploadStore {
  constructor(
    private readonly database: KeptConnection,
    private readonly sealer: UploadSealer,
    private readonly locks: LockManager | undefined,
  ) {}

  claim(id: string): Promise<(() => void) | null> {
    const locks = this.locks;
    // Without Web Locks (never in Chromium) a second tab could send an upload twice; it still arrives once per send.
    if (locks === undefined) return Promise.resolve(() => undefined);
    return new Promise((resolve, reject) => {
      let release: () => void = () => undefined;
      const released = new Promise<void>((done) => {
        release = done;
      });
      locks
        .request(`starbase upload ${id}`, { ifAvailable: true }, async (lock) => {
          if (lock === null) {
            resolve(null);
            return;
          }
          resolve(release);
          await released;
        })
        .catch(reject);
    });
  }

  async keep(upload: PendingUpload): Promise<void> {
    const described: PendingDetails['files'][number][] = [];
    for (const [fileIndex, file] of upload.files.entries()) {
      const noncePrefix = this.sealer.noncePrefix();
      const size = sizeOf(file.bytes);
      for (let index = 0; index * FILE_CHUNK_BYTES < size; index++) {
        const plaintext = asBufferSource(await readSlice(file.bytes, index * FILE_CHUNK_BYTES, Math.min(size, (index + 1) * FILE_CHUNK_BYTES)));
        const key = chunkKey(upload.id, fileIndex, index);
        // As a Blob: IndexedDB stores it as it is, where an ArrayBuffer is first serialized (copied) by the page; BENCHMARKS.md, files.
        const sealed = new Blob([await this.sealer.encrypt(chunkNonce(noncePrefix, index), plaintext, `${CHUNKS}/${key}`)]);
        await transact(await this.database.open(), [CHUNKS], (transaction) => request(transaction.objectStore(CHUNKS).put(sealed, key)));
      }
      described.push({ name: file.name, type: file.type, size, noncePrefix: encodeB64u(noncePrefix), ...(file.thumbnail === undefined ? {} : { thumbnail: file.thumbnail }) });
    }
    const details: PendingDetails = { to: upload.to, body: upload.body, files: described };
    const record = await this.sealer.seal(details, `${PENDING}/${upload.id}`);
    // Written last: a keep a reload interrupted leaves only chunks, which list() clears.
    await transact(await this.database.open(), [PENDING], (transaction) => request(transaction.objectStore(PENDING).put(record, upload.id)));
  }

  async list(): Promise<readonly PendingUpload[]> {
    const { entries, chunkKeys } = await transact(await this.database.open(), [PENDING, CHUNKS], async (transaction) => {
      const store = transaction.objectStore(PENDING);
      const [ids, records, chunks] = await Promise.all([request(store.getAllKeys()), request(store.getAll()), request(transaction.objectStore(CHUNKS).getAllKeys())]);
      return { entries: ids.map((id, index) => ({ id: String(id), record: records[index] as unknown })), chunkKeys: chunks.map(String) };
    });
    const stored = new Set(chunkKeys);
    const uploads: PendingUpload[] = [];
    for (const { id, record } of entries) {
      const upload = isSealedRecord(record) ? await this.opened(id, record, stored) : null;
      // Sealed under another password's keys, damaged or missing a chunk: it can never be sent from here.
      if (upload === null) await this.forget(id);
      else uploads.push(upload);
    }
    const listed = new Set(entries.map((entry) => entry.id));
    for (const orphan of new Set(chunkKeys.map((key) => key.split('/')[0] ?? '').filter((id) => !listed.has(id)))) await this.forget(orphan);
    return uploads;
  }

  async forget(id: string): Promise<void> {
    await transact(await this.database.open(), [PENDING, CHUNKS], async (transaction) => {
      transaction.objectStore(PENDING).delete(id);
      await request(transaction.objectStore(CHUNKS).delete(chunksOf(id)));
    });
  }

  private async readChunk(id: string, fileIndex: number, index: number, noncePrefix: Uint8Array): Promise<Uint8Array> {
    const key = chunkKey(id, fileIndex, index);
    const record: unknown = await transact(await this.database.open(), [CHUNKS], (transaction) => request(transaction.objectStore(CHUNKS).get(key)));
    // An ArrayBuffer: kept by a version before the chunks went as Blobs.
    const sealed = record instanceof Blob ? await record.arrayBuffer() : record;
    if (!(sealed instanceof ArrayBuffer)) throw new Error('A chunk of a pending upload is missing on this device');
    return new Uint8Array(await this.sealer.decrypt(chunkNonce(noncePrefix, index), sealed, `${CHUNKS}/${key}`));
  }

  private async opened(id: string, record: SealedRecord, stored: ReadonlySet<string>): Promise<PendingUpload | null> {
    const details = (await this.sealer.open(record, `${PENDING}/${id}`)) as PendingDetails | null;
    if (details === null || typeof details.to !== 'string' || !Array.isArray(details.files)) return null;
    const files = details.files.flatMap((file, fileIndex): OutgoingFile[] => {
      const noncePrefix = decodeB64u(file.noncePrefix);
      if (noncePrefix === null || !Number.isSafeInteger(file.size)) return [];
      for (let index = 0; index * FILE_CHUNK_BYTES < file.size; index++) if (!stored.has(chunkKey(id, fileIndex, index))) return [];
      const bytes = sealedFileSource((index) => this.readChunk(id, fileIndex, index, noncePrefix), file.size);
      return [{ name: file.name, type: file.type, bytes, ...(file.thumbnail === undefined ? {} : { thumbnail: file.thumbnail }) }];
    });
    return files.length === details.files.length ? { id, to: details.to, body: typeof details.body === 'string' ? details.body : '', files } : null;
  }
}

/**
 * An account's pending uploads and upload journal in IndexedDB (one database per account), so an
 * upload survives a reload. Everything is sealed under keys derived from the account's blobKey: the
 * journal's file keys, who the upload goes to, the text and every byte of the files.
 */
export const indexedDbUploadStores =
  (indexedDb: IDBFactory, subtle: SubtleCrypto, random: Random, locks?: LockManager): OpenUploadStores =>
  (account): UploadStores => {
    const database = new KeptConnection(indexedDb, uploadDatabaseName(account.address), 2, (opened) => {
      for (const store of [JOURNAL, PENDING, CHUNKS]) if (!opened.objectStoreNames.contains(store)) opened.createObjectStore(store);
    });
    const sealer = new UploadSealer(subtle, random, account.blobKey);
    return { journal: new IndexedDbUploadJournal(database, sealer), pending: new IndexedDbPendingUploads(database, sealer, locks), forgetAll: () => database.delete() };
  };
