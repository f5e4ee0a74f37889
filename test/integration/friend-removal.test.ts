import { befriend, bodies, noImageCaptcha, startTwoServers, statusOf, TwoServers, userOf } from './two-server-fixture';

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
