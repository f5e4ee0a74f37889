import '../../src/adapters/crypto-node/argon2-node-loader';
import { Argon2BrowserKeyDerivation } from '../../src/adapters/crypto/argon2-browser-key-derivation';
import { HashWasmKeyDerivation } from '../../src/adapters/crypto-node/hash-wasm-key-derivation';
import { createWebCryptoSuite } from '../../src/adapters/crypto/web-crypto-suite';
import { openBundleInChromium } from '../../test/support/browser';
import { ClientCryptoFigures, CryptoPlan, measureClientCrypto } from './crypto-figures';

const BROWSER_ENTRY = 'bench/client/browser-entry.ts';

export const measureCryptoInNode = (plan: CryptoPlan, log: (line: string) => void): Promise<ClientCryptoFigures> =>
  measureClientCrypto(
    `Node ${process.version}`,
    { crypto: createWebCryptoSuite(), kdfs: { 'argon2-browser': new Argon2BrowserKeyDerivation(), 'hash-wasm': new HashWasmKeyDerivation() } },
    plan,
    log,
  );

/** The same figures in headless Chromium: the bundle is served from 127.0.0.1 (a secure context). */
export const measureCryptoInChromium = async (plan: CryptoPlan, log: (line: string) => void): Promise<ClientCryptoFigures> => {
  const browser = await openBundleInChromium(BROWSER_ENTRY);
  try {
    browser.page.on('console', (message) => {
      if (message.type() === 'log') log(message.text());
    });
    const version = browser.page.context().browser()?.version() ?? '';
    const runtime = `Chromium ${version || (await browser.page.evaluate(() => navigator.userAgent.match(/Chrome\/([\d.]+)/)?.[1] ?? '?'))}`;
    const figures = await browser.page.evaluate(({ runtime, plan }) => window.starbaseBench.clientCrypto(runtime, plan), { runtime, plan });
    if (browser.pageErrors.length > 0) throw new Error(`the bench page reported errors: ${browser.pageErrors.join('; ')}`);
    return figures;
  } finally {
    await browser.close();
  }
};
