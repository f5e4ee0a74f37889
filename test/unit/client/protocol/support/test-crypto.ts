import { ClientCrypto } from '../../../../../src/application/ports/client-crypto';
import { HashWasmKeyDerivation } from '../../../../../src/adapters/crypto-node/hash-wasm-key-derivation';
import { createWebCryptoSuite } from '../../../../../src/adapters/crypto/web-crypto-suite';

/**
 * The real WebCrypto suite; Argon2id from hash-wasm so tests that only need some KDF do not
 * depend on argon2-browser's Node loader (which has tests of its own).
 */
export const createTestCrypto = (): ClientCrypto => createWebCryptoSuite({ keyDerivation: new HashWasmKeyDerivation() });
