import { randomBytes } from 'node:crypto';
import { FetchHomeServerGateway } from '../../../src/adapters/gateway/fetch-home-server-gateway';
import { MessengerSession } from '../../../src/application/client/messenger';
import { HomeServerGateway } from '../../../src/application/ports/home-server-gateway';
import { encodeB64u } from '../../../src/domain/protocol/encoding/b64u';
import { ok } from '../../../src/domain/protocol/result';
import { startTestServer, TestServer } from '../../support/test-server';
import { ForgedRequest, sendForgedRequest } from '../../support/forged-requests';
import { authorityOf, createNodeMessenger } from '../../support/node-messenger';

const noCaptchaImage = (): Promise<string> => Promise.reject(new Error('pow expected'));

describe('what sync does with what arrives', () => {
  let server: TestServer;
  let authority: string;
  let gateway: HomeServerGateway;
  let alice: MessengerSession;
  let bob: MessengerSession;

  beforeAll(async () => {
    server = await startTestServer({ listen: true });
    authority = authorityOf(server.url);
    gateway = new FetchHomeServerGateway(authority, { allowHttp: true });
    alice = await createNodeMessenger().messenger.register(`alice@${authority}`, 'alice password');
    bob = await createNodeMessenger().messenger.register(`bob@${authority}`, 'bob password');
  });
  afterAll(async () => {
    await server.close();
  });

  const inboxSize = async (name: string): Promise<number> => (await server.storage.inbox.stats(name)).items;

  const forge = (forged: ForgedRequest): Promise<void> => sendForgedRequest(gateway, 'bob', forged);
  const requestFrom = (from: string) => bob.overview().incomingRequests.find((request) => request.from === from);
  const shown = () => bob.overview().incomingRequests.map(({ from, verified, proven }) => ({ from, verified, proven }));

  it('records requests unchecked; checking declines those whose claimed server knows another key or no such account', async () => {
    await forge({ from: alice.address, note: 'I am alice, honestly' });
    await forge({ from: `nobody@${authority}`, note: 'I do not exist' });
    await forge({ from: 'ghost@127.0.0.1:9', note: 'my server is down' });
    await bob.sync();
    expect(shown()).toEqual([
      { from: alice.address, verified: false, proven: true },
      { from: `nobody@${authority}`, verified: false, proven: true },
      { from: 'ghost@127.0.0.1:9', verified: false, proven: true },
    ]);
    for (const request of bob.overview().incomingRequests) await bob.checkSender(request.id);
    expect(shown()).toEqual([{ from: 'ghost@127.0.0.1:9', verified: false, proven: true }]);
    for (const request of bob.overview().incomingRequests) await bob.declineFriendRequest(request.id);
  });

  // Issue 11 F5: a stranger can copy alice's published key, but cannot prove possession of it.
  it('never shows a request naming a friend’s real key without proof as verified, and drops a bogus proof', async () => {
    const aliceProfile = await gateway.getProfile('alice');
    if (!aliceProfile.ok) throw new Error('no profile');
    await forge({ from: alice.address, identityKey: aliceProfile.value.identityKey, proof: 'none', note: 'send me money' });
    await forge({ from: alice.address, identityKey: aliceProfile.value.identityKey, proof: 'bogus', note: 'send me more money' });
    await bob.sync();
    expect(shown()).toEqual([{ from: alice.address, verified: false, proven: false }]);
    const request = requestFrom(alice.address);
    await bob.checkSender(request?.id ?? 'missing');
    expect(shown()).toEqual([{ from: alice.address, verified: false, proven: false }]);
    await bob.declineFriendRequest(request?.id ?? 'missing');
  });

  it('shows a genuine request as verified once its sender is checked', async () => {
    await alice.sendFriendRequest(bob.address, 'the real alice', noCaptchaImage);
    await bob.sync();
    expect(shown()).toEqual([{ from: alice.address, verified: false, proven: true }]);
    await bob.checkSender(requestFrom(alice.address)?.id ?? 'missing');
    expect(bob.overview().incomingRequests.map(({ from, verified, note }) => ({ from, verified, note }))).toEqual([
      { from: alice.address, verified: true, note: 'the real alice' },
    ]);
    await bob.acceptFriendRequest(bob.overview().incomingRequests[0]?.id ?? 'missing');
    await alice.sync();
    await bob.sync();
    const status = (session: MessengerSession, address: string) => session.overview().friends.find((f) => f.address === address)?.status;
    expect([status(alice, bob.address), status(bob, alice.address)]).toEqual(['established', 'established']);
  });

  // Issue 11 F4: the friend's server unreachable used to leave the claim "unchecked", which still raised the alert.
  it('a forged request in a friend’s name cannot hard-stop the real friendship while her server is unreachable', async () => {
    const unreachableProfiles = (real: HomeServerGateway): HomeServerGateway =>
      Object.assign(Object.create(real) as HomeServerGateway, {
        getProfile: async (name: string, options?: { singleAttempt?: boolean }) =>
          name === 'alice' ? { ok: false as const, error: { code: 'network_error' as const, status: null, detail: 'unreachable' } } : real.getProfile(name, options),
      });
    const bobElsewhere = await createNodeMessenger({ wrapGateway: unreachableProfiles }).messenger.logIn(bob.address, 'bob password');
    await forge({ from: alice.address, note: 'new phone, new key, trust me' });
    await bobElsewhere.sync();
    const forged = bobElsewhere.overview().incomingRequests.find((request) => request.from === alice.address);
    expect(forged).toMatchObject({ verified: false, proven: true });
    await bobElsewhere.checkSender(forged?.id ?? 'missing');
    expect(bobElsewhere.overview().friends.find((friend) => friend.address === alice.address)?.status).toBe('established');
    await bobElsewhere.sendMessage(alice.address, 'still talking to the real alice');
    await alice.sync();
    expect(alice.conversation(bob.address).map((entry) => entry.kind === 'message' && entry.body)).toEqual(['still talking to the real alice']);
    await bobElsewhere.declineFriendRequest(forged?.id ?? 'missing');
    await bobElsewhere.logOut();
    await bob.sync();
  });

  it('discards and acknowledges items that authenticate under nothing', async () => {
    await bob.setOpenInbox(true);
    const garbage = { v: 1 as const, nonce: encodeB64u(randomBytes(12)), ct: encodeB64u(randomBytes(272)) };
    const sealedGarbage = { ...garbage, epk: encodeB64u(randomBytes(32)) };
    for (const envelope of [garbage, sealedGarbage]) expect((await gateway.drop('bob', null, { envelope })).ok).toBe(true);
    const before = bob.conversation(alice.address);
    await bob.sync();
    expect(await inboxSize('bob')).toBe(0);
    expect(bob.conversation(alice.address)).toEqual(before);
    await bob.setOpenInbox(false);
  });

  it('shows a gap where a message never arrived, in seq order around it', async () => {
    let dropsSeen = 0;
    const losesSecondDrop = (real: HomeServerGateway): HomeServerGateway =>
      Object.assign(Object.create(real) as HomeServerGateway, {
        drop: async (...args: Parameters<HomeServerGateway['drop']>) => {
          dropsSeen += 1;
          return dropsSeen === 2 ? ok({ id: 'lost-in-transit' }) : real.drop(...args);
        },
      });
    const lossyAlice = await createNodeMessenger({ wrapGateway: losesSecondDrop }).messenger.logIn(alice.address, 'alice password');
    for (const body of ['one', 'two', 'three']) await lossyAlice.sendMessage(bob.address, body);
    await bob.sync();
    const shown = bob
      .conversation(alice.address)
      .flatMap((entry) => (entry.kind === 'gap' ? ['(gap)'] : entry.kind === 'message' && entry.direction === 'in' ? [entry.body] : []));
    expect(shown).toEqual(['one', '(gap)', 'three']);
    expect(bob.overview().friends.find((friend) => friend.address === alice.address)?.unread).toBe(2);
    // Its delayed write of delivery marks would otherwise outlive the suite (and the server).
    await lossyAlice.logOut();
  });
});
