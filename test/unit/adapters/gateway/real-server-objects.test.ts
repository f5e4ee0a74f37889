import { mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FetchHomeServerGateway } from '../../../../src/adapters/gateway/fetch-home-server-gateway';
import { TEST_SCRYPT_COST } from '../../../../src/adapters/security/scrypt-auth-key-hasher';
import { loadConfig } from '../../../../src/infrastructure/config';
import { ComposedServer, composeServer } from '../../../../src/infrastructure/compose-server';
import { describeStoreObjectCalls, STORE_TEST_LIMITS } from './store-object-calls-contract';

describe('FetchHomeServerGateway against the real home server', () => {
  let dataDir: string;
  let server: ComposedServer | undefined;

  afterAll(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  describeStoreObjectCalls('over HTTP', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'starbase-gateway-objects-'));
    const config = loadConfig({
      STARBASE_STORAGE: 'memory',
      STARBASE_CAPTCHA: 'pow',
      STARBASE_RATE_LIMITS: 'off',
      STARBASE_LOG_LEVEL: 'silent',
      STARBASE_DATA_DIR: dataDir,
      STARBASE_OBJECT_BYTES: String(STORE_TEST_LIMITS.objectBytes),
      STARBASE_STORE_BYTES: String(STORE_TEST_LIMITS.storeBytes),
      STARBASE_BLOB_BYTES: String(STORE_TEST_LIMITS.blobBytes),
      STARBASE_TOKEN_BYTES: String(STORE_TEST_LIMITS.tokenBytes),
    });
    server = await composeServer(config, { scryptCost: TEST_SCRYPT_COST, powMaxNumber: 200 });
    const app = await server.httpApp();
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    const gateway = new FetchHomeServerGateway(`127.0.0.1:${port}`, { allowHttp: true });
    const found = await gateway.discover();
    expect(found.ok && found.value.limits.objectBytes).toBe(STORE_TEST_LIMITS.objectBytes);
    return gateway;
  });
});
