import { HomeServerGateway } from '../../src/application/ports/home-server-gateway';
import { MessengerSession } from '../../src/application/client/messenger';
import { befriend, bodies, gaps, startTwoServers, TwoServers, userOf } from './two-server-fixture';

class ClientKilled extends Error {}

/** A gateway whose client dies the first time `at` returns: after the server did its part, before the client heard. */
const dieOnceAfter = (at: 'ackInbox' | 'drop') => {
  let died = false;
  return {
    get died() {
      return died;
    },
    wrap: (gateway: HomeServerGateway): HomeServerGateway =>
      Object.assign(Object.create(gateway) as HomeServerGateway, {
        [at]: async (...args: unknown[]) => {
          const result: unknown = await (gateway[at] as (...a: unknown[]) => Promise<unknown>).apply(gateway, args);
          if (died) return result;
          died = true;
          throw new ClientKilled(`killed after ${at}`);
        },
      }),
  };
};

const numbered = (prefix: string, count: number): string[] => Array.from({ length: count }, (_, index) => `${prefix} ${index + 1}`);

describe('a client killed mid-way loses and duplicates nothing', () => {
  let servers: TwoServers;
  let alice: MessengerSession;
  let bob: MessengerSession;
  const password = { alice: 'alice crash password', bob: 'bob crash password' };

  beforeAll(async () => {
    servers = await startTwoServers();
    alice = await userOf().messenger.register(`alice@${servers.authority1}`, password.alice);
    bob = await userOf().messenger.register(`bob@${servers.authority2}`, password.bob);
    await befriend(alice, bob);
  });
  afterAll(async () => {
    await servers.close();
  });

  const inboxSize = async (): Promise<number> => (await servers.server2.storage.inbox.stats('bob')).items;

  it('between "blob written" and "ack": the next sync deduplicates what comes back', async () => {
    for (const body of numbered('before the crash', 30)) await alice.sendMessage(bob.address, body);
    expect(await inboxSize()).toBe(30);

    const crash = dieOnceAfter('ackInbox');
    const doomed = await userOf({ wrapGateway: crash.wrap }).messenger.logIn(bob.address, password.bob);
    await expect(doomed.sync()).rejects.toBeInstanceOf(ClientKilled);
    expect(crash.died).toBe(true);
    // The server deleted the acknowledged items, but the dying client never learnt it did.
    expect(await inboxSize()).toBe(0);

    for (const body of numbered('after the crash', 5)) await alice.sendMessage(bob.address, body);
    const fresh = await userOf().messenger.logIn(bob.address, password.bob);
    await fresh.sync();
    const received = bodies(fresh.conversation(alice.address), 'in');
    expect(received).toEqual([...numbered('before the crash', 30), ...numbered('after the crash', 5)]);
    expect(gaps(fresh.conversation(alice.address))).toBe(0);
    expect(await inboxSize()).toBe(0);
  });

  it('between "blob written" and "ack", with the ack lost: items come back and are merged once', async () => {
    for (const body of numbered('unacknowledged', 10)) await alice.sendMessage(bob.address, body);
    const dropsAck = (gateway: HomeServerGateway): HomeServerGateway =>
      Object.assign(Object.create(gateway) as HomeServerGateway, {
        ackInbox: async () => {
          throw new ClientKilled('killed before the ack left');
        },
      });
    const doomed = await userOf({ wrapGateway: dropsAck }).messenger.logIn(bob.address, password.bob);
    await expect(doomed.sync()).rejects.toBeInstanceOf(ClientKilled);
    expect(await inboxSize()).toBe(10);

    const fresh = await userOf().messenger.logIn(bob.address, password.bob);
    await fresh.sync();
    const received = bodies(fresh.conversation(alice.address), 'in');
    expect(received.filter((body) => body.startsWith('unacknowledged'))).toEqual(numbered('unacknowledged', 10));
    expect(new Set(received).size).toBe(received.length);
    expect(await inboxSize()).toBe(0);
  });

  it('between "dropped" and "marked delivered": the resend is deduplicated by the friend', async () => {
    const crash = dieOnceAfter('drop');
    const doomedAlice = await userOf({ wrapGateway: crash.wrap }).messenger.logIn(alice.address, password.alice);
    await expect(doomedAlice.sendMessage(bob.address, 'sent once, resent after the crash')).rejects.toBeInstanceOf(ClientKilled);

    const freshAlice = await userOf().messenger.logIn(alice.address, password.alice);
    await freshAlice.sync();
    // The first drop arrived, and the fresh client, finding the message undelivered, sent it again.
    expect(await inboxSize()).toBeGreaterThanOrEqual(2);
    await bob.sync();
    const received = bodies(bob.conversation(alice.address), 'in');
    expect(received.filter((body) => body === 'sent once, resent after the crash')).toHaveLength(1);
    const outgoing = freshAlice.conversation(bob.address).filter((entry) => entry.kind === 'message' && entry.direction === 'out');
    expect(outgoing.every((entry) => entry.kind === 'message' && entry.state === 'sent')).toBe(true);
  });
});
