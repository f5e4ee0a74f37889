import { useBundleInChromium } from '../support/browser';
import { expectConstructionInvariants } from '../unit/client/protocol/support/construction-expectations';
import {
  computeConstructionReport,
  createInteropArtifacts,
  FIXED,
  openInteropArtifacts,
} from '../unit/client/protocol/support/construction-report';
import { FILE_CHUNK_VECTORS } from '../unit/client/protocol/support/file-chunk-report';
import { expectedPrimitiveReport } from '../unit/client/protocol/support/primitive-report';
import { expectedStoreObjectReport } from '../unit/client/protocol/support/store-object-report';
import { createTestCrypto } from '../unit/client/protocol/support/test-crypto';

/*
 * The vectors and constructions of test/unit/client/protocol, run again in headless Chromium with the
 * browser's own WebCrypto and argon2-browser's WASM, and compared with Node's results.
 * Argon2 in the page: the RFC 9106 vector and one m=64 MiB t=3 derivation (the account keys).
 */

const BROWSER_ENTRY = 'test/unit/client/protocol/support/browser-entry.ts';
const DETERMINISTIC_ENTRIES = [
  'account:authKey',
  'account:blobKey',
  'friendship:K requester',
  'friendship:confirm',
  'message:direction key alice > bob',
  'fingerprint:alice',
  'safety number:alice view',
];

describe('client crypto in Chromium', () => {
  const nodeCrypto = createTestCrypto();
  const browser = useBundleInChromium(BROWSER_ENTRY);

  it('bundles without Node-only code and runs in a secure context', async () => {
    expect(browser.bundle.inputs).toContain('src/adapters/crypto/argon2-browser-key-derivation.ts');
    expect(browser.bundle.inputs.filter((input) => input.startsWith('src/adapters/crypto-node/'))).toEqual([]);
    expect(browser.bundle.inputs.filter((input) => input.startsWith('node:'))).toEqual([]);
    expect(await browser.page.evaluate(() => window.isSecureContext && typeof window.crypto.subtle.deriveBits)).toBe('function');
  });

  it('computes every published vector (RFC 9106, 5869, 7748, GCM, Wycheproof, FIPS 180, RFC 4231)', async () => {
    const report = await browser.page.evaluate(() => window.starbaseCrypto.primitiveReport());
    expect(report).toEqual(expectedPrimitiveReport());
  });

  it('reproduces the file chunk vectors (PROTOCOL §9.1) with the browser\'s AES-GCM and hash-wasm\'s streaming SHA-256', async () => {
    expect(await browser.page.evaluate(() => window.starbaseCrypto.fileChunkReport())).toEqual(FILE_CHUNK_VECTORS);
  });

  it('reproduces the store object vectors (PROTOCOL §8.3) and refuses objects moved to another id or account', async () => {
    expect(await browser.page.evaluate(() => window.starbaseCrypto.storeObjectReport())).toEqual(expectedStoreObjectReport());
  });

  it('runs every construction with the same results as Node, and opens what Node sealed', async () => {
    const fromNode = await createInteropArtifacts(nodeCrypto);
    const browserReport = await browser.page.evaluate((artifacts) => window.starbaseCrypto.constructionReport(artifacts), fromNode);
    expectConstructionInvariants(browserReport);
    const nodeReport = await computeConstructionReport(nodeCrypto, null);
    for (const entry of DETERMINISTIC_ENTRIES) {
      expect({ entry, value: browserReport[entry] }).toEqual({ entry, value: expect.any(String) });
      expect({ entry, value: browserReport[entry] }).toEqual({ entry, value: nodeReport[entry] });
    }
  });

  it('seals, encrypts and writes blobs that Node opens', async () => {
    const fromBrowser = await browser.page.evaluate(() => window.starbaseCrypto.interopArtifacts());
    expect(await openInteropArtifacts(nodeCrypto, fromBrowser)).toEqual({
      'interop:sealed to bob': FIXED.interopText,
      'interop:message alice > bob': FIXED.interopText,
      'interop:blob of alice': FIXED.interopText,
    });
  });
});
