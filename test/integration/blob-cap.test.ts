import { befriend, bodies, startTwoServers, TwoServers, userOf } from './two-server-fixture';

const BLOB_LIMIT = 16 * 1024;

describe('a blob near its size cap', () => {
  let servers: TwoServers;

  beforeAll(async () => {
    servers = await startTwoServers({ server2: { config: { blobBytes: BLOB_LIMIT } } });
  });
  afterAll(async () => {
    await servers.close();
  });

  it('stops acknowledging and tells the user, rather than losing messages', async () => {
    const alice = await userOf().messenger.register(`alice@${servers.authority2}`, 'alice password');
    const bob = await userOf().messenger.register(`bob@${servers.authority1}`, 'bob password');
    await befriend(bob, alice, () => Promise.reject(new Error('pow expected')));
    const sent = Array.from({ length: 60 }, (_, index) => `message ${index + 1}: ${'padding '.repeat(12)}`);
    for (const body of sent) await bob.sendMessage(alice.address, body);

    // Each sync stores what still fits below the cap; a few syncs reach the point where nothing does.
    let storedBefore = -1;
    for (let round = 0; round < 10 && bodies(alice.conversation(bob.address), 'in').length !== storedBefore; round++) {
      storedBefore = bodies(alice.conversation(bob.address), 'in').length;
      await alice.sync();
    }
    const stored = bodies(alice.conversation(bob.address), 'in');
    const waiting = (await servers.server2.storage.inbox.stats('alice')).items;
    expect(alice.overview().storageWarning).toMatch(/nearly full/);
    expect(stored.length).toBeGreaterThan(0);
    expect(waiting).toBeGreaterThan(0);
    expect(stored).toEqual(sent.slice(0, stored.length));
    expect(stored.length + waiting).toBe(sent.length);

    // Another sync neither loses nor duplicates: everything past the cap keeps waiting.
    await alice.sync();
    expect(bodies(alice.conversation(bob.address), 'in')).toEqual(stored);
    expect((await servers.server2.storage.inbox.stats('alice')).items).toBe(waiting);
    // bob's delayed write of delivery marks would otherwise outlive the servers.
    await bob.logOut();
  });
});
