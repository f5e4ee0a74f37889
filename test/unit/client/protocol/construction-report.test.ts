import '../../../../src/adapters/crypto-node/argon2-node-loader';
import { createWebCryptoSuite } from '../../../../src/adapters/crypto/web-crypto-suite';
import { expectConstructionInvariants } from './support/construction-expectations';
import { computeConstructionReport, createInteropArtifacts } from './support/construction-report';
import { createTestCrypto } from './support/test-crypto';

describe('the construction report (the same code runs in Chromium)', () => {
  it('holds every invariant in Node, and argon2-browser and hash-wasm derive the same account keys', async () => {
    const withHashWasm = createTestCrypto();
    const withArgon2Browser = createWebCryptoSuite();
    const interop = await createInteropArtifacts(withHashWasm);
    const report = await computeConstructionReport(withArgon2Browser, interop);
    expectConstructionInvariants(report);
    const again = await computeConstructionReport(withHashWasm, null);
    for (const deterministic of ['account:authKey', 'account:blobKey', 'friendship:K requester', 'friendship:confirm', 'fingerprint:alice']) {
      expect(report[deterministic]).toEqual(expect.any(String));
      expect(again[deterministic]).toBe(report[deterministic]);
    }
  });
});
