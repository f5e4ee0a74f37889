import { HomeServerGateway } from '../../src/application/ports/home-server-gateway';
import { setFriendBlocked } from '../../src/domain/messaging/friends';
import { BlobDocument } from '../../src/domain/messaging/blob-document';
import { rewriteBlob } from '../support/blob-rewriter';
import { befriend, bodies, noImageCaptcha, startTwoServers, statusOf, TwoServers, userOf } from './two-server-fixture';

/** Counts what one user's devices send after `reset`: drop-token revocations and drops to others (removal notices). */
class OutgoingCounter {
  revocations = 0;
  drops = 0;

  readonly wrap = (gateway: HomeServerGateway): HomeServerGateway =>
    Object.assign(Object.create(gateway) as HomeServerGateway, {
      revokeDropToken: (...args: Parameters<HomeServerGateway['revokeDropToken']>) => {
        this.revocations += 1;
        return gateway.revokeDropToken(...args);
      },
      drop: (...args: Parameters<HomeServerGateway['drop']>) => {
        this.drops += 1;
        return gateway.drop(...args);
      },
    });

  reset(): void {
    this.revocations = 0;
    this.drops = 0;
  }
}

/** A sender whose drops go without their token while `tokenless` is set, as into an open inbox. */
class TokenlessDrops {
  tokenless = false;

  readonly wrap = (gateway: HomeServerGateway): HomeServerGateway =>
    Object.assign(Object.create(gateway) as HomeServerGateway, {
      drop: (name: string, dropToken: string | null, request: Parameters<HomeServerGateway['drop']>[2]) =>
        gateway.drop(name, this.tokenless ? null : dropToken, request),
    });
}

/**
 * What a block from a copy that had not seen `address`'s request merges into with what another
 * device did meanwhile: blocked, with the links that device opened still open. The client writes
 * If-Match, so two devices of today's client never leave this behind; another client (or an
 * older one) may.
 */
const blockedWithLinksOpen =
  (address: string) =>
  (doc: BlobDocument): BlobDocument => {
    const blocked = setFriendBlocked(doc, { address, blocked: true, now: Date.now(), deviceId: 'device-with-a-stale-copy' });
    if (!blocked.ok) throw new Error(blocked.error);
    return blocked.value;
  };

