import { HomeServerGateway } from '../../src/application/ports/home-server-gateway';
import { BlobDocument } from '../../src/domain/messaging/blob-document';
import { friendOf, putLink, stampWrite } from '../../src/domain/messaging/document-updates';
import { rewriteBlob } from '../support/blob-rewriter';
import { befriend, bodies, noImageCaptcha, startTwoServers, statusOf, TwoServers, userOf } from './two-server-fixture';

/** Our server answering every revocation with a 503 while `refusing` is set (briefly down for it); counts the attempts. */
class RefusedRevocations {
  refusing = false;
  attempts = 0;

  readonly wrap = (gateway: HomeServerGateway): HomeServerGateway =>
    Object.assign(Object.create(gateway) as HomeServerGateway, {
      revokeDropToken: async (...args: Parameters<HomeServerGateway['revokeDropToken']>) => {
        this.attempts += 1;
        if (!this.refusing) return gateway.revokeDropToken(...args);
        return { ok: false as const, error: { code: 'network_error' as const, status: 503, detail: 'Service unavailable' } };
      },
    });
}

/**
 * What another client version could write after merging a decline made on a stale copy with an
 * acceptance this device made: every open link with `address` closed as declined, and our drop
 * token the acceptance holds listed nowhere.
 */
const declinedWithoutListingTheToken =
  (address: string) =>
  (doc: BlobDocument): BlobDocument => {
    const stamped = stampWrite(doc, Date.now(), 'device-of-another-client');
    const open = Object.values(friendOf(doc, address)?.links ?? {}).filter((link) => link.state.kind !== 'removed');
    return open.reduce(
      (current, link) => putLink(current, address, { ...link, state: { kind: 'removed', since: stamped.stamp, reason: 'declined' } }),
      stamped.doc,
    );
  };

