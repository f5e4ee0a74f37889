import '../../src/adapters/crypto-node/argon2-node-loader';
import { createWebCryptoSuite } from '../../src/adapters/crypto/web-crypto-suite';
import { FetchHomeServerGatewayFactory } from '../../src/adapters/gateway/fetch-home-server-gateway';
import { GatewayOptions } from '../../src/adapters/gateway/gateway-options';
import { MemoryLocalStore } from '../../src/adapters/local-store/memory-local-store';
import { MemoryObjectCache } from '../../src/adapters/local-store/memory-object-cache';
import { SetTimeoutTimer } from '../../src/adapters/time/set-timeout-timer';
import { WallClock } from '../../src/adapters/time/wall-clock';
import { Argon2idCost } from '../../src/application/ports/client-crypto';
import { HomeServerGateway, HomeServerGatewayFactory } from '../../src/application/ports/home-server-gateway';
import { LocalStore } from '../../src/application/ports/local-store';
import { Clock } from '../../src/application/ports/clock';
import { createMessenger } from '../../src/application/client/create-messenger';
import { Messenger } from '../../src/application/client/messenger';
import { KDF_DEFAULT, KDF_FLOOR } from '../../src/domain/protocol/account-rules';
import { hashWasmStreamingDigest } from '../../src/adapters/crypto/hash-wasm-streaming-digest';

/** The cheapest Argon2id cost servers and clients accept (PROTOCOL §4 floor): for tests where cost does not matter. */
export const FLOOR_KDF: Argon2idCost = KDF_FLOOR;
export const DEFAULT_KDF: Argon2idCost = KDF_DEFAULT;

export interface NodeMessengerOptions {
  /** Defaults to the floor parameters (fast); pass DEFAULT_KDF to run the PROTOCOL defaults. */
  readonly kdf?: Argon2idCost;
  /** One device's memory; pass the same store to model the same device logging in again. */
  readonly localStore?: LocalStore;
  /** Wraps every gateway the client makes: fault injection, observation. */
  readonly wrapGateway?: (gateway: HomeServerGateway) => HomeServerGateway;
  readonly clock?: Clock;
  /** Gateway settings beyond the test defaults (deadlines, caps). */
  readonly gateway?: GatewayOptions;
}

export interface NodeMessenger {
  readonly messenger: Messenger;
  readonly localStore: LocalStore;
}

/** The real client core as Node runs it: WebCrypto, argon2-browser WASM, fetch over http to loopback. */
export const createNodeMessenger = (options: NodeMessengerOptions = {}): NodeMessenger => {
  const fetchGateways = new FetchHomeServerGatewayFactory({ allowHttp: true, retryBaseDelayMs: 20, ...options.gateway });
  const wrap = options.wrapGateway;
  const gateways: HomeServerGatewayFactory = wrap ? { forServer: (authority) => wrap(fetchGateways.forServer(authority)) } : fetchGateways;
  const localStore = options.localStore ?? new MemoryLocalStore();
  const messenger = createMessenger({
    crypto: createWebCryptoSuite(),
    gateways,
    localStore,
    kdfParams: options.kdf ?? FLOOR_KDF,
    clock: options.clock ?? new WallClock(),
    timer: new SetTimeoutTimer(),
    streamingDigest: hashWasmStreamingDigest,
    live: { minDelayMs: 50, maxDelayMs: 500 },
    objectCaches: () => new MemoryObjectCache(),
  });
  return { messenger, localStore };
};

/** `http://127.0.0.1:1234` → `127.0.0.1:1234`. */
export const authorityOf = (url: string | null): string => {
  if (url === null) throw new Error('The test server is not listening');
  return new URL(url).host;
};
