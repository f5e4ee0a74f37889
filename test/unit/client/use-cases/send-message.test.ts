import { roomyQuotas } from '../../../support/storage-fixtures';
import { befriend, createInProcessWorld, expectOk, InProcessWorld, PASSWORD, WorldUser } from './in-process-world';

describe('SendMessage', () => {
  let world: InProcessWorld;
  let alice: WorldUser;
  let bob: WorldUser;

  beforeEach(async () => {
    world = createInProcessWorld();
    world.server('one.test');
    world.server('two.test', { quotas: roomyQuotas({ maxItems: 100, maxBytes: 1024 * 1024, maxItemsPerToken: 2, maxFriendRequests: 10 }) });
    alice = await world.user('alice@one.test');
    bob = await world.user('bob@two.test');
  });

  const send = (body: string, to = 'bob@two.test') => alice.client.sendMessage.execute(alice.account, { to, body });
  const bodies = (user: WorldUser, address: string) =>
    user.conversation(address).flatMap((entry) => (entry.kind === 'message' ? [`${entry.direction} ${entry.state}: ${entry.body}`] : []));

  it('delivers the message to a friend, who reads it after a sync', async () => {
    await befriend(world, alice, bob);

    expectOk(await send('hello Bob'));

    expect(bodies(alice, 'bob@two.test')).toEqual(['out sent: hello Bob']);
    expectOk(await bob.client.syncInbox.execute(bob.account));
    expect(bodies(bob, 'alice@one.test')).toEqual(['in received: hello Bob']);
  });

  it('refuses to write to someone who is not a friend, and records nothing', async () => {
    const refused = await send('hello stranger');

    expect(refused).toEqual({ ok: false, error: expect.objectContaining({ code: 'not_friends' }) });
    expect(bodies(alice, 'bob@two.test')).toEqual([]);
  });

  it('refuses a malformed address', async () => {
    expect(await send('hello', 'bob at two')).toEqual({ ok: false, error: expect.objectContaining({ code: 'invalid_address' }) });
  });

  it('marks the message failed when the friend\'s server is down, and a later sync delivers it', async () => {
    await befriend(world, alice, bob);
    const outage = world.outage('two.test');

    const failed = await send('are you there?');

    expect(failed).toEqual({ ok: false, error: expect.objectContaining({ code: 'network_error' }) });
    expect(bodies(alice, 'bob@two.test')).toEqual(['out failed: are you there?']);
    outage.restore();
    expectOk(await alice.client.syncInbox.execute(alice.account));
    expect(bodies(alice, 'bob@two.test')).toEqual(['out sent: are you there?']);
    expectOk(await bob.client.syncInbox.execute(bob.account));
    expect(bodies(bob, 'alice@one.test')).toEqual(['in received: are you there?']);
  });

  it('passes on the friend\'s server refusing a full inbox and keeps the message as failed', async () => {
    await befriend(world, alice, bob);
    expectOk(await send('one'));
    expectOk(await send('two'));

    const refused = await send('three');

    expect(refused).toEqual({ ok: false, error: expect.objectContaining({ code: 'inbox_full' }) });
    expect(bodies(alice, 'bob@two.test')).toEqual(['out sent: one', 'out sent: two', 'out failed: three']);
  });

  it('holds a message while the acceptance cannot reach the requester; a later sync sends the acceptance, then the message', async () => {
    expectOk(await alice.client.sendFriendRequest.execute(alice.account, { to: 'bob@two.test', note: '', solveCaptcha: world.captchaOf('two.test') }));
    expectOk(await bob.client.syncInbox.execute(bob.account));
    const outage = world.outage('one.test');
    expectOk(await bob.client.acceptFriendRequest.execute(bob.account, bob.overview().incomingRequests[0]?.id ?? ''));

    const refused = await bob.client.sendMessage.execute(bob.account, { to: 'alice@one.test', body: 'hi Alice' });

    expect(refused).toEqual({ ok: false, error: expect.objectContaining({ code: 'network_error' }) });
    expect(bodies(bob, 'alice@one.test')).toEqual(['out failed: hi Alice']);
    outage.restore();
    expectOk(await bob.client.syncInbox.execute(bob.account));
    expectOk(await alice.client.syncInbox.execute(alice.account));
    expect(bodies(alice, 'bob@two.test')).toEqual(['in received: hi Alice']);
  });

  const undeliverable = (user: WorldUser, address: string) =>
    user.conversation(address).flatMap((entry) => (entry.kind === 'message' ? [entry.undeliverable] : []));

  it('refuses a body the server would refuse as too large before storing anything', async () => {
    await befriend(world, alice, bob);

    const refused = await send('x'.repeat(100_000));

    expect(refused).toEqual({ ok: false, error: expect.objectContaining({ code: 'message_too_long', unrecorded: true }) });
    expect(bodies(alice, 'bob@two.test')).toEqual([]);
  });

  it("stops retrying once the friend's server refuses our revoked drop token, blaming the friend's server", async () => {
    await befriend(world, alice, bob);
    expectOk(await bob.client.removeFriend.execute(bob.account, 'alice@one.test'));

    const refused = await send('still friends?');

    expect(refused).toEqual({ ok: false, error: expect.objectContaining({ code: 'unauthorized', friend: 'bob@two.test' }) });
    expect(undeliverable(alice, 'bob@two.test')).toEqual(['refused']);
    expect(expectOk(await alice.client.retryUndeliveredMessages.execute(alice.account))).toEqual({ delivered: [], stillFailing: 0 });
  });

  it("marks the friend gone when their server no longer knows the account", async () => {
    await befriend(world, alice, bob);
    expectOk(await bob.client.deleteAccount.execute(bob.account, PASSWORD));

    const refused = await send('hello?');

    expect(refused).toEqual({ ok: false, error: expect.objectContaining({ code: 'not_found', friend: 'bob@two.test' }) });
    expect(undeliverable(alice, 'bob@two.test')).toEqual(['gone']);
    expect(alice.overview().friends.find((friend) => friend.address === 'bob@two.test')?.status).toBe('gone');
  });

  it('tells every friend with a friend-remove when the account is deleted', async () => {
    await befriend(world, alice, bob);

    expectOk(await bob.client.deleteAccount.execute(bob.account, PASSWORD));
    expectOk(await alice.client.syncInbox.execute(alice.account));

    expect(alice.overview().friends.find((friend) => friend.address === 'bob@two.test')?.status).toBe('removed');
  });
});
