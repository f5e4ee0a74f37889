import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FetchHomeServerGateway } from '../../src/adapters/gateway/fetch-home-server-gateway';
import { TEST_SCRYPT_COST } from '../../src/adapters/security/scrypt-auth-key-hasher';
import { loadConfig } from '../../src/infrastructure/config';
import { ComposedServer, composeServer } from '../../src/infrastructure/compose-server';
import { anIdentityKeyB64u } from '../http/http-test-client';
import { BundlePage, openBundleInChromium } from '../support/browser';
import { kdfBody } from '../unit/adapters/gateway/wire-samples';

/* The gateway's object calls from a page in Chromium to a home server on another origin, as the web app makes them. */

const ENTRY = 'test/unit/adapters/gateway/store-objects.browser-entry.ts';
const random = (bytes: number): string => randomBytes(bytes).toString('base64url');

describe('the store object calls from Chromium', () => {
  let dataDir: string;
  let server: ComposedServer;
  let authority: string;
  let session: string;
  let browser: BundlePage;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'starbase-browser-objects-'));
    const config = loadConfig({
      STARBASE_STORAGE: 'memory',
      STARBASE_CAPTCHA: 'pow',
      STARBASE_RATE_LIMITS: 'off',
      STARBASE_LOG_LEVEL: 'silent',
      STARBASE_DATA_DIR: dataDir,
    });
    server = await composeServer(config, { scryptCost: TEST_SCRYPT_COST, powMaxNumber: 200 });
    const app = await server.httpApp();
    await app.listen({ host: '127.0.0.1', port: 0 });
    authority = `127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const gateway = new FetchHomeServerGateway(authority, { allowHttp: true });
    const authKey = random(32);
    const identity = { name: 'alice', authKey, kdf: { ...kdfBody, salt: random(16) }, identityKey: anIdentityKeyB64u(), blob: { ciphertext: random(80) } };
    if (!(await gateway.register(identity)).ok) throw new Error('no account');
    const opened = await gateway.openSession({ name: 'alice', authKey });
    if (!opened.ok) throw new Error('no session');
    session = opened.value.token;
    browser = await openBundleInChromium(ENTRY);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  afterEach(() => {
    // Chromium logs every 4xx answer to the console; those are the answers under test, not page errors.
    expect(browser.pageErrors.filter((error) => !error.startsWith('Failed to load resource: the server responded'))).toEqual([]);
  });

  it('puts raw bytes, reads them back byte for byte, lists and deletes them', async () => {
    const id = random(16);
    const answered = await browser.page.evaluate(([at, token, objectId]) => window.gatewayObjects.roundTrip(at, token, objectId, 300_000, 7), [authority, session, id] as const);
    expect(answered).toEqual({ discovered: 4 * 1024 * 1024, put: { id, bytes: 300_000 }, readSame: true, listed: [id], deleted: 'ok' });
  });

  it('sees object_missing and its ids from a head write', async () => {
    const id = random(16);
    const answered = await browser.page.evaluate(([at, token, objectId]) => window.gatewayObjects.commitMissing(at, token, objectId), [authority, session, id] as const);
    expect(answered).toEqual({ code: 'object_missing', missing: [id] });
  });
});