describe('blocked wins over a friendship another device of ours opened', () => {
  let servers: TwoServers;

  beforeAll(async () => {
    servers = await startTwoServers();
  });
  afterAll(async () => {
    await servers.close();
  });

  const bobWithTwoDevices = async (name: string, counter = new OutgoingCounter()) => {
    const address = `${name}@${servers.authority2}`;
    const password = `${name} has a laptop and a phone`;
    const laptop = await userOf({ wrapGateway: counter.wrap }).messenger.register(address, password);
    const phone = await userOf({ wrapGateway: counter.wrap }).messenger.logIn(address, password);
    return { laptop, phone, password, counter };
  };

  it('a block merged with an acceptance ends the friendship at the next sync: the token is revoked once, the friend told once, their drops refused', async () => {
    const alice = await userOf().messenger.register(`alice@${servers.authority1}`, 'alice password');
    const { laptop, phone, password, counter } = await bobWithTwoDevices('bob');
    await alice.sendFriendRequest(laptop.address, 'hi bob', noImageCaptcha);
    await Promise.all([laptop.sync(), phone.sync()]);
    await phone.acceptFriendRequest(phone.overview().incomingRequests[0]?.id ?? 'missing');
    await alice.sync();
    expect(statusOf(alice, laptop.address)).toBe('established');

    await rewriteBlob(laptop.address, password, blockedWithLinksOpen(alice.address));
    // The merged record still holds our drop token: alice gets through until a device of bob's repairs it.
    await alice.sendMessage(laptop.address, 'sent while blocked');
    counter.reset();
    await laptop.sync();
    await phone.sync();

    for (const device of [laptop, phone]) {
      expect(device.overview().blocked).toEqual([alice.address]);
      expect(statusOf(device, alice.address)).toBe('removed');
      expect(bodies(device.conversation(alice.address), 'in')).toEqual([]);
    }
    expect(counter.revocations).toBe(1);
    expect(counter.drops).toBe(1);
    await expect(alice.sendMessage(laptop.address, 'let me in')).rejects.toMatchObject({ code: 'unauthorized' });
    await alice.sync();
    expect(statusOf(alice, laptop.address)).toBe('removed');
    await Promise.all([alice, laptop, phone].map((session) => session.logOut()));
  });

  it('accepting a request on a device that has not seen the block is refused as blocked', async () => {
    const carol = await userOf().messenger.register(`carol@${servers.authority1}`, 'carol password');
    const { laptop, phone } = await bobWithTwoDevices('dave');
    await carol.sendFriendRequest(laptop.address, 'hi dave', noImageCaptcha);
    await Promise.all([laptop.sync(), phone.sync()]);
    const [request] = phone.overview().incomingRequests;

    await laptop.blockContact(carol.address);
    await expect(phone.acceptFriendRequest(request?.id ?? 'missing')).rejects.toMatchObject({
      code: 'not_friends',
      message: `You blocked ${carol.address}, maybe on another device, so their request was declined. To be friends, unblock them and send them a friend request.`,
    });

    expect(phone.overview().incomingRequests).toEqual([]);
    expect(phone.overview().blocked).toEqual([carol.address]);
    await carol.sync();
    expect(statusOf(carol, laptop.address)).toBe('pending-outgoing');
    await Promise.all([carol, laptop, phone].map((session) => session.logOut()));
  });

  it('never shows a request from a blocked address that another device took in, and declines it at the next sync', async () => {
    const erin = await userOf().messenger.register(`erin@${servers.authority1}`, 'erin password');
    const { laptop, password } = await bobWithTwoDevices('frank');
    await erin.sendFriendRequest(laptop.address, 'hi frank', noImageCaptcha);
    await laptop.sync();
    const [request] = laptop.overview().incomingRequests;
    await rewriteBlob(laptop.address, password, blockedWithLinksOpen(erin.address));

    const phoneCounter = new OutgoingCounter();
    const phone = await userOf({ wrapGateway: phoneCounter.wrap }).messenger.logIn(laptop.address, password);
    expect(phone.overview().blocked).toEqual([erin.address]);
    expect(phone.overview().incomingRequests).toEqual([]);
    // Refused from what the device holds, before a drop token is made (and revoked).
    await expect(phone.acceptFriendRequest(request?.id ?? 'missing')).rejects.toMatchObject({ code: 'not_friends' });
    expect(phoneCounter.revocations).toBe(0);
    await phone.sync();
    await laptop.sync();
    expect(laptop.overview().incomingRequests).toEqual([]);
    expect(statusOf(laptop, erin.address)).toBeUndefined();
    // Declined, not just hidden: unblocking brings nothing back.
    await laptop.unblockContact(erin.address);
    expect(laptop.overview().incomingRequests).toEqual([]);
    await Promise.all([erin, laptop, phone].map((session) => session.logOut()));
  });

  it('a blocked friend’s message dropped without a token into the open inbox is acknowledged and never shown', async () => {
    const sender = new TokenlessDrops();
    const gina = await userOf({ wrapGateway: sender.wrap }).messenger.register(`gina@${servers.authority1}`, 'gina password');
    const hank = await userOf().messenger.register(`hank@${servers.authority2}`, 'hank password');
    await befriend(gina, hank);
    await hank.setOpenInbox(true);
    await rewriteBlob(hank.address, 'hank password', blockedWithLinksOpen(gina.address));
    sender.tokenless = true;

    // hank's copy still holds K: the message authenticates, and is refused for the block.
    await gina.sendMessage(hank.address, 'through the open inbox');
    await hank.sync();
    expect(bodies(hank.conversation(gina.address), 'in')).toEqual([]);
    expect((await servers.server2.storage.inbox.list('hank', 0, 10)).items).toEqual([]);

    // Once the links are closed K is gone: nothing authenticates it.
    await gina.sendMessage(hank.address, 'again, after the repair');
    await hank.sync();
    await hank.sync();
    expect(bodies(hank.conversation(gina.address), 'in')).toEqual([]);
    expect((await servers.server2.storage.inbox.list('hank', 0, 10)).items).toEqual([]);
    expect(hank.overview().blocked).toEqual([gina.address]);
    await Promise.all([gina, hank].map((session) => session.logOut()));
  });
});
