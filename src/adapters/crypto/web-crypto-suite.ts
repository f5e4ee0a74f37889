import { ClientCrypto, KeyDerivation } from '../../application/ports/client-crypto';
import { Argon2BrowserKeyDerivation } from './argon2-browser-key-derivation';
import { WebCryptoCipher } from './web-crypto-cipher';
import { WebCryptoDigest } from './web-crypto-digest';
import { WebCryptoHkdf } from './web-crypto-hkdf';
import { WebCryptoKeyAgreement } from './web-crypto-key-agreement';
import { WebCryptoRandom } from './web-crypto-random';

export interface WebCryptoSuiteOptions {
  /** Defaults to argon2-browser (in Node, import ../crypto-node/argon2-node-loader first). */
  readonly keyDerivation?: KeyDerivation;
}

/** Every client crypto port over WebCrypto (globalThis.crypto) plus Argon2id in WASM. */
export const createWebCryptoSuite = (options: WebCryptoSuiteOptions = {}): ClientCrypto => ({
  keyDerivation: options.keyDerivation ?? new Argon2BrowserKeyDerivation(),
  hkdf: new WebCryptoHkdf(),
  keyAgreement: new WebCryptoKeyAgreement(),
  cipher: new WebCryptoCipher(),
  digest: new WebCryptoDigest(),
  random: new WebCryptoRandom(),
});
