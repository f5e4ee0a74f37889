import { HomeServerGateway } from '../../src/application/ports/home-server-gateway';
import { MessengerSession } from '../../src/application/client/messenger';
import { bodies, gaps, noImageCaptcha, startTwoServers, statusOf, TwoServers, userOf } from './two-server-fixture';

/** Counts 412 answers to blob writes, to prove the devices really raced. */
class ConflictCounter {
  conflicts = 0;

  readonly wrap = (gateway: HomeServerGateway): HomeServerGateway =>
    Object.assign(Object.create(gateway) as HomeServerGateway, {
      writeBlob: async (...args: Parameters<HomeServerGateway['writeBlob']>) => {
        const written = await gateway.writeBlob(...args);
        if (!written.ok && written.error.code === 'version_conflict') this.conflicts += 1;
        return written;
      },
    });
}

const numbered = (prefix: string, count: number): string[] => Array.from({ length: count }, (_, index) => `${prefix} ${index + 1}`);

const sendAll = async (session: MessengerSession, to: string, texts: readonly string[]): Promise<void> => {
  for (const text of texts) await session.sendMessage(to, text);
};

describe('two devices of one user writing the blob at the same time', () => {
  let servers: TwoServers;
  const counter = new ConflictCounter();
  const bobPassword = 'bob has two laptops';
  let alice: MessengerSession;
  let bobLaptop: MessengerSession;
  let bobPhone: MessengerSession;

  beforeAll(async () => {
    servers = await startTwoServers();
    alice = await userOf().messenger.register(`alice@${servers.authority1}`, 'alice password');
    const bobAddress = `bob@${servers.authority2}`;
    await userOf().messenger.register(bobAddress, bobPassword);
    bobLaptop = await userOf({ wrapGateway: counter.wrap }).messenger.logIn(bobAddress, bobPassword);
    bobPhone = await userOf({ wrapGateway: counter.wrap }).messenger.logIn(bobAddress, bobPassword);
  });
  afterAll(async () => {
    // Ending the sessions cancels their delayed writes of delivery marks, which would outlive the servers.
    await Promise.all([alice, bobLaptop, bobPhone].map((session) => session.logOut()));
    await servers.close();
  });

  it('accepting one request on both devices at once makes one friendship key', async () => {
    await alice.sendFriendRequest(bobLaptop.address, 'hello bob', noImageCaptcha);
    await Promise.all([bobLaptop.sync(), bobPhone.sync()]);
    const requestId = bobLaptop.overview().incomingRequests[0]?.id ?? 'missing';
    expect(bobPhone.overview().incomingRequests.map((request) => request.id)).toEqual([requestId]);

    await Promise.all([bobLaptop.acceptFriendRequest(requestId), bobPhone.acceptFriendRequest(requestId)]);
    await alice.sync();
    expect(statusOf(alice, bobLaptop.address)).toBe('established');

    await bobPhone.sendMessage(alice.address, 'from the phone');
    await bobLaptop.sync();
    await bobLaptop.sendMessage(alice.address, 'from the laptop');
    await alice.sendMessage(bobLaptop.address, 'to both devices');
    await alice.sync();
    await Promise.all([bobLaptop.sync(), bobPhone.sync()]);
    expect(bodies(alice.conversation(bobLaptop.address), 'in')).toEqual(['from the phone', 'from the laptop']);
    expect(bodies(bobLaptop.conversation(alice.address), 'in')).toEqual(['to both devices']);
    expect(bodies(bobPhone.conversation(alice.address), 'in')).toEqual(['to both devices']);
  });

  it('sends from both devices at once without reusing a seq or losing a message', async () => {
    const fromLaptop = numbered('laptop', 25);
    const fromPhone = numbered('phone', 25);
    const conflictsBefore = counter.conflicts;
    await Promise.all([sendAll(bobLaptop, alice.address, fromLaptop), sendAll(bobPhone, alice.address, fromPhone)]);
    expect(counter.conflicts).toBeGreaterThan(conflictsBefore);

    await alice.sync();
    const received = bodies(alice.conversation(bobLaptop.address), 'in');
    expect(received.filter((body) => body.startsWith('laptop'))).toEqual(fromLaptop);
    expect(received.filter((body) => body.startsWith('phone'))).toEqual(fromPhone);
    expect(gaps(alice.conversation(bobLaptop.address))).toBe(0);

    await Promise.all([bobLaptop.sync(), bobPhone.sync()]);
    for (const device of [bobLaptop, bobPhone]) {
      const sent = bodies(device.conversation(alice.address), 'out');
      expect([...sent].sort()).toEqual([...fromLaptop, ...fromPhone, 'from the laptop', 'from the phone'].sort());
    }
  });

  it('keeps friends added on each device at the same moment', async () => {
    const carol = await userOf().messenger.register(`carol@${servers.authority2}`, 'carol password');
    const dave = await userOf().messenger.register(`dave@${servers.authority2}`, 'dave password');
    const conflictsBefore = counter.conflicts;
    await Promise.all([
      bobLaptop.sendFriendRequest(carol.address, 'from the laptop', noImageCaptcha),
      bobPhone.sendFriendRequest(dave.address, 'from the phone', noImageCaptcha),
      bobLaptop.markRead(alice.address),
    ]);
    expect(counter.conflicts).toBeGreaterThan(conflictsBefore);

    const fresh = await userOf().messenger.logIn(bobLaptop.address, bobPassword);
    expect(statusOf(fresh, carol.address)).toBe('pending-outgoing');
    expect(statusOf(fresh, dave.address)).toBe('pending-outgoing');
    expect(fresh.overview().friends.find((friend) => friend.address === alice.address)?.unread).toBe(0);

    await Promise.all([carol.sync(), dave.sync()]);
    await carol.acceptFriendRequest(carol.overview().incomingRequests[0]?.id ?? 'missing');
    await dave.acceptFriendRequest(dave.overview().incomingRequests[0]?.id ?? 'missing');
    await bobPhone.sync();
    await bobLaptop.sync();
    expect(statusOf(bobLaptop, carol.address)).toBe('established');
    expect(statusOf(bobLaptop, dave.address)).toBe('established');
    await befriendCheck(bobLaptop, carol);
    await carol.logOut();
  });
});

/** A message each way proves both ends hold the same key. */
const befriendCheck = async (bob: MessengerSession, friend: MessengerSession): Promise<void> => {
  await friend.sync();
  await bob.sendMessage(friend.address, 'ping');
  await friend.sendMessage(bob.address, 'pong');
  await friend.sync();
  await bob.sync();
  expect(bodies(friend.conversation(bob.address), 'in')).toEqual(['ping']);
  expect(bodies(bob.conversation(friend.address), 'in')).toEqual(['pong']);
};

