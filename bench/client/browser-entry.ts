/* Browser bundle entry: the client crypto figures, computed in Chromium (see crypto-bench.ts). */
import { Argon2BrowserKeyDerivation } from '../../src/adapters/crypto/argon2-browser-key-derivation';
import { HashWasmKeyDerivation } from '../../src/adapters/crypto-node/hash-wasm-key-derivation';
import { createWebCryptoSuite } from '../../src/adapters/crypto/web-crypto-suite';
import { CryptoPlan, measureClientCrypto } from './crypto-figures';

const starbaseBench = {
  clientCrypto: (runtime: string, plan: CryptoPlan) =>
    measureClientCrypto(
      runtime,
      { crypto: createWebCryptoSuite(), kdfs: { 'argon2-browser': new Argon2BrowserKeyDerivation(), 'hash-wasm': new HashWasmKeyDerivation() } },
      plan,
      (line) => console.log(line),
    ),
};

declare global {
  interface Window {
    starbaseBench: typeof starbaseBench;
  }
}

window.starbaseBench = starbaseBench;
