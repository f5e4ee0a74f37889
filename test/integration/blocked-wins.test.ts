import { HomeServerGateway } from '../../src/application/ports/home-server-gateway';
import { setFriendBlocked } from '../../src/domain/messaging/friends';
import { BlobDocument } from '../../src/domain/messaging/blob-document';
import { rewriteBlob } from '../support/blob-rewriter';
import { bodies, noImageCaptcha, startTwoServers, statusOf, TwoServers, userOf } from './two-server-fixture';

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

});
