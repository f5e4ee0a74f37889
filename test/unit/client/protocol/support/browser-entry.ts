/*
 * Browser bundle entry for test/e2e/crypto-vectors.browser.test.ts and scripts/crypto-timings.ts:
 * the same reports as the Node tests, computed in Chromium with argon2-browser and WebCrypto.
 */
import { openSealed, seal } from '../../../../../src/application/client/protocol/seal';
import { argon2idWithArgon2Browser } from '../../../../../src/adapters/crypto/argon2-browser-key-derivation';
import { hashWasmStreamingDigest } from '../../../../../src/adapters/crypto/hash-wasm-streaming-digest';
import { createWebCryptoSuite } from '../../../../../src/adapters/crypto/web-crypto-suite';
import { computeConstructionReport, createInteropArtifacts, InteropArtifacts } from './construction-report';
import { computeFileChunkReport } from './file-chunk-report';
import { computeStoreObjectReport } from './store-object-report';
import { computePrimitiveReport } from './primitive-report';
import { measureCryptoTimings } from './crypto-timings';

const crypto = createWebCryptoSuite();

const starbaseCrypto = {
  primitiveReport: () => computePrimitiveReport(crypto, argon2idWithArgon2Browser),
  constructionReport: (interop: InteropArtifacts) => computeConstructionReport(crypto, interop),
  interopArtifacts: () => createInteropArtifacts(crypto),
  storeObjectReport: () => computeStoreObjectReport(crypto),
  fileChunkReport: () => computeFileChunkReport({ ...crypto, streamingDigest: hashWasmStreamingDigest }),
  timings: (messages: number) => measureCryptoTimings(crypto, messages),
  // Present so the bundle is known to contain both halves of a seal round trip.
  seal,
  openSealed,
};

declare global {
  interface Window {
    starbaseCrypto: typeof starbaseCrypto;
  }
}

window.starbaseCrypto = starbaseCrypto;
