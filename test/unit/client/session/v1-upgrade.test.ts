import '../../../../src/adapters/crypto-node/argon2-node-loader';
import { createWebCryptoSuite } from '../../../../src/adapters/crypto/web-crypto-suite';
import { MemoryLocalStore } from '../../../../src/adapters/local-store/memory-local-store';
import { MemoryObjectCache } from '../../../../src/adapters/local-store/memory-object-cache';
import { deriveAccountKeys } from '../../../../src/application/client/protocol/account-keys';
import { accountObjects } from '../../../../src/application/client/session/account-objects';
import { SignedInAccount } from '../../../../src/application/client/session/signed-in-account';
import { readObject } from '../../../../src/application/client/store/read-object';
import { createClientUseCases } from '../../../../src/application/client/use-cases/client-use-cases';
import { HomeServerGateway } from '../../../../src/application/ports/home-server-gateway';
import { parseMessagePage } from '../../../../src/domain/messaging/store/message-page';
import { storedMessages } from '../../../../src/domain/messaging/store/read-conversation';
import { KDF_FLOOR } from '../../../../src/domain/protocol/account-rules';
import { decodeB64u } from '../../../../src/domain/protocol/encoding/b64u';
import { loadV1BlobFixtures, V1BlobFixture } from '../../../fixtures/v1-blob-fixture';
import { InProcessHomeServers } from '../../../support/in-process-home-server-gateway';
import { createServerHarness, ServerHarness } from '../../server/server-harness';

/*
 * PROTOCOL §8.6 with the committed version 1 blobs: the first login of a version 2 client turns the
 * blob into a format 2 store in one commit, and a crash or a second device upgrading at the same
 * moment loses no message and commits no history twice.
 */

const crypto = createWebCryptoSuite();
const DAY_MS = 24 * 60 * 60 * 1000;

const bytes = (b64u: string): Uint8Array => {
  const decoded = decodeB64u(b64u);
  if (decoded === null) throw new Error('not b64u');
  return decoded;
};

/** A home server holding the fixture's account exactly as the version 1 client left it. */
const serverWith = async (fixture: V1BlobFixture) => {
  const authority = fixture.address.split('@')[1] ?? '';
  const harness = createServerHarness();
  const servers = new InProcessHomeServers();
  servers.add(authority, harness.deps);
  const keys = await deriveAccountKeys(crypto, fixture.password, fixture.kdf);
  if (!keys.ok) throw new Error(keys.error);
  const ciphertext = bytes(fixture.blob.ciphertext);
  const registered = await harness.registerAccount.execute({
    name: fixture.name,
    authKey: keys.value.authKey,
    kdf: fixture.kdf,
    identityKey: bytes(fixture.identityKey),
    blob: { ciphertext },
    authority,
  });
  if (!registered.ok) throw new Error(JSON.stringify(registered.error));
  for (let version = 1; version < fixture.blob.version; version++) {
    const saved = await harness.storage.blobs.save(fixture.name, ciphertext, version, harness.clock.now());
    if (!saved.ok) throw new Error(JSON.stringify(saved.error));
  }
  return { harness, servers };
};

const device = (servers: InProcessHomeServers, wrap: (gateway: HomeServerGateway) => HomeServerGateway = (gateway) => gateway) =>
  createClientUseCases({
    crypto,
    gateways: { forServer: (authority) => wrap(servers.forServer(authority)) },
    localStore: new MemoryLocalStore(),
    clock: { now: () => Date.now() },
    kdfCost: KDF_FLOOR,
    timer: { sleep: async () => undefined },
    objectCaches: () => new MemoryObjectCache(),
  });

const logIn = async (servers: InProcessHomeServers, fixture: V1BlobFixture, wrap?: (gateway: HomeServerGateway) => HomeServerGateway) =>
  device(servers, wrap).logIn.execute({ address: fixture.address, password: fixture.password });

const signedIn = async (servers: InProcessHomeServers, fixture: V1BlobFixture): Promise<SignedInAccount> => {
  const account = await logIn(servers, fixture);
  if (!account.ok) throw new Error(JSON.stringify(account.error));
  return account.value;
};

/** Every message of the store: the tail and every page it references, read back from the server. */
const allMessages = async (account: SignedInAccount) => {
  const access = { ...accountObjects({ crypto }, account), cache: new MemoryObjectCache() };
  const pages = [];
  for (const id of Object.keys(account.head.pages)) {
    const text = await readObject(access, id);
    if (!text.ok) throw new Error(JSON.stringify(text.error));
    const page = parseMessagePage(text.value);
    if (!page.ok) throw new Error(page.error);
    pages.push(page.value);
  }
  return Object.values(storedMessages(account.head, pages));
};

