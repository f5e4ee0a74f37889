/*
 * Browser bundle entry for test/e2e/upload-stores.browser.test.ts: the IndexedDB upload stores
 * (pending uploads and their journal) in Chromium, and a look at the raw records they write.
 */
import { request, transact } from '../../../src/adapters/local-store/indexed-db';
import { indexedDbUploadStores, uploadDatabaseName } from '../../../src/adapters/local-store/indexed-db-upload-stores';
import { readSlice, sizeOf } from '../../../src/application/client/files/file-source';
import { UploadStores } from '../../../src/application/client/files/pending-uploads';

const open = (address: string, keyByte: number): UploadStores =>
  indexedDbUploadStores(indexedDB, crypto.subtle, (bytes) => crypto.getRandomValues(bytes), navigator.locks)({ address, blobKey: new Uint8Array(32).fill(keyByte) });

const releases = new Map<string, () => void>();

/** Deterministic bytes, so the test can recognise them (and look for them in the raw records). */
const patterned = (length: number, seed: number): Uint8Array => Uint8Array.from({ length }, (_, index) => (index * 31 + seed) % 251);

const hex = (bytes: Uint8Array): string => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');

const openRaw = (address: string): Promise<IDBDatabase> => request(indexedDB.open(uploadDatabaseName(address)));

/** Records per store of the account's database. */
const recordCounts = async (address: string): Promise<Record<string, number>> => {
  const database = await openRaw(address);
  const counts: Record<string, number> = {};
  for (const storeName of Array.from(database.objectStoreNames)) {
    counts[storeName] = await request(database.transaction(storeName, 'readonly').objectStore(storeName).count());
  }
  database.close();
  return counts;
};

/** Deletes records of a store directly, as damage (or a keep cut short) would leave it. */
const deleteRaw = async (address: string, storeName: string, key: string): Promise<void> => {
  const database = await openRaw(address);
  await transact(database, [storeName], (transaction) => request(transaction.objectStore(storeName).delete(key)));
  database.close();
};

/** Every record of the account's database, as the bytes and strings IndexedDB holds (Blobs read out). */
const rawRecords = async (address: string): Promise<string[]> => {
  const database = await openRaw(address);
  const texts: string[] = [];
  const describe = async (value: unknown): Promise<void> => {
    if (value instanceof Blob) texts.push(hex(new Uint8Array(await value.arrayBuffer())));
    else if (value instanceof ArrayBuffer) texts.push(hex(new Uint8Array(value)));
    else if (value instanceof Uint8Array) texts.push(hex(value));
    else if (typeof value === 'string') texts.push(value, hex(new TextEncoder().encode(value)));
    else if (Array.isArray(value)) for (const item of value) await describe(item);
    else if (typeof value === 'object' && value !== null) for (const item of Object.values(value)) await describe(item);
  };
  for (const storeName of Array.from(database.objectStoreNames)) {
    const store = database.transaction(storeName, 'readonly').objectStore(storeName);
    const [keys, values] = await Promise.all([request(store.getAllKeys()), request<unknown[]>(store.getAll())]);
    for (const key of keys) await describe(key);
    for (const value of values) await describe(value);
  }
  database.close();
  return texts;
};

