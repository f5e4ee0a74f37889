import { undeliveredHandshakeReplies } from '../../../../src/domain/messaging/handshake-replies';
import { createInProcessWorld, expectOk, InProcessWorld, PASSWORD, WorldUser } from './in-process-world';

describe('AcceptFriendRequest', () => {
  let world: InProcessWorld;
  let alice: WorldUser;
  let bob: WorldUser;
  let requestId: string;

  beforeEach(async () => {
    world = createInProcessWorld();
    world.server('one.test');
    world.server('two.test');
    alice = await world.user('alice@one.test');
    bob = await world.user('bob@two.test');
    expectOk(await alice.client.sendFriendRequest.execute(alice.account, { to: 'bob@two.test', note: 'hi', solveCaptcha: world.captchaOf('two.test') }));
    expectOk(await bob.client.syncInbox.execute(bob.account));
    requestId = bob.overview().incomingRequests[0]?.id ?? 'no request arrived';
  });

  it('establishes the friendship on both sides once the acceptance and the confirmation are through', async () => {
    expectOk(await bob.client.acceptFriendRequest.execute(bob.account, requestId));

    expect(bob.friend('alice@one.test')?.status).toBe('awaiting-confirmation');
    expect(bob.overview().incomingRequests).toEqual([]);
    expectOk(await alice.client.syncInbox.execute(alice.account));
    expect(alice.friend('bob@two.test')?.status).toBe('established');
    expectOk(await bob.client.syncInbox.execute(bob.account));
    expect(bob.friend('alice@one.test')?.status).toBe('established');
  });

  it('keeps the acceptance queued while the requester\'s server is down and delivers it on a later sync', async () => {
    const outage = world.outage('one.test');

    expectOk(await bob.client.acceptFriendRequest.execute(bob.account, requestId));
    expectOk(await alice.client.syncInbox.execute(alice.account));
    expect(alice.friend('bob@two.test')?.status).toBe('pending-outgoing');

    outage.restore();
    expectOk(await bob.client.syncInbox.execute(bob.account));
    expectOk(await alice.client.syncInbox.execute(alice.account));
    expect(alice.friend('bob@two.test')?.status).toBe('established');
  });

  it('closes the friendship as gone when the requester deleted their account before the acceptance reached it', async () => {
    expectOk(await alice.client.deleteAccount.execute(alice.account, PASSWORD));

    expectOk(await bob.client.acceptFriendRequest.execute(bob.account, requestId));

    expect(bob.friend('alice@one.test')?.status).toBe('gone');
    // Nothing is left owed to an address nobody answers at, for every later sync to try again.
    expect(undeliveredHandshakeReplies(bob.account.doc)).toEqual([]);
  });

  it('sends the same acceptance again when asked twice, so only one friendship key ever exists', async () => {
    expectOk(await bob.client.acceptFriendRequest.execute(bob.account, requestId));
    expectOk(await bob.client.acceptFriendRequest.execute(bob.account, requestId));

    expectOk(await alice.client.syncInbox.execute(alice.account));
    expectOk(await bob.client.syncInbox.execute(bob.account));
    expect(alice.friend('bob@two.test')?.status).toBe('established');
    expect(bob.friend('alice@one.test')?.status).toBe('established');
    expect(await world.harnessAt('two.test').listDropTokens.execute({ name: 'bob' })).toEqual({ ok: true, value: [expect.anything()] });
  });

  it('refuses an unknown request id', async () => {
    const refused = await bob.client.acceptFriendRequest.execute(bob.account, 'no-such-request');

    expect(refused).toEqual({ ok: false, error: { code: 'not_found', message: 'There is no such friend request.' } });
  });

  it('refuses a request that was already declined', async () => {
    expectOk(await bob.client.declineFriendRequest.execute(bob.account, requestId));

    const refused = await bob.client.acceptFriendRequest.execute(bob.account, requestId);

    expect(refused).toEqual({ ok: false, error: expect.objectContaining({ code: 'validation_failed' }) });
    expectOk(await alice.client.syncInbox.execute(alice.account));
    expect(alice.friend('bob@two.test')?.status).not.toBe('established');
  });
});
