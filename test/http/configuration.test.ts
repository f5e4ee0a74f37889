import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../src/infrastructure/config';
import { policyFrom } from '../../src/infrastructure/container';
import { composeServer } from '../../src/infrastructure/compose-server';
import { TEST_SCRYPT_COST } from '../../src/adapters/security/scrypt-auth-key-hasher';
import { API, HttpTestClient } from './http-test-client';

/** What `run` throws; fails the test when it returns normally. */
const thrownBy = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw, but it returned');
};

describe('configuration', () => {
  it('has the PROTOCOL §7 and §10 defaults', () => {
    expect(loadConfig({}, [])).toMatchObject({
      host: '127.0.0.1',
      port: 8080,
      dataDir: join(process.cwd(), 'data'),
      storage: 'sqlite',
      mongodbUrl: null,
      captcha: 'image',
      registration: 'open',
      publicUrl: null,
      rateLimits: true,
      logLevel: 'info',
      inboxItems: 10000,
      inboxBytes: 1073741824,
      tokenBytes: null,
      blobBytes: 16777216,
      envelopeBytes: 65536,
      objectBytes: 4194304,
      storeBytes: 1073741824,
      fileBytes: 104857600,
      dropRetentionDays: 30,
      trustProxy: false,
    });
  });

  it('keeps unclaimed drops STARBASE_DROP_RETENTION_DAYS days (or --drop-retention-days), whole days only', () => {
    expect(policyFrom(loadConfig({}, [])).dropRetentionMs).toBe(30 * 24 * 60 * 60 * 1000);
    expect(policyFrom(loadConfig({ STARBASE_DROP_RETENTION_DAYS: '7' }, ['--drop-retention-days=2'])).dropRetentionMs).toBe(2 * 24 * 60 * 60 * 1000);
    expect(() => loadConfig({ STARBASE_DROP_RETENTION_DAYS: '0' }, [])).toThrow(/STARBASE_DROP_RETENTION_DAYS/);
    expect(() => loadConfig({ STARBASE_DROP_RETENTION_DAYS: '1.5' }, [])).toThrow(/STARBASE_DROP_RETENTION_DAYS/);
  });

  it('reads STARBASE_* variables and lets flags of the same name override them', () => {
    const env = { STARBASE_PORT: '9000', STARBASE_CAPTCHA: 'pow', STARBASE_RATE_LIMITS: 'off', STARBASE_PUBLIC_URL: 'https://chat.example.org/' };
    const config = loadConfig(env, ['--port=9001', '--STARBASE_REGISTRATION=closed', '--storage=memory']);
    expect(config).toMatchObject({ port: 9001, captcha: 'pow', rateLimits: false, registration: 'closed', storage: 'memory', publicUrl: 'https://chat.example.org' });
  });

  it('fails fast, naming every bad variable and what it accepts', () => {
    const attempt = () =>
      loadConfig({ STARBASE_PORT: 'eighty', STARBASE_STORAGE: 'postgres', STARBASE_BLOB_BYTES: '999999999999' }, ['--colour=blue']);
    const error = thrownBy(attempt);
    expect(error).toBeInstanceOf(ConfigError);
    const { message, problems } = error as ConfigError;
    expect(message).toContain('STARBASE_PORT="eighty"');
    expect(message).toContain('STARBASE_STORAGE="postgres"');
    expect(message).toContain('sqlite, memory, mongodb');
    expect(message).toContain('STARBASE_BLOB_BYTES');
    expect(message).toContain('--colour=blue');
    expect(problems).toHaveLength(4);
  });

  it('gives each drop token a quarter of the inbox bytes unless STARBASE_TOKEN_BYTES says otherwise, and strangers 1/16', () => {
    const byDefault = policyFrom(loadConfig({ STARBASE_INBOX_BYTES: '4194304', STARBASE_INBOX_ITEMS: '320' }, [])).quotas;
    expect(byDefault).toMatchObject({ maxBytes: 4194304, maxBytesPerToken: 1048576, maxOpenInboxItems: 20, maxOpenInboxBytes: 262144 });
    const chosen = policyFrom(loadConfig({ STARBASE_TOKEN_BYTES: '65536' }, [])).quotas;
    expect(chosen).toMatchObject({ maxBytes: 1073741824, maxBytesPerToken: 65536 });
    expect(() => loadConfig({ STARBASE_TOKEN_BYTES: 'lots' }, [])).toThrow(/STARBASE_TOKEN_BYTES/);
  });

  it('requires a MongoDB URL for mongodb storage', () => {
    expect(() => loadConfig({ STARBASE_STORAGE: 'mongodb' }, [])).toThrow(/STARBASE_MONGODB_URL/);
  });

  it('accepts a replica-set seed list as the MongoDB URL and refuses other schemes', () => {
    const seedList = 'mongodb://u:p@db1:27017,db2:27017,db3:27017/starbase?replicaSet=rs0';
    expect(loadConfig({ STARBASE_STORAGE: 'mongodb', STARBASE_MONGODB_URL: seedList }, []).mongodbUrl).toBe(seedList);
    expect(() => loadConfig({ STARBASE_STORAGE: 'mongodb', STARBASE_MONGODB_URL: 'http://db1:27017' }, [])).toThrow(
      /STARBASE_MONGODB_URL/,
    );
  });
});

describe('a server on a fresh SQLite data dir', () => {
  it('creates its signing secret once, so sessions survive a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'starbase-restart-'));
    const config = { ...loadConfig({}, []), dataDir, logLevel: 'silent' as const, captcha: 'pow' as const, webRoot: null };
    try {
      const first = await composeServer(config, { scryptCost: TEST_SCRYPT_COST, rateLimits: false });
      const alice = await new HttpTestClient(await first.httpApp()).signUp('alice');
      await first.close();

      const second = await composeServer(config, { scryptCost: TEST_SCRYPT_COST, rateLimits: false });
      const blob = await new HttpTestClient(await second.httpApp()).request('GET', `${API}/blob`, { token: alice.token });
      expect(blob.statusCode).toBe(200);
      await second.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