const uploadStoresTest = {
  /** Journal round trip; answers what a second opening (same key, then another key) reads back. */
  journal: async (address: string, keyByte: number, action: 'put' | 'get' | 'forget'): Promise<{ fileKey: string; chunks: unknown[] } | null> => {
    const { journal } = open(address, keyByte);
    const key = JSON.stringify(['bob@two.test', 'holiday.bin', 'application/octet-stream', 3]);
    if (action === 'put') {
      await journal.put(key, { fileKey: patterned(32, 7), chunks: [{ plainSha256: 'h0', dropped: 'd0', own: 'o0', kept: true }, undefined, { plainSha256: 'h2', dropped: null, own: 'o2', kept: false }] });
    }
    if (action === 'forget') await journal.forget(key);
    const entry = await journal.get(key);
    return entry === undefined ? null : { fileKey: hex(entry.fileKey), chunks: entry.chunks.map((chunk) => chunk ?? 'missing') };
  },
  keepPending: async (address: string, keyByte: number, id: string, sizes: number[]): Promise<void> => {
    const files = sizes.map((size, index) => ({ name: `file-${index}.bin`, type: 'application/octet-stream', bytes: new Blob([patterned(size, index).slice()]) }));
    await open(address, keyByte).pending.keep({ id, to: 'bob@two.test', body: 'the holiday pictures', files });
  },
  /** The pending uploads as the test compares them: files as hex digests of what reads back, chunk by chunk. */
  listPending: async (address: string, keyByte: number) => {
    const uploads = await open(address, keyByte).pending.list();
    return Promise.all(
      uploads.map(async (upload) => ({
        id: upload.id,
        to: upload.to,
        body: upload.body,
        files: await Promise.all(
          upload.files.map(async (file, index) => {
            const size = sizeOf(file.bytes);
            const parts: Uint8Array[] = [];
            for (let start = 0; start < size; start += 1_048_576) parts.push(await readSlice(file.bytes, start, Math.min(size, start + 1_048_576)));
            const whole = new Uint8Array(size);
            parts.reduce((offset, part) => (whole.set(part, offset), offset + part.byteLength), 0);
            const middle = await readSlice(file.bytes, Math.min(size, 1_000_000), Math.min(size, 1_100_000));
            return { name: file.name, size, intact: hex(whole) === hex(patterned(size, index)), middleIntact: hex(middle) === hex(patterned(size, index).subarray(Math.min(size, 1_000_000), Math.min(size, 1_100_000))) };
          }),
        ),
      })),
    );
  },
  forgetPending: (address: string, keyByte: number, id: string): Promise<void> => open(address, keyByte).pending.forget(id),
  recordCounts,
  /** Whether this page got the upload. */
  claim: async (id: string): Promise<boolean> => {
    const release = await open('claims@one.test', 1).pending.claim(id);
    if (release !== null) releases.set(id, release);
    return release !== null;
  },
  release: (id: string): void => releases.get(id)?.(),
  deleteRaw,
  /** Rewrites every kept chunk as the ArrayBuffer an earlier version stored instead of a Blob; answers how many were Blobs. */
  chunksAsArrayBuffers: async (address: string): Promise<number> => {
    const database = await openRaw(address);
    const blobs = await transact(database, ['chunks'], async (transaction) => {
      const store = transaction.objectStore('chunks');
      const [keys, values] = await Promise.all([request(store.getAllKeys()), request<unknown[]>(store.getAll())]);
      return values.flatMap((value, index) => (value instanceof Blob ? [{ key: keys[index], value }] : []));
    });
    // Read outside any transaction: one commits as soon as it has no request pending.
    const rewritten = await Promise.all(blobs.map(async (blob) => ({ key: blob.key, buffer: await blob.value.arrayBuffer() })));
    await transact(database, ['chunks'], async (transaction) => {
      for (const { key, buffer } of rewritten) if (key !== undefined) transaction.objectStore('chunks').put(buffer, key);
    });
    database.close();
    return rewritten.length;
  },
  forgetAll: (address: string): Promise<void> => open(address, 1).forgetAll(),
  databases: async (): Promise<string[]> => (await indexedDB.databases()).map((database) => database.name ?? ''),
  /** Which of the secrets written above appear in any raw record (key, value, Blob) of the database. */
  plaintextFound: async (address: string): Promise<string[]> => {
    const texts = (await rawRecords(address)).join(' ');
    const secrets: Record<string, string> = {
      'file key': hex(patterned(32, 7)),
      'friend address': hex(new TextEncoder().encode('bob@two.test')),
      'typed text': hex(new TextEncoder().encode('holiday pictures')),
      'file name': hex(new TextEncoder().encode('file-0.bin')),
      'file bytes': hex(patterned(64, 0)),
    };
    return Object.entries(secrets)
      .filter(([, secret]) => texts.includes(secret))
      .map(([what]) => what);
  },
};

declare global {
  interface Window {
    uploadStoresTest: typeof uploadStoresTest;
  }
}

window.uploadStoresTest = uploadStoresTest;
