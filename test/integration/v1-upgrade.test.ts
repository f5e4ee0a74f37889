import '../../src/adapters/crypto-node/argon2-node-loader';
import { createWebCryptoSuite } from '../../src/adapters/crypto/web-crypto-suite';
import { FetchHomeServerGatewayFactory } from '../../src/adapters/gateway/fetch-home-server-gateway';
import { deriveAccountKeys } from '../../src/application/client/protocol/account-keys';
import { decodeB64u, encodeB64u } from '../../src/domain/protocol/encoding/b64u';
import { loadV1BlobFixtures, V1BlobFixture } from '../fixtures/v1-blob-fixture';
import { authorityOf, createNodeMessenger } from '../support/node-messenger';
import { startTestServer, TestServer } from '../support/test-server';

/*
 * PROTOCOL §8.6 over HTTP on SQLite: a home server holding an account exactly as the version 1
 * client left it (the committed fixture blobs); two devices of the version 2 client log in at the
 * same moment, and the account becomes one store with every message.
 */

const crypto = createWebCryptoSuite();
const fixture = loadV1BlobFixtures().find((candidate) => candidate.scenario === 'alice-two-friends-long-history');
if (fixture === undefined) throw new Error('the long-history fixture is missing');

/** Registers the fixture's account over HTTP and raises its blob to the fixture's version. */
const seed = async (server: TestServer, v1: V1BlobFixture): Promise<string> => {
  const authority = authorityOf(server.url);
  const keys = await deriveAccountKeys(crypto, v1.password, v1.kdf);
  if (!keys.ok) throw new Error(keys.error);
  const gateway = new FetchHomeServerGatewayFactory({ allowHttp: true }).forServer(authority);
  const registered = await gateway.register({
    name: v1.name,
    authKey: encodeB64u(keys.value.authKey),
    kdf: v1.kdf,
    identityKey: v1.identityKey,
    blob: { ciphertext: v1.blob.ciphertext },
  });
  if (!registered.ok) throw new Error(JSON.stringify(registered.error));
  const ciphertext = decodeB64u(v1.blob.ciphertext);
  if (ciphertext === null) throw new Error('not b64u');
  for (let version = 1; version < v1.blob.version; version++) {
    const saved = await server.storage.blobs.save(v1.name, ciphertext, version, Date.now());
    if (!saved.ok) throw new Error(JSON.stringify(saved.error));
  }
  return `${v1.name}@${authority}`;
};

describe('upgrading a version 1 account over HTTP', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ storage: 'sqlite', listen: true });
  });
  afterAll(async () => {
    await server.close();
  });

  it('two devices logging in at once end on one store holding every message, nothing left staged', async () => {
    const address = await seed(server, fixture);

    const [laptop, phone] = await Promise.all([
      createNodeMessenger().messenger.logIn(address, fixture.password),
      createNodeMessenger().messenger.logIn(address, fixture.password),
    ]);

    for (const session of [laptop, phone]) {
      const exported = JSON.parse(await session.exportData()) as { blob: { messages: Record<string, { body: string }> } };
      const bodies = Object.values(exported.blob.messages).map((message) => message.body);
      expect(bodies).toHaveLength(fixture.expect.messages);
      expect(bodies).toEqual(expect.arrayContaining([...fixture.expect.sampleBodies]));
    }
    const objects = await server.storage.objects.list(fixture.name, { state: null, afterId: '', limit: 1000 });
    expect(objects.items.length).toBeGreaterThan(0);
    expect(objects.items.filter((item) => item.state !== 'committed')).toEqual([]);
    const blob = await server.storage.blobs.find(fixture.name);
    expect(blob?.version).toBeGreaterThan(fixture.blob.version);
    await Promise.all([laptop.logOut(), phone.logOut()]);
  });
});
