/** `starbase/client` in Node (≥ 20): WebCrypto, Argon2id in WASM loaded from disk, fetch. */
import '../../adapters/crypto-node/argon2-node-loader';
import { createWebCryptoSuite } from '../../adapters/crypto/web-crypto-suite';
import { MemoryDraftStore } from '../../adapters/local-store/memory-draft-store';
import { MemoryLocalStore } from '../../adapters/local-store/memory-local-store';
import { MemoryObjectCache } from '../../adapters/local-store/memory-object-cache';
import { SetTimeoutTimer } from '../../adapters/time/set-timeout-timer';
import { WallClock } from '../../adapters/time/wall-clock';
import { createMessenger } from '../../application/client/create-messenger';
import { Messenger } from '../../application/client/messenger';
import { Argon2idCost } from '../../application/ports/client-crypto';
import { LocalStore } from '../../application/ports/local-store';
import { gatewaysFor } from './client-gateways';
import { hashWasmStreamingDigest } from '../../adapters/crypto/hash-wasm-streaming-digest';

export * from './client-api';

export interface NodeMessengerOptions {
  /**
   * What this device remembers between runs (device id, highest blob versions seen, servers' KDF
   * parameters). Defaults to memory: pass a persistent LocalStore to keep rollback protection
   * across restarts.
   */
  readonly localStore?: LocalStore;
  /** Argon2id cost for new passwords; the PROTOCOL defaults (64 MiB, 3 passes) unless given. */
  readonly kdfParams?: Argon2idCost;
  /** Plain http to every home server, not only to loopback ones: for test networks without certificates. */
  readonly allowHttp?: boolean;
}

/** A Messenger for scripts, bots and servers: `register`/`logIn` return a session to drive. */
export const createNodeMessenger = (options: NodeMessengerOptions = {}): Messenger =>
  createMessenger({
    crypto: createWebCryptoSuite(),
    gateways: gatewaysFor({ allowHttp: options.allowHttp ?? false }),
    localStore: options.localStore ?? new MemoryLocalStore(),
    clock: new WallClock(),
    timer: new SetTimeoutTimer(),
    streamingDigest: hashWasmStreamingDigest,
    objectCaches: () => new MemoryObjectCache(),
    draftStore: new MemoryDraftStore(),
    ...(options.kdfParams ? { kdfParams: options.kdfParams } : {}),
  });
