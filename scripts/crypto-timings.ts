/*
 * Prints how long the client crypto takes in Node and in headless Chromium: Argon2id at the
 * protocol default (m = 64 MiB, t = 3, p = 1), first call and warm, and seal/open and message
 * encrypt/decrypt per message, and one safety number. Figures only — nothing here is a test.
 *
 * Run from the repository root:
 *   npx esbuild scripts/crypto-timings.ts --bundle --platform=node --packages=external \
 *     --outfile=bench-output/crypto-timings.js && node bench-output/crypto-timings.js [messages]
 */
import '../src/adapters/crypto-node/argon2-node-loader';
import { HashWasmKeyDerivation } from '../src/adapters/crypto-node/hash-wasm-key-derivation';
import { createWebCryptoSuite } from '../src/adapters/crypto/web-crypto-suite';
import { openBundleInChromium } from '../test/support/browser';
import { CryptoTimings, measureCryptoTimings } from '../test/unit/client/protocol/support/crypto-timings';

const BROWSER_ENTRY = 'test/unit/client/protocol/support/browser-entry.ts';

const row = (label: string, timings: CryptoTimings): string =>
  [
    label.padEnd(40),
    timings.argon2idFirstMs.toFixed(0).padStart(8),
    timings.argon2idWarmMs.toFixed(0).padStart(8),
    timings.sealMsPerMessage.toFixed(3).padStart(8),
    timings.openMsPerMessage.toFixed(3).padStart(8),
    timings.encryptMessageMsPerMessage.toFixed(3).padStart(8),
    timings.decryptMessageMsPerMessage.toFixed(3).padStart(8),
    timings.safetyNumberMs.toFixed(0).padStart(8),
  ].join(' ');

const main = async (): Promise<void> => {
  const messages = Number(process.argv[2] ?? 500);
  const rows: string[] = [];
  rows.push(row(`Node ${process.version}, argon2-browser`, await measureCryptoTimings(createWebCryptoSuite(), messages)));
  rows.push(
    row(
      `Node ${process.version}, hash-wasm`,
      await measureCryptoTimings(createWebCryptoSuite({ keyDerivation: new HashWasmKeyDerivation() }), messages),
    ),
  );
  const browser = await openBundleInChromium(BROWSER_ENTRY);
  try {
    const version = browser.page.context().browser()?.version() ?? 'Chromium';
    const timings = await browser.page.evaluate((count) => window.starbaseCrypto.timings(count), messages);
    rows.push(row(`Chromium ${version}, argon2-browser`, timings));
  } finally {
    await browser.close();
  }
  console.log(`client crypto timings, ms (${messages} messages; Argon2id m=65536 KiB t=3 p=1)`);
  console.log(
    ['runtime'.padEnd(40), 'a2 first', ' a2 warm', '    seal', '    open', ' msg enc', ' msg dec', ' safety#'].join(' '),
  );
  for (const line of rows) console.log(line);
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
