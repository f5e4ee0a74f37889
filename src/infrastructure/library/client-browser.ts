/** `starbase/client` in browsers: WebCrypto, Argon2id in WASM (inlined), fetch, localStorage. */
import { createWebCryptoSuite } from '../../adapters/crypto/web-crypto-suite';
import { BrowserLocalStore } from '../../adapters/local-store/browser-local-store';
import { IndexedDbDraftStore } from '../../adapters/local-store/indexed-db-draft-store';
import { IndexedDbObjectCache } from '../../adapters/local-store/indexed-db-object-cache';
import { MemoryDraftStore } from '../../adapters/local-store/memory-draft-store';
import { MemoryLocalStore } from '../../adapters/local-store/memory-local-store';
import { MemoryObjectCache } from '../../adapters/local-store/memory-object-cache';
import { SetTimeoutTimer } from '../../adapters/time/set-timeout-timer';
import { WallClock } from '../../adapters/time/wall-clock';
import { createMessenger } from '../../application/client/create-messenger';
import { Messenger } from '../../application/client/messenger';
import { LocalStore } from '../../application/ports/local-store';
import { gatewaysFor } from './client-gateways';
import { hashWasmStreamingDigest } from '../../adapters/crypto/hash-wasm-streaming-digest';

export * from './client-api';

export interface BrowserMessengerOptions {
  /** Defaults to this origin's localStorage (or memory where there is none, e.g. in a worker). */
  readonly localStore?: LocalStore;
  /** Plain http to every home server, not only to loopback ones: for test networks without certificates. */
  readonly allowHttp?: boolean;
}

/** A Messenger for web pages: `register`/`logIn` return a session to drive. */
export const createBrowserMessenger = (options: BrowserMessengerOptions = {}): Messenger =>
  createMessenger({
    crypto: createWebCryptoSuite(),
    gateways: gatewaysFor({ allowHttp: options.allowHttp ?? false }),
    localStore: options.localStore ?? defaultLocalStore(),
    clock: new WallClock(),
    timer: new SetTimeoutTimer(),
    streamingDigest: hashWasmStreamingDigest,
    objectCaches: (address) => (typeof indexedDB === 'undefined' ? new MemoryObjectCache() : new IndexedDbObjectCache(indexedDB, address)),
    draftStore: typeof indexedDB === 'undefined' ? new MemoryDraftStore() : new IndexedDbDraftStore(indexedDB),
  });

const defaultLocalStore = (): LocalStore =>
  typeof localStorage === 'undefined' ? new MemoryLocalStore() : new BrowserLocalStore(localStorage);
