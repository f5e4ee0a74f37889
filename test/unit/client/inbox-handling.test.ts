import { randomBytes } from 'node:crypto';
import { createWebCryptoSuite } from '../../../src/adapters/crypto/web-crypto-suite';
import { FetchHomeServerGateway } from '../../../src/adapters/gateway/fetch-home-server-gateway';
import { MessengerSession } from '../../../src/application/client/messenger';
import { FriendRequestPayload } from '../../../src/application/client/peer-payloads';
import { seal } from '../../../src/application/client/protocol/seal';
import { solvePowCaptcha } from '../../../src/application/client/solve-pow-captcha';
import { HomeServerGateway } from '../../../src/application/ports/home-server-gateway';
import { decodeB64u, encodeB64u } from '../../../src/domain/encoding/b64u';
import { ok } from '../../../src/domain/result';
import { startTestServer, TestServer } from '../../support/test-server';
import { authorityOf, createNodeMessenger } from '../../support/node-messenger';

const noCaptchaImage = (): Promise<string> => Promise.reject(new Error('pow expected'));
const crypto = createWebCryptoSuite();

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

  /** A request built by hand, claiming to come from `from` with whatever identity key the forger holds. */
  const forgeRequest = async (from: string, note: string): Promise<void> => {
    const profile = await gateway.getProfile('bob');
    const captcha = await gateway.getCaptcha('bob');
    if (!profile.ok || !captcha.ok || captcha.value.kind !== 'pow') throw new Error('no profile or pow captcha');
    const forger = await crypto.keyAgreement.generateKeyPair();
    const ephemeral = await crypto.keyAgreement.generateKeyPair();
    const payload: FriendRequestPayload = {
      type: 'friend-request',
      from,
      identityKey: encodeB64u(forger.publicKey),
      dropToken: encodeB64u(randomBytes(16)),
      ephemeralKey: encodeB64u(ephemeral.publicKey),
      note,
      sentAt: Date.now(),
    };
    const recipientPublicKey = decodeB64u(profile.value.identityKey) ?? new Uint8Array();
    const envelope = await seal(crypto, { purpose: 'friend-request', recipientPublicKey, plaintext: JSON.stringify(payload), ephemeral });
    const answer = await solvePowCaptcha(crypto.digest, captcha.value);
    if (!envelope.ok || answer === null) throw new Error('could not forge');
    const sent = await gateway.sendFriendRequest('bob', { captcha: { id: captcha.value.id, answer }, envelope: envelope.value });
    if (!sent.ok) throw new Error(sent.error.code);
  };

  it('drops a request whose claimed sender’s own server knows another key; shows an uncheckable one as unverified', async () => {
    await forgeRequest(alice.address, 'I am alice, honestly');
    await forgeRequest(`nobody@${authority}`, 'I do not exist');
    await forgeRequest('ghost@127.0.0.1:9', 'my server is down');
    await bob.sync();
    const requests = bob.snapshot().incomingRequests;
    expect(requests.map(({ from, verified }) => ({ from, verified }))).toEqual([{ from: 'ghost@127.0.0.1:9', verified: false }]);
    for (const request of requests) await bob.declineFriendRequest(request.id);
  });

  it('shows a genuine request as verified', async () => {
    await alice.sendFriendRequest(bob.address, 'the real alice', noCaptchaImage);
    await bob.sync();
    expect(bob.snapshot().incomingRequests.map(({ from, verified, note }) => ({ from, verified, note }))).toEqual([
      { from: alice.address, verified: true, note: 'the real alice' },
    ]);
    await bob.acceptFriendRequest(bob.snapshot().incomingRequests[0]?.id ?? 'missing');
    await alice.sync();
    await bob.sync();
    const status = (session: MessengerSession, address: string) => session.snapshot().friends.find((f) => f.address === address)?.status;
    expect([status(alice, bob.address), status(bob, alice.address)]).toEqual(['established', 'established']);
  });

  it('a forged request in a friend’s name cannot hard-stop the real friendship', async () => {
    await forgeRequest(alice.address, 'new phone, new key, trust me');
    await bob.sync();
    expect(bob.snapshot().incomingRequests).toEqual([]);
    await bob.sendMessage(alice.address, 'still talking to the real alice');
    await alice.sync();
    expect(alice.conversation(bob.address).map((entry) => entry.kind === 'message' && entry.body)).toEqual(['still talking to the real alice']);
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
      .flatMap((entry) => (entry.kind === 'gap' ? ['(gap)'] : entry.direction === 'in' ? [entry.body] : []));
    expect(shown).toEqual(['one', '(gap)', 'three']);
    expect(bob.snapshot().friends.find((friend) => friend.address === alice.address)?.unread).toBe(2);
  });
});
