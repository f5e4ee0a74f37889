import type { Messenger } from '../../application/client/messenger';
import { createMessenger } from '../../application/client/create-messenger';
import { createWebCryptoSuite } from '../crypto/web-crypto-suite';
import { BrowserLocalStore } from '../local-store/browser-local-store';
import { IndexedDbDraftStore } from '../local-store/indexed-db-draft-store';
import { IndexedDbObjectCache } from '../local-store/indexed-db-object-cache';
import { IndexedDbSessionKeeper } from '../local-store/indexed-db-session-keeper';
import { indexedDbUploadStores } from '../local-store/indexed-db-upload-stores';
import { SetTimeoutTimer } from '../time/set-timeout-timer';
import { WallClock } from '../time/wall-clock';
import { LoopbackAwareGatewayFactory } from './loopback-aware-gateways';
import { hashWasmStreamingDigest } from '../crypto/hash-wasm-streaming-digest';

/** The real client core is wired in: the two-server browser test runs. */
export const CLIENT_CORE_WIRED = true;

/**
 * The composition root of the browser bundle: the one place that picks the Messenger the UI
 * drives — the client core over WebCrypto and Argon2 in WASM, fetch, and this browser's storage.
 */
export function composeMessenger(window: Window): Messenger {
  return createMessenger({
    crypto: createWebCryptoSuite(),
    gateways: new LoopbackAwareGatewayFactory(),
    localStore: new BrowserLocalStore(window.localStorage),
    clock: new WallClock(),
    timer: new SetTimeoutTimer(),
    streamingDigest: hashWasmStreamingDigest,
    sessionKeeper: new IndexedDbSessionKeeper(window.indexedDB, window.crypto.subtle, (bytes) => window.crypto.getRandomValues(bytes)),
    // Pages are immutable ciphertext: a second login in this browser downloads only new ones (PROTOCOL §8.4).
    objectCaches: (address) => new IndexedDbObjectCache(window.indexedDB, address),
    // Files being sent survive a reload, sealed under keys only a signed-in session has (issue 15).
    uploadStores: indexedDbUploadStores(window.indexedDB, window.crypto.subtle, (bytes) => window.crypto.getRandomValues(bytes), window.navigator.locks),
    // What was typed survives a reload or a crashed tab, sealed by the library before it is stored.
    draftStore: new IndexedDbDraftStore(window.indexedDB),
  });
}
