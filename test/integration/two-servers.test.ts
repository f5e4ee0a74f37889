import { MessengerError, MessengerSession, ProgressStage } from '../../src/application/client/messenger';
import { MemoryLocalStore } from '../../src/adapters/local-store/memory-local-store';
import { bodies, CaptchaWitness, gaps, noImageCaptcha, startTwoServers, statusOf, TwoServers, userOf } from './two-server-fixture';

const MESSAGES_PER_DIRECTION = 200;
const SYNC_EVERY = 25;

const aToB = (n: number): string => `alice → bob #${n}`;
const bToA = (n: number): string => `bob → alice #${n}`;
const range = (count: number, label: (n: number) => string): string[] => Array.from({ length: count }, (_, index) => label(index + 1));

/** Resolves once the session's state satisfies `condition` (checked on every change). */
const waitFor = (session: MessengerSession, condition: () => boolean): Promise<void> =>
  new Promise((resolve) => {
    if (condition()) return resolve();
    const stop = session.onChange(() => {
      if (!condition()) return;
      stop();
      resolve();
    });
  });

describe('two home servers: alice@server1 (sqlite) and bob@server2 (memory)', () => {
  let servers: TwoServers;
  const aliceDevice = new MemoryLocalStore();
  const bobDevice = new MemoryLocalStore();
  let alice: MessengerSession;
  let bob: MessengerSession;
  let aliceAddress: string;
  let bobAddress: string;

  beforeAll(async () => {
    servers = await startTwoServers();
    aliceAddress = `alice@${servers.authority1}`;
    bobAddress = `bob@${servers.authority2}`;
    alice = await userOf({ localStore: aliceDevice }).messenger.register(aliceAddress, 'correct horse battery staple');
    bob = await userOf({ localStore: bobDevice }).messenger.register(bobAddress, 'bob’s own passphrase');
  });
  afterAll(async () => {
    await servers.close();
  });

  it('alice befriends bob through a proof-of-work captcha solved automatically', async () => {
    const stages: ProgressStage[] = [];
    const progressAlice = await userOf({ localStore: aliceDevice }).messenger.logIn(aliceAddress, 'correct horse battery staple', {
      onProgress: (stage) => stages.push(stage),
    });
    await progressAlice.sendFriendRequest(bobAddress, 'it is me, alice', noImageCaptcha);
    expect(stages).toContain('solving-captcha');
    await alice.sync();
    expect(statusOf(alice, bobAddress)).toBe('pending-outgoing');

    await bob.sync();
    expect(bob.overview().incomingRequests).toEqual([expect.objectContaining({ from: aliceAddress, verified: false, proven: true })]);
    await bob.checkSender(bob.overview().incomingRequests[0]?.id ?? '');
    const [request] = bob.overview().incomingRequests;
    expect(request).toMatchObject({ from: aliceAddress, note: 'it is me, alice', verified: true });
    await bob.acceptFriendRequest(request?.id ?? '');
    expect(bob.overview().incomingRequests).toEqual([]);
    expect(statusOf(bob, aliceAddress)).toBe('awaiting-confirmation');

    await alice.sync();
    expect(statusOf(alice, bobAddress)).toBe('established');
    await bob.sync();
    expect(statusOf(bob, aliceAddress)).toBe('established');
    await progressAlice.logOut();
  });

  it('shows both sides the same safety number', async () => {
    const seenByAlice = await alice.safetyNumber(bobAddress);
    const seenByBob = await bob.safetyNumber(aliceAddress);
    expect(seenByAlice).toMatch(/^\d{5}( \d{5}){11}$/);
    expect(seenByAlice).toBe(seenByBob);
  });

  it(`delivers ${MESSAGES_PER_DIRECTION} messages each way exactly once and in order`, async () => {
    for (let n = 1; n <= MESSAGES_PER_DIRECTION; n++) {
      await alice.sendMessage(bobAddress, aToB(n));
      await bob.sendMessage(aliceAddress, bToA(n));
      if (n % SYNC_EVERY === 0) await Promise.all([alice.sync(), bob.sync()]);
    }
    await Promise.all([alice.sync(), bob.sync()]);

    const atBob = bob.conversation(aliceAddress);
    const atAlice = alice.conversation(bobAddress);
    expect(bodies(atBob, 'in')).toEqual(range(MESSAGES_PER_DIRECTION, aToB));
    expect(bodies(atAlice, 'in')).toEqual(range(MESSAGES_PER_DIRECTION, bToA));
    expect(bodies(atBob, 'out')).toEqual(range(MESSAGES_PER_DIRECTION, bToA));
    expect(gaps(atBob) + gaps(atAlice)).toBe(0);
    expect(atAlice.every((entry) => entry.kind === 'message' && (entry.direction === 'in' || entry.state === 'sent'))).toBe(true);
    expect(alice.overview().friends[0]?.unread).toBe(MESSAGES_PER_DIRECTION);
  });

  it('keeps every message exactly once after both log out and log in again', async () => {
    await alice.logOut();
    await bob.logOut();
    await expect(alice.sync()).rejects.toMatchObject({ code: 'unauthorized' });

    alice = await userOf({ localStore: aliceDevice }).messenger.logIn(aliceAddress, 'correct horse battery staple');
    // bob comes back on a device that has never seen his account.
    bob = await userOf().messenger.logIn(bobAddress, 'bob’s own passphrase');
    await Promise.all([alice.sync(), bob.sync()]);
    // A new login reads the head, which holds the recent messages; older pages load as the user scrolls back (PROTOCOL §8.4).
    while (await bob.loadOlder(aliceAddress));
    while (await alice.loadOlder(bobAddress));

    expect(bodies(bob.conversation(aliceAddress), 'in')).toEqual(range(MESSAGES_PER_DIRECTION, aToB));
    expect(bodies(alice.conversation(bobAddress), 'in')).toEqual(range(MESSAGES_PER_DIRECTION, bToA));
    expect(await alice.safetyNumber(bobAddress)).toBe(await bob.safetyNumber(aliceAddress));

    await alice.markRead(bobAddress);
    expect(alice.overview().friends[0]?.unread).toBe(0);
  });

  it('delivers while live, without an explicit sync', async () => {
    const stop = bob.goLive();
    try {
      await alice.sendMessage(bobAddress, 'are you there?');
      await waitFor(bob, () => bodies(bob.conversation(aliceAddress), 'in').includes('are you there?'));
      expect(bodies(bob.conversation(aliceAddress), 'in').filter((body) => body === 'are you there?')).toHaveLength(1);
    } finally {
      stop();
    }
  });

  it('befriends across servers through an image captcha the person reads', async () => {
    const witness = new CaptchaWitness();
    const carol = await userOf().messenger.register(`carol@${servers.authority1}`, 'carol password');
    const bobWithEyes = await userOf({ wrapGateway: witness.wrap }).messenger.logIn(bobAddress, 'bob’s own passphrase');
    const prompts: string[] = [];

    // A miss brings a fresh picture for the same request; giving up then withdraws the request.
    const givenUp = bobWithEyes.sendFriendRequest(carol.address, 'from bob', async (prompt) => {
      if (prompt.kind === 'image' && prompt.retry) throw new Error('The person cancelled');
      return 'certainly not the answer';
    });
    await expect(givenUp).rejects.toThrow('The person cancelled');
    expect(statusOf(bobWithEyes, carol.address)).toBeUndefined();

    await bobWithEyes.sendFriendRequest(carol.address, 'from bob', async (prompt) => {
      prompts.push(prompt.kind === 'image' ? `${prompt.image.slice(0, 22)} retry=${prompt.retry}` : prompt.kind);
      return prompts.length === 1 ? 'certainly not the answer' : witness.lastAnswer(servers.server1);
    });
    expect(prompts).toEqual(['data:image/png;base64, retry=false', 'data:image/png;base64, retry=true']);
    await carol.sync();
    await carol.checkSender(carol.overview().incomingRequests[0]?.id ?? '');
    const [request] = carol.overview().incomingRequests;
    expect(request).toMatchObject({ from: bobAddress, verified: true });
    await carol.acceptFriendRequest(request?.id ?? '');
    await bobWithEyes.sync();
    await carol.sync();
    expect(statusOf(carol, bobAddress)).toBe('established');
    expect(statusOf(bob, carol.address)).toBeUndefined();
    await bob.sync();
    expect(statusOf(bob, carol.address)).toBe('established');
  });

  it('names the problem when the recipient does not exist', async () => {
    const attempt = alice.sendFriendRequest(`nobody@${servers.authority2}`, 'hello?', noImageCaptcha);
    await expect(attempt).rejects.toBeInstanceOf(MessengerError);
    await expect(attempt).rejects.toMatchObject({ code: 'not_found', message: `There is no account nobody@${servers.authority2}.` });
    expect(statusOf(alice, `nobody@${servers.authority2}`)).toBeUndefined();
  });

  it('refuses a wrong password at login with wrong_password', async () => {
    await expect(userOf().messenger.logIn(aliceAddress, 'not her password')).rejects.toMatchObject({ code: 'wrong_password' });
  });
});