const objectIds = async (harness: ServerHarness, name: string, state: 'staged' | 'committed') => {
  const listed = await harness.listStoreObjects.execute({ name, state, limit: 1000 });
  if (!listed.ok) throw new Error(JSON.stringify(listed.error));
  return listed.value.items.map((item) => item.id).sort();
};

const fixtures = loadV1BlobFixtures();
const longHistory = fixtures.find((fixture) => fixture.scenario === 'alice-two-friends-long-history');
if (longHistory === undefined) throw new Error('the long-history fixture is missing');

describe.each(fixtures.map((fixture) => [fixture.scenario, fixture] as const))('upgrading the version 1 blob %s', (_, fixture) => {
  it('becomes a format 2 store at the first login, every message kept, its pages committed', async () => {
    const { harness, servers } = await serverWith(fixture);
    const account = await signedIn(servers, fixture);

    expect(account.head.format).toBe(2);
    expect(account.version).toBeGreaterThan(fixture.blob.version);
    const messages = await allMessages(account);
    expect(messages).toHaveLength(fixture.expect.messages);
    expect(messages.map((message) => message.body)).toEqual(expect.arrayContaining([...fixture.expect.sampleBodies]));
    expect(await objectIds(harness, fixture.name, 'committed')).toEqual(Object.keys(account.head.pages).sort());
    expect(await objectIds(harness, fixture.name, 'staged')).toEqual([]);

    // The next device finds the store, not the blob: nothing is upgraded twice.
    const second = await signedIn(servers, fixture);
    expect(second.head.storeKey).toBe(account.head.storeKey);
    expect(second.version).toBeGreaterThanOrEqual(account.version);
    expect(await objectIds(harness, fixture.name, 'committed')).toEqual(Object.keys(account.head.pages).sort());
  });
});

describe('upgrading the long history', () => {
  it('seals the history into pages', async () => {
    const { servers } = await serverWith(longHistory);
    const account = await signedIn(servers, longHistory);
    expect(Object.keys(account.head.pages).length).toBeGreaterThan(0);
  });

  it('with two devices at once: one commits its pages, the other adopts its store and deletes the pages it staged', async () => {
    const { harness, servers } = await serverWith(longHistory);
    let winner: SignedInAccount | undefined;
    // The loser's head write waits until the winner has upgraded: a 412 for the loser.
    const late = (gateway: HomeServerGateway): HomeServerGateway => {
      const writeBlob: HomeServerGateway['writeBlob'] = async (session, input) => {
        if (winner === undefined) winner = await signedIn(servers, longHistory);
        return gateway.writeBlob(session, input);
      };
      return Object.assign(Object.create(gateway) as HomeServerGateway, { writeBlob });
    };
    const loser = await logIn(servers, longHistory, late);
    if (!loser.ok) throw new Error(JSON.stringify(loser.error));
    if (winner === undefined) throw new Error('the winner never ran');

    expect(loser.value.head.storeKey).toBe(winner.head.storeKey);
    expect(Object.keys(loser.value.head.pages).sort()).toEqual(Object.keys(winner.head.pages).sort());
    expect(await objectIds(harness, longHistory.name, 'committed')).toEqual(Object.keys(winner.head.pages).sort());
    expect(await objectIds(harness, longHistory.name, 'staged')).toEqual([]);
    expect(await allMessages(loser.value)).toHaveLength(longHistory.expect.messages);
  });

  it('after a crash between the page uploads and the head write: the blob stays version 1, the staged pages expire, the next login upgrades', async () => {
    const { harness, servers } = await serverWith(longHistory);
    const crashing = (gateway: HomeServerGateway): HomeServerGateway => {
      const writeBlob: HomeServerGateway['writeBlob'] = async () => {
        throw new Error('the tab was closed');
      };
      return Object.assign(Object.create(gateway) as HomeServerGateway, { writeBlob });
    };
    await expect(logIn(servers, longHistory, crashing)).rejects.toThrow('the tab was closed');
    const blob = await harness.storage.blobs.find(longHistory.name);
    expect(blob?.version).toBe(longHistory.blob.version);
    expect((await objectIds(harness, longHistory.name, 'staged')).length).toBeGreaterThan(0);
    expect(await objectIds(harness, longHistory.name, 'committed')).toEqual([]);

    harness.clock.advance(DAY_MS + 1);
    await harness.purgeExpired.execute();
    expect(await objectIds(harness, longHistory.name, 'staged')).toEqual([]);

    const account = await signedIn(servers, longHistory);
    expect(account.head.format).toBe(2);
    expect(await allMessages(account)).toHaveLength(longHistory.expect.messages);
    expect(await objectIds(harness, longHistory.name, 'committed')).toEqual(Object.keys(account.head.pages).sort());
  });
});
