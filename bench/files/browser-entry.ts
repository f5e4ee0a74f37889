/*
 * The page side of the files bench (files-bench.ts): the starbase client library as a web page
 * uses it, served by the account's own home server, plus the raw baseline and the crypto alone.
 * Every function answers plain numbers, so page.evaluate can carry them back.
 */
import { hashWasmStreamingDigest } from '../../src/adapters/crypto/hash-wasm-streaming-digest';
import { createWebCryptoSuite } from '../../src/adapters/crypto/web-crypto-suite';
import { MemoryLocalStore } from '../../src/adapters/local-store/memory-local-store';
import type { MessengerSession } from '../../src/application/client/messenger';
import { sealFileChunk } from '../../src/application/client/protocol/file-chunks';
import type { FileSink } from '../../src/application/ports/file-sink';
import { createMessenger } from '../../src/application/client/create-messenger';
import { IndexedDbObjectCache } from '../../src/adapters/local-store/indexed-db-object-cache';
import { SetTimeoutTimer } from '../../src/adapters/time/set-timeout-timer';
import { WallClock } from '../../src/adapters/time/wall-clock';
import { gatewaysFor } from '../../src/infrastructure/library/client-gateways';
import { indexedDbUploadStores } from '../../src/adapters/local-store/indexed-db-upload-stores';
import { KeptOnDevice, switchableUploadStores } from './switchable-upload-stores';

const MiB = 1024 * 1024;
/** crypto.getRandomValues fills at most this many bytes per call. */
const RANDOM_CALL_BYTES = 65_536;

const files = new Map<string, Blob>();
let session: MessengerSession | null = null;
const uploadStores = switchableUploadStores();

const signedIn = (): MessengerSession => {
  if (session === null) throw new Error('log in first');
  return session;
};

const fileNamed = (name: string): Blob => {
  const blob = files.get(name);
  if (blob === undefined) throw new Error(`no file ${name}`);
  return blob;
};

const randomMiB = (): Uint8Array<ArrayBuffer> => {
  const bytes = new Uint8Array(MiB);
  for (let offset = 0; offset < MiB; offset += RANDOM_CALL_BYTES) crypto.getRandomValues(bytes.subarray(offset, offset + RANDOM_CALL_BYTES));
  return bytes;
};

const sliceOf = async (blob: Blob, index: number): Promise<Uint8Array<ArrayBuffer>> =>
  new Uint8Array(await blob.slice(index * MiB, Math.min(blob.size, (index + 1) * MiB)).arrayBuffer());

const chunksOf = (blob: Blob): number => Math.ceil(blob.size / MiB);

/** Counts what it is given and keeps nothing: a download into a file, minus the disk. */
class CountingSink implements FileSink {
  bytes = 0;
  closed = false;
  write(plaintext: Uint8Array): Promise<void> {
    this.bytes += plaintext.byteLength;
    return Promise.resolve();
  }
  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
  abort(): Promise<void> {
    return Promise.resolve();
  }
}

export interface TracedRequest {
  readonly method: string;
  readonly path: string;
  readonly startMs: number;
  readonly headersMs: number;
}

const timed = async (work: () => Promise<void>): Promise<number> => {
  const started = performance.now();
  await work();
  return performance.now() - started;
};