describe('ending and refusing friendships', () => {
  let servers: TwoServers;

  beforeAll(async () => {
    servers = await startTwoServers();
  });
  afterAll(async () => {
    await servers.close();
  });

  it('removal revokes the drop token, tells the friend, keeps the history, and allows a new start', async () => {
    const alice = await userOf().messenger.register(`alice@${servers.authority2}`, 'alice password');
    const bob = await userOf().messenger.register(`bob@${servers.authority2}`, 'bob password');
    await befriend(alice, bob);
    await bob.sendMessage(alice.address, 'before the removal');
    await alice.sync();

    await alice.removeFriend(bob.address);
    expect(statusOf(alice, bob.address)).toBe('removed');
    await expect(alice.sendMessage(bob.address, 'no longer possible')).rejects.toMatchObject({ code: 'not_friends' });

    // bob has not synced yet: his drop bounces off the revoked token.
    await expect(bob.sendMessage(alice.address, 'are we still friends?')).rejects.toMatchObject({ code: 'unauthorized' });
    await bob.sync();
    expect(statusOf(bob, alice.address)).toBe('removed');
    await expect(bob.sendMessage(alice.address, 'hello?')).rejects.toMatchObject({ code: 'not_friends' });
    expect(bodies(alice.conversation(bob.address), 'in')).toEqual(['before the removal']);

    await befriend(alice, bob);
    expect(statusOf(alice, bob.address)).toBe('established');
    await alice.sendMessage(bob.address, 'friends again');
    await bob.sync();
    expect(bodies(bob.conversation(alice.address), 'in')).toEqual(['friends again']);
    expect(await alice.safetyNumber(bob.address)).toBe(await bob.safetyNumber(alice.address));
  });

  it('blocking revokes the drop token, so their server refuses the blocked friend’s drops, and their later request never shows', async () => {
    const erin = await userOf().messenger.register(`erin@${servers.authority2}`, 'erin password');
    const frank = await userOf().messenger.register(`frank@${servers.authority2}`, 'frank password');
    await befriend(erin, frank);

    await erin.blockContact(frank.address);
    expect(statusOf(erin, frank.address)).toBe('removed');
    // frank has not synced yet: his drop bounces off the revoked token.
    await expect(frank.sendMessage(erin.address, 'let me in')).rejects.toMatchObject({ code: 'unauthorized' });
    await frank.sync();
    expect(statusOf(frank, erin.address)).toBe('removed');
    await frank.sendFriendRequest(erin.address, 'sorry', noImageCaptcha);
    await erin.sync();
    expect(erin.overview().incomingRequests).toEqual([]);
    expect(erin.conversation(frank.address)).toEqual([]);
  });

  it('a removal whose revocation failed is revoked by a later sync of any device: the ex-friend gets in until then, never after', async () => {
    const refused = new RefusedRevocations();
    const alice = await userOf().messenger.register(`alice@${servers.authority1}`, 'alice password');
    const laptop = await userOf({ wrapGateway: refused.wrap }).messenger.register(`gina@${servers.authority2}`, 'gina password');
    await befriend(alice, laptop);
    const phone = await userOf().messenger.logIn(laptop.address, 'gina password');

    refused.refusing = true;
    await laptop.removeFriend(alice.address);
    expect(statusOf(laptop, alice.address)).toBe('removed');
    // alice has not synced (she would learn of the removal): only the token decides whether she gets in.
    await alice.sendMessage(laptop.address, 'still let in');
    await laptop.sync();
    await alice.sendMessage(laptop.address, 'still let in after a sync that failed to revoke');
    expect(refused.attempts).toBe(2);

    await phone.sync();
    await expect(alice.sendMessage(laptop.address, 'let me in')).rejects.toMatchObject({ code: 'unauthorized' });
    refused.refusing = false;
    await laptop.sync();
    expect(refused.attempts).toBe(2);
    await Promise.all([alice, laptop, phone].map((session) => session.logOut()));
  });

  it('a sync that finds our server unreachable for one revocation leaves the other pending ones to the next sync, which revokes them all', async () => {
    const refused = new RefusedRevocations();
    const [jon, kay] = await Promise.all([
      userOf().messenger.register(`jon@${servers.authority1}`, 'jon password'),
      userOf().messenger.register(`kay@${servers.authority1}`, 'kay password'),
    ]);
    const lea = await userOf({ wrapGateway: refused.wrap }).messenger.register(`lea@${servers.authority2}`, 'lea password');
    await befriend(jon, lea);
    await befriend(kay, lea);

    refused.refusing = true;
    await lea.removeFriend(jon.address);
    await lea.removeFriend(kay.address);
    refused.attempts = 0;
    await lea.sync();
    // Two tokens pending, one attempt: the second would only have waited out the same outage.
    expect(refused.attempts).toBe(1);

    refused.refusing = false;
    await lea.sync();
    expect(refused.attempts).toBe(3);
    await expect(jon.sendMessage(lea.address, 'let me in')).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(kay.sendMessage(lea.address, 'let me in')).rejects.toMatchObject({ code: 'unauthorized' });
    await Promise.all([jon, kay, lea].map((session) => session.logOut()));
  });

  it('a block whose revocation failed is revoked by the next sync once the server answers again', async () => {
    const refused = new RefusedRevocations();
    const harry = await userOf().messenger.register(`harry@${servers.authority1}`, 'harry password');
    const ida = await userOf({ wrapGateway: refused.wrap }).messenger.register(`ida@${servers.authority2}`, 'ida password');
    await befriend(harry, ida);

    refused.refusing = true;
    await ida.blockContact(harry.address);
    expect(ida.overview().blocked).toEqual([harry.address]);
    await harry.sendMessage(ida.address, 'still let in');
    await ida.sync();
    await harry.sendMessage(ida.address, 'still let in after a sync that failed to revoke');

    refused.refusing = false;
    await ida.sync();
    await expect(harry.sendMessage(ida.address, 'let me in')).rejects.toMatchObject({ code: 'unauthorized' });
    expect(bodies(ida.conversation(harry.address), 'in')).toEqual([]);
    await Promise.all([harry, ida].map((session) => session.logOut()));
  });

  it('a token abandoned by a withdrawn request or by an acceptance another device made first is revoked by a later sync when the first try fails', async () => {
    const refused = new RefusedRevocations();
    const requestsFail = { on: false };
    const failingRequests = (gateway: HomeServerGateway): HomeServerGateway =>
      Object.assign(refused.wrap(gateway), {
        sendFriendRequest: (...args: Parameters<HomeServerGateway['sendFriendRequest']>) =>
          requestsFail.on
            ? Promise.resolve({ ok: false as const, error: { code: 'network_error' as const, status: 503, detail: 'Service unavailable' } })
            : gateway.sendFriendRequest(...args),
      });
    const tokensOf = async (name: string) => (await servers.server2.storage.dropTokens.list(name)).length;
    const kim = await userOf().messenger.register(`kim@${servers.authority2}`, 'kim password');
    const laptop = await userOf().messenger.register(`lee@${servers.authority2}`, 'lee password');
    const phone = await userOf({ wrapGateway: failingRequests }).messenger.logIn(laptop.address, 'lee password');

    refused.refusing = true;
    requestsFail.on = true;
    await expect(phone.sendFriendRequest(kim.address, 'hi kim', noImageCaptcha)).rejects.toMatchObject({ code: 'network_error' });
    expect(await tokensOf('lee')).toBe(1);
    requestsFail.on = false;

    await kim.sendFriendRequest(laptop.address, 'hi lee', noImageCaptcha);
    await phone.sync();
    expect(await tokensOf('lee')).toBe(1);
    // The laptop reaches the server: its sync revokes what the phone could not.
    await laptop.sync();
    expect(await tokensOf('lee')).toBe(0);

    const [request] = phone.overview().incomingRequests;
    await laptop.acceptFriendRequest(request?.id ?? 'missing');
    await phone.acceptFriendRequest(request?.id ?? 'missing');
    expect(await tokensOf('lee')).toBe(2);

    refused.refusing = false;
    await phone.sync();
    expect(await tokensOf('lee')).toBe(1);
    await kim.sync();
    await kim.sendMessage(laptop.address, 'the acceptance that went out still works');
    await laptop.sync();
    expect(bodies(laptop.conversation(kim.address), 'in')).toEqual(['the acceptance that went out still works']);
    await Promise.all([kim, laptop, phone].map((session) => session.logOut()));
  });

  it('an acceptance written though its answer was lost keeps its drop token: the friendship it made works', async () => {
    const lost = { next: false };
    // Our server commits the write, then the connection drops before its answer arrives.
    const answerLost = (gateway: HomeServerGateway): HomeServerGateway =>
      Object.assign(Object.create(gateway) as HomeServerGateway, {
        writeBlob: async (...args: Parameters<HomeServerGateway['writeBlob']>) => {
          const written = await gateway.writeBlob(...args);
          if (!lost.next) return written;
          lost.next = false;
          return { ok: false as const, error: { code: 'network_error' as const, status: 0, detail: 'The connection was reset' } };
        },
      });
    const tokensOf = async (name: string) => (await servers.server2.storage.dropTokens.list(name)).length;
    const mia = await userOf().messenger.register(`mia@${servers.authority1}`, 'mia password');
    const ned = await userOf({ wrapGateway: answerLost }).messenger.register(`ned@${servers.authority2}`, 'ned password');
    await mia.sendFriendRequest(ned.address, 'hi ned', noImageCaptcha);
    await ned.sync();
    const [request] = ned.overview().incomingRequests;

    lost.next = true;
    await expect(ned.acceptFriendRequest(request?.id ?? 'missing')).resolves.toBeUndefined();
    expect(await tokensOf('ned')).toBe(1);
    await mia.sync();
    await ned.sync();
    expect(statusOf(mia, ned.address)).toBe('established');
    await mia.sendMessage(ned.address, 'glad you accepted');
    await ned.sync();
    expect(bodies(ned.conversation(mia.address), 'in')).toEqual(['glad you accepted']);
    await Promise.all([mia, ned].map((session) => session.logOut()));
  });

  it('a friend request written though its answer was lost keeps its drop token and is sent: the acceptance gets in', async () => {
    const lost = { next: false };
    const answerLost = (gateway: HomeServerGateway): HomeServerGateway =>
      Object.assign(Object.create(gateway) as HomeServerGateway, {
        writeBlob: async (...args: Parameters<HomeServerGateway['writeBlob']>) => {
          const written = await gateway.writeBlob(...args);
          if (!lost.next) return written;
          lost.next = false;
          return { ok: false as const, error: { code: 'network_error' as const, status: 0, detail: 'The connection was reset' } };
        },
      });
    const olga = await userOf({ wrapGateway: answerLost }).messenger.register(`olga@${servers.authority2}`, 'olga password');
    const paul = await userOf().messenger.register(`paul@${servers.authority2}`, 'paul password');

    lost.next = true;
    await expect(olga.sendFriendRequest(paul.address, 'hi paul', noImageCaptcha)).resolves.toBeUndefined();
    expect((await servers.server2.storage.dropTokens.list('olga')).length).toBe(1);
    await paul.sync();
    const [request] = paul.overview().incomingRequests;
    await paul.acceptFriendRequest(request?.id ?? 'missing');
    await olga.sync();
    expect(statusOf(olga, paul.address)).toBe('established');
    await Promise.all([olga, paul].map((session) => session.logOut()));
  });

  it('a friend request whose sending seemed to fail, answered meanwhile through another device, keeps its drop token: the friendship works', async () => {
    const answeredMeanwhile: { run: (() => Promise<void>) | null } = { run: null };
    // The request reaches their server, but its answer is lost; by the time the sender gives up, they accepted.
    const answerLost = (gateway: HomeServerGateway): HomeServerGateway =>
      Object.assign(Object.create(gateway) as HomeServerGateway, {
        sendFriendRequest: async (...args: Parameters<HomeServerGateway['sendFriendRequest']>) => {
          const sent = await gateway.sendFriendRequest(...args);
          const meanwhile = answeredMeanwhile.run;
          if (meanwhile === null) return sent;
          answeredMeanwhile.run = null;
          await meanwhile();
          return { ok: false as const, error: { code: 'network_error' as const, status: 0, detail: 'The connection was reset' } };
        },
      });
    const laptop = await userOf({ wrapGateway: answerLost }).messenger.register(`quinn@${servers.authority2}`, 'quinn password');
    const phone = await userOf().messenger.logIn(laptop.address, 'quinn password');
    const rosa = await userOf().messenger.register(`rosa@${servers.authority2}`, 'rosa password');
    answeredMeanwhile.run = async () => {
      await rosa.sync();
      await rosa.acceptFriendRequest(rosa.overview().incomingRequests[0]?.id ?? 'missing');
      await phone.sync();
    };

    await expect(laptop.sendFriendRequest(rosa.address, 'hi rosa', noImageCaptcha)).rejects.toMatchObject({ code: 'network_error' });
    expect(statusOf(laptop, rosa.address)).toBe('established');
    expect((await servers.server2.storage.dropTokens.list('quinn')).length).toBe(1);
    await rosa.sync();
    await rosa.sendMessage(laptop.address, 'got your request after all');
    await laptop.sync();
    expect(bodies(laptop.conversation(rosa.address), 'in')).toEqual(['got your request after all']);
    await Promise.all([laptop, phone, rosa].map((session) => session.logOut()));
  });

  it('an acceptance merged under a decline another client wrote is revoked by the next sync of the device that made it', async () => {
    const tokensOf = async (name: string) => (await servers.server2.storage.dropTokens.list(name)).length;
    const nina = await userOf().messenger.register(`nina@${servers.authority1}`, 'nina password');
    const oscar = await userOf().messenger.register(`oscar@${servers.authority2}`, 'oscar password');
    await nina.sendFriendRequest(oscar.address, 'hi oscar', noImageCaptcha);
    await oscar.sync();
    await oscar.acceptFriendRequest(oscar.overview().incomingRequests[0]?.id ?? 'missing');
    await nina.sync();
    expect(statusOf(nina, oscar.address)).toBe('established');

    await rewriteBlob(oscar.address, 'oscar password', declinedWithoutListingTheToken(nina.address));
    await nina.sendMessage(oscar.address, 'the acceptance went out, so its token works');
    expect(await tokensOf('oscar')).toBe(1);

    await oscar.sync();
    expect(await tokensOf('oscar')).toBe(0);
    await expect(nina.sendMessage(oscar.address, 'let me in')).rejects.toMatchObject({ code: 'unauthorized' });
    await Promise.all([nina, oscar].map((session) => session.logOut()));
  });

  it('a declined request disappears for the one who declined and is never answered', async () => {
    const carol = await userOf().messenger.register(`carol@${servers.authority2}`, 'carol password');
    const dave = await userOf().messenger.register(`dave@${servers.authority2}`, 'dave password');
    await carol.sendFriendRequest(dave.address, 'hi dave', noImageCaptcha);
    await dave.sync();
    const [request] = dave.overview().incomingRequests;
    await dave.declineFriendRequest(request?.id ?? 'missing');
    expect(dave.overview().incomingRequests).toEqual([]);
    expect(statusOf(dave, carol.address)).toBeUndefined();
    await carol.sync();
    expect(statusOf(carol, dave.address)).toBe('pending-outgoing');
    await expect(dave.acceptFriendRequest(request?.id ?? 'missing')).rejects.toMatchObject({ code: 'validation_failed' });
  });
});
