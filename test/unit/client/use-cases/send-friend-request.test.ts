import { roomyQuotas } from '../../../support/storage-fixtures';
import { createInProcessWorld, expectOk, InProcessWorld, WorldUser } from './in-process-world';
import { MAX_CAPTCHA_PICTURES } from '../../../../src/application/client/use-cases/send-friend-request';
import type { HomeServerGateway } from '../../../../src/application/ports/home-server-gateway';
import { err } from '../../../../src/domain/protocol/result';

/** A gateway whose `method` is where the person cancels: the call sees its signal abort, as a fetch would. */
const cancelledAt =
  (method: 'getCaptcha' | 'sendFriendRequest', controller: AbortController) =>
  (gateway: HomeServerGateway): HomeServerGateway =>
    new Proxy(gateway, {
      get: (target, property, receiver) =>
        property === method
          ? async () => {
              controller.abort();
              return err({ code: 'aborted' as const, status: null, detail: 'cancelled' });
            }
          : Reflect.get(target, property, receiver),
    });

describe('SendFriendRequest', () => {
  let world: InProcessWorld;
  let alice: WorldUser;
  let bob: WorldUser;

  beforeEach(async () => {
    world = createInProcessWorld();
    world.server('one.test');
    world.server('two.test');
    alice = await world.user('alice@one.test');
    bob = await world.user('bob@two.test');
  });

  const request = (to: string, note = 'hi, it is Alice', solveCaptcha = world.captchaOf('two.test')) =>
    alice.client.sendFriendRequest.execute(alice.account, { to, note, solveCaptcha });

  const aliceDropTokens = async () => expectOk(await world.harnessAt('one.test').listDropTokens.execute({ name: 'alice' }));

  it('records the request as pending and delivers it to the recipient, verified against the sender\'s server', async () => {
    expectOk(await request('bob@two.test'));

    expect(alice.friend('bob@two.test')?.status).toBe('pending-outgoing');
    expect(await aliceDropTokens()).toHaveLength(1);
    expectOk(await bob.client.syncInbox.execute(bob.account));
    // The sync contacts no claimed sender's server; the check is its own step (issue 11 F1).
    const [received] = bob.overview().incomingRequests;
    expect(received).toEqual(expect.objectContaining({ from: 'alice@one.test', note: 'hi, it is Alice', verified: false, proven: true }));
    const claim = { address: 'alice@one.test', handshakeId: received?.id ?? '', identityKey: alice.account.doc.identity.publicKey };
    const checked = await bob.client.checkRequestSenders.lookUp([claim]);
    expectOk(await bob.client.checkRequestSenders.record(bob.account, checked));
    expect(bob.overview().incomingRequests).toEqual([
      expect.objectContaining({ from: 'alice@one.test', note: 'hi, it is Alice', verified: true }),
    ]);
  });

  it('refuses a second request while the first waits for an answer', async () => {
    expectOk(await request('bob@two.test'));

    expect(await request('bob@two.test')).toEqual({ ok: false, error: expect.objectContaining({ code: 'request_pending' }) });
    expect(await aliceDropTokens()).toHaveLength(1);
  });

  it('refuses to befriend oneself without asking any server', async () => {
    const refused = await request('alice@one.test');

    expect(refused).toEqual({ ok: false, error: expect.objectContaining({ code: 'validation_failed' }) });
    expect(await aliceDropTokens()).toHaveLength(0);
  });

  it('says there is no such account when the recipient\'s server does not know the name', async () => {
    const refused = await request('carol@two.test');

    expect(refused).toEqual({ ok: false, error: { code: 'not_found', message: 'There is no account carol@two.test.' } });
    expect(alice.friend('carol@two.test')).toBeUndefined();
  });

  it('reports an unreachable recipient server as that server\'s network error and records nothing', async () => {
    world.outage('two.test');

    const refused = await request('bob@two.test');

    expect(refused).toEqual({ ok: false, error: expect.objectContaining({ code: 'network_error', friend: 'bob@two.test' }) });
    expect(alice.friend('bob@two.test')).toBeUndefined();
    expect(await aliceDropTokens()).toHaveLength(0);
  });

  it('shows a fresh picture after each miss, and after MAX_CAPTCHA_PICTURES misses withdraws the request and revokes its drop token', async () => {
    const prompts: boolean[] = [];
    const refused = await request('bob@two.test', 'hi', async (prompt) => {
      prompts.push(prompt.kind === 'image' && prompt.retry);
      return 'wrong answer';
    });
    expect(prompts).toEqual([false, ...Array<boolean>(MAX_CAPTCHA_PICTURES - 1).fill(true)]);

    expect(refused).toEqual({ ok: false, error: expect.objectContaining({ code: 'captcha_invalid' }) });
    expect(alice.friend('bob@two.test')?.status).not.toBe('pending-outgoing');
    expect(await aliceDropTokens()).toHaveLength(0);
    expectOk(await bob.client.syncInbox.execute(bob.account));
    expect(bob.overview().incomingRequests).toEqual([]);

    expectOk(await request('bob@two.test'));
    expect(alice.friend('bob@two.test')?.status).toBe('pending-outgoing');
  });

  it('withdraws the request when the recipient\'s inbox is full', async () => {
    world.server('full.test', { quotas: roomyQuotas({ maxItems: 0, maxBytes: 1024, maxItemsPerToken: 1, maxFriendRequests: 0 }) });
    await world.user('dave@full.test');

    const refused = await request('dave@full.test', 'hi', world.captchaOf('full.test'));

    expect(refused).toEqual({ ok: false, error: expect.objectContaining({ code: 'inbox_full' }) });
    expect(alice.friend('dave@full.test')?.status).not.toBe('pending-outgoing');
    expect(await aliceDropTokens()).toHaveLength(0);
  });

  it('records nothing when cancelled while the recipient\'s server is asked for a captcha, and tells when it waits on that server', async () => {
    const controller = new AbortController();
    const carol = await world.user('carol@one.test', cancelledAt('getCaptcha', controller));
    const asking: boolean[] = [];

    const cancelled = await carol.client.sendFriendRequest.execute(carol.account, {
      to: 'bob@two.test',
      note: 'hi',
      solveCaptcha: world.captchaOf('two.test'),
      signal: controller.signal,
      onAskingTheirServer: (now) => asking.push(now),
    });

    expect(cancelled).toEqual({ ok: false, error: { code: 'request_cancelled', message: 'Cancelled. No request was sent.' } });
    expect(asking).toEqual([true, false, true, false]);
    expect(carol.friend('bob@two.test')).toBeUndefined();
    expect(expectOk(await world.harnessAt('one.test').listDropTokens.execute({ name: 'carol' }))).toHaveLength(0);
  });

  it('withdraws the request and revokes its drop token when cancelled while the request itself is on its way', async () => {
    const controller = new AbortController();
    const carol = await world.user('carol@one.test', cancelledAt('sendFriendRequest', controller));

    const cancelled = await carol.client.sendFriendRequest.execute(carol.account, { to: 'bob@two.test', note: 'hi', solveCaptcha: world.captchaOf('two.test'), signal: controller.signal });

    expect(cancelled).toEqual({ ok: false, error: expect.objectContaining({ code: 'request_cancelled' }) });
    expect(carol.friend('bob@two.test')?.status).not.toBe('pending-outgoing');
    expect(expectOk(await world.harnessAt('one.test').listDropTokens.execute({ name: 'carol' }))).toHaveLength(0);
    expectOk(await bob.client.syncInbox.execute(bob.account));
    expect(bob.overview().incomingRequests).toEqual([]);
  });
});