const filesBench = {
  /** A Blob of `mib` MiB of random bytes, as a picked File would be (read one slice at a time). */
  makeFile(name: string, mib: number): number {
    files.set(name, new Blob(Array.from({ length: mib }, () => randomMiB())));
    return fileNamed(name).size;
  },

  /**
   * The file's bytes as 1 MiB octet-stream PUTs, one after another: `blob` sends each slice of the
   * Blob as the body (the fastest a page can upload a file), `bytes` reads each into an ArrayBuffer first.
   */
  rawPut: (baseUrl: string, name: string, body: 'blob' | 'bytes'): Promise<number> =>
    timed(async () => {
      const blob = fileNamed(name);
      for (let index = 0; index < chunksOf(blob); index++) {
        const slice = body === 'blob' ? blob.slice(index * MiB, (index + 1) * MiB) : await sliceOf(blob, index);
        const answer = await fetch(`${baseUrl}/raw/upload`, { method: 'PUT', headers: { 'content-type': 'application/octet-stream' }, body: slice });
        if (!answer.ok) throw new Error(`raw PUT answered ${answer.status}`);
        await answer.arrayBuffer();
      }
    }),

  /**
   * Each chunk read into bytes, then PUT twice at once (as SendFiles sends its two copies): `own`
   * wraps the bytes in a new Blob per request (what the gateway does), `shared` in one Blob for both.
   */
  rawPutTwice: (baseUrl: string, name: string, blobs: 'own' | 'shared'): Promise<number> =>
    timed(async () => {
      const blob = fileNamed(name);
      for (let index = 0; index < chunksOf(blob); index++) {
        const bytes = await sliceOf(blob, index);
        const shared = new Blob([bytes]);
        const put = (body: Blob) => fetch(`${baseUrl}/raw/upload`, { method: 'PUT', headers: { 'content-type': 'application/octet-stream' }, body }).then((answer) => answer.arrayBuffer());
        await Promise.all([put(blobs === 'shared' ? shared : new Blob([bytes])), put(blobs === 'shared' ? shared : new Blob([bytes]))]);
      }
    }),

  /** `mib` GETs of 1 MiB each, one after another. */
  rawGet: (baseUrl: string, mib: number): Promise<number> =>
    timed(async () => {
      for (let index = 0; index < mib; index++) {
        const answer = await fetch(`${baseUrl}/raw/download`);
        if ((await answer.arrayBuffer()).byteLength !== MiB) throw new Error('raw GET answered a short body');
      }
    }),

  async logIn(address: string, password: string): Promise<void> {
    // createBrowserMessenger's wiring, plus the web app's upload stores (switched off unless a send asks for them).
    const messenger = createMessenger({
      crypto: createWebCryptoSuite(),
      gateways: gatewaysFor({ allowHttp: false }),
      localStore: new MemoryLocalStore(),
      clock: new WallClock(),
      timer: new SetTimeoutTimer(),
      streamingDigest: hashWasmStreamingDigest,
      objectCaches: (owner) => new IndexedDbObjectCache(indexedDB, owner),
      uploadStores: uploadStores.open,
    });
    session = await messenger.logIn(address, password);
  },

  /** `kept`: what is kept in IndexedDB meanwhile (`all`: as the web app sends, the journal and a sealed copy of the file). */
  sendFile: async (to: string, name: string, kept: KeptOnDevice = 'none'): Promise<number> => {
    uploadStores.keptOnDevice = kept;
    try {
      return await timed(() => signedIn().sendFiles(to, [{ name, type: 'application/octet-stream', bytes: fileNamed(name) }]));
    } finally {
      uploadStores.keptOnDevice = 'none';
    }
  },

  /**
   * SendFiles with every fetch the page makes timed (start to response headers): which request of
   * a chunk waits how long, and the gaps between one chunk's answers and the next chunk's requests
   * (the page's own work: read, hash, seal, journal).
   */
  async traceSend(to: string, name: string): Promise<{ readonly ms: number; readonly requests: readonly TracedRequest[] }> {
    const requests: TracedRequest[] = [];
    const original = globalThis.fetch;
    const origin = performance.now();
    globalThis.fetch = async (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      const traced = { method: init?.method ?? 'GET', path: new URL(url).pathname, startMs: performance.now() - origin, headersMs: 0 };
      try {
        return await original(input, init);
      } finally {
        traced.headersMs = performance.now() - origin;
        requests.push(traced);
      }
    };
    try {
      const ms = await timed(() => signedIn().sendFiles(to, [{ name, type: 'application/octet-stream', bytes: fileNamed(name) }]));
      return { ms, requests };
    } finally {
      globalThis.fetch = original;
    }
  },

  /** Syncs until the friend's message with this file arrived (its chunks claimed); answers its id. */
  async receiveFile(from: string, name: string): Promise<string> {
    for (let attempt = 0; attempt < 50; attempt++) {
      await signedIn().sync();
      const entry = signedIn()
        .conversation(from)
        .find((candidate) => candidate.kind === 'message' && candidate.direction === 'in' && candidate.files[0]?.name === name);
      if (entry?.kind === 'message') return entry.id;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`${name} did not arrive`);
  },

  /** The web app's kept copy of the file alone (IndexedDB upload stores of a throwaway account), then forgetting it: ms of each. */
  async keepAlone(name: string): Promise<{ readonly keepMs: number; readonly forgetMs: number }> {
    const stores = indexedDbUploadStores(indexedDB, crypto.subtle, (bytes) => crypto.getRandomValues(bytes), navigator.locks)({ address: 'keep-alone@bench', blobKey: crypto.getRandomValues(new Uint8Array(32)) });
    const id = `keep-alone-${Date.now()}`;
    const keepMs = await timed(() => stores.pending.keep({ id, to: 'bob@bench', body: '', files: [{ name, type: 'application/octet-stream', bytes: fileNamed(name) }] }));
    const forgetMs = await timed(() => stores.pending.forget(id));
    return { keepMs, forgetMs };
  },

  /** `stream`: into a sink that keeps nothing (the save picker's path); `bytes`: the library's downloadFile, whole file in memory. */
  async download(from: string, messageId: string, mode: 'stream' | 'bytes'): Promise<{ readonly ms: number; readonly bytes: number }> {
    const started = performance.now();
    if (mode === 'stream') {
      const sink = new CountingSink();
      const saved = await signedIn().downloadFileTo(from, messageId, 0, sink);
      if (saved.kind !== 'saved' || !sink.closed) throw new Error(`download: ${saved.kind}`);
      return { ms: performance.now() - started, bytes: sink.bytes };
    }
    const downloaded = await signedIn().downloadFile(from, messageId, 0);
    if (downloaded.kind !== 'file') throw new Error(`download: ${downloaded.kind}`);
    return { ms: performance.now() - started, bytes: downloaded.bytes.byteLength };
  },

  /**
   * The crypto of sending alone, over the file's bytes in 1 MiB pieces (read outside the timing):
   * §9.1 sealing (the Cipher port: key import, derived nonce, last chunk padded) against one
   * WebCrypto AES-GCM encrypt per piece with a key imported once; and the two SHA-256 passes
   * SendFiles makes (the whole file streamed through hash-wasm, each chunk through WebCrypto).
   */
  async cryptoAlone(name: string): Promise<{ readonly sealMs: number; readonly aesGcmMs: number; readonly streamingSha256Ms: number; readonly chunkSha256Ms: number }> {
    const blob = fileNamed(name);
    const suite = createWebCryptoSuite();
    const fileKey = crypto.getRandomValues(new Uint8Array(32));
    const aesKey = await crypto.subtle.importKey('raw', fileKey, 'AES-GCM', false, ['encrypt']);
    const hash = await hashWasmStreamingDigest.sha256();
    const totals = { sealMs: 0, aesGcmMs: 0, streamingSha256Ms: 0, chunkSha256Ms: 0 };
    const count = chunksOf(blob);
    for (let index = 0; index < count; index++) {
      const bytes = await sliceOf(blob, index);
      totals.sealMs += await timed(async () => void (await sealFileChunk(suite, fileKey, index, index === count - 1, bytes)));
      totals.aesGcmMs += await timed(async () => void (await crypto.subtle.encrypt({ name: 'AES-GCM', iv: crypto.getRandomValues(new Uint8Array(12)) }, aesKey, bytes)));
      totals.streamingSha256Ms += await timed(async () => hash.update(bytes));
      totals.chunkSha256Ms += await timed(async () => void (await suite.digest.sha256(bytes)));
    }
    hash.digest();
    return totals;
  },
};

declare global {
  interface Window {
    filesBench: typeof filesBench;
  }
}

window.filesBench = filesBench;
