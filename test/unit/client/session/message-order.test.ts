import { MessengerSession } from '../../../../src/application/client/messenger';
import { GatewayError } from '../../../../src/application/ports/home-server-gateway';
import { err } from '../../../../src/domain/protocol/result';
import { createAliceAndBobSessions } from '../../../support/session-world';
import { until } from '../../../support/waiting';

/** What `session` shows in its chat with `friend`: each message's text, and a gap where one may be missing. */
const shown = (session: MessengerSession, friend: string) =>
  session.conversation(friend).flatMap((entry) => (entry.kind === 'message' ? [entry.body] : entry.kind === 'gap' ? ['(a message may be missing)'] : []));

/** alice on a device whose drops to bob's server fail, as a lost connection, `refuse` times more. */
const aliceWithFlakyDrops = async () => {
  const world = await createAliceAndBobSessions({ alice: 'alice@home.example', bob: 'bob@far.example' });
  const flaky = { refuse: 0 };
  const { servers } = world;
  const gateways: typeof servers = {
    forServer: (authority) => {
      const real = servers.forServer(authority);
      if (authority !== 'far.example') return real;
      return new Proxy(real, {
        get: (target, property) => {
          const value: unknown = Reflect.get(target, property);
          if (property !== 'drop') return typeof value === 'function' ? value.bind(target) : value;
          return async (...args: Parameters<typeof real.drop>) => {
            if (flaky.refuse === 0) return target.drop(...args);
            flaky.refuse -= 1;
            return err<GatewayError>({ code: 'network_error', status: null, detail: 'far.example could not be reached' });
          };
        },
      });
    },
  } as typeof servers;
  const alice = await world.logIn(world.alice, { gateways });
  return { world, alice, bob: world.bob, flaky };
};

/** alice's "first" and "second" to bob, both failed (the second held back behind the first): the second's id. */
const twoFailed = async () => {
  const { world, alice, bob, flaky } = await aliceWithFlakyDrops();
  flaky.refuse = 2;
  await expect(alice.sendMessage(bob.address, 'first')).rejects.toMatchObject({ code: 'network_error' });
  await expect(alice.sendMessage(bob.address, 'second')).rejects.toMatchObject({ code: 'network_error' });
  const second = alice.conversation(bob.address).find((entry) => entry.kind === 'message' && entry.body === 'second');
  const first = alice.conversation(bob.address).find((entry) => entry.kind === 'message' && entry.body === 'first');
  return { world, alice, bob, flaky, first: first?.kind === 'message' ? first.id : '', second: second?.kind === 'message' ? second.id : '' };
};

describe('a message after one that failed to go', () => {
  it('sends the failed one again before itself: the friend gets them in order, with no gap shown meanwhile', async () => {
    const { alice, bob, flaky } = await aliceWithFlakyDrops();
    flaky.refuse = 1;
    await expect(alice.sendMessage(bob.address, 'first')).rejects.toMatchObject({ code: 'network_error' });

    await alice.sendMessage(bob.address, 'second');

    await bob.sync();
    expect(shown(bob, alice.address)).toEqual(['first', 'second']);
    expect(alice.conversation(bob.address).map((entry) => entry.kind === 'message' && entry.state)).toEqual(['sent', 'sent']);
  });

  it('is held back, not sent, when the one before it fails again: both go in order at the next resend', async () => {
    const { alice, bob, flaky } = await aliceWithFlakyDrops();
    flaky.refuse = 1;
    await expect(alice.sendMessage(bob.address, 'first')).rejects.toMatchObject({ code: 'network_error' });

    flaky.refuse = 1;
    await expect(alice.sendMessage(bob.address, 'second')).rejects.toMatchObject({ code: 'network_error', details: { friend: bob.address } });
    await bob.sync();
    expect(shown(bob, alice.address)).toEqual([]);

    await alice.sync();
    await bob.sync();
    expect(shown(bob, alice.address)).toEqual(['first', 'second']);
  });

  it('is not resent before one that failed again in the same resend', async () => {
    const { alice, bob, flaky } = await aliceWithFlakyDrops();
    flaky.refuse = 2;
    await expect(alice.sendMessage(bob.address, 'first')).rejects.toMatchObject({ code: 'network_error' });
    // Held back behind the first, which failed again.
    await expect(alice.sendMessage(bob.address, 'second')).rejects.toMatchObject({ code: 'network_error' });

    flaky.refuse = 1;
    await alice.sync();
    await bob.sync();
    expect(shown(bob, alice.address)).toEqual([]);

    await alice.sync();
    await bob.sync();
    expect(shown(bob, alice.address)).toEqual(['first', 'second']);
  });

  it('retried by itself (Retry on it), goes after the one before it that failed, sent first', async () => {
    const { alice, bob, second } = await twoFailed();

    await alice.retryMessage(bob.address, second);

    await bob.sync();
    expect(shown(bob, alice.address)).toEqual(['first', 'second']);
  });

  it('retried while a retry of the one before it waits on the friend’s server, goes after that one, sent again first should it fail', async () => {
    const { world, alice, bob, first, second } = await twoFailed();
    const silence = world.silence('far.example');
    try {
      const retryingFirst = alice.retryMessage(bob.address, first);
      retryingFirst.catch(() => undefined);
      await until(() => silence.calls() === 1);
      const retryingSecond = alice.retryMessage(bob.address, second);

      silence.release();
      await expect(retryingFirst).rejects.toMatchObject({ code: 'network_error' });
      await retryingSecond;
    } finally {
      silence.release();
    }

    await bob.sync();
    expect(shown(bob, alice.address)).toEqual(['first', 'second']);
  });

  it('retried by itself, is held back while the one before it still fails', async () => {
    const { alice, bob, flaky, second } = await twoFailed();

    flaky.refuse = 1;
    await expect(alice.retryMessage(bob.address, second)).rejects.toMatchObject({ code: 'network_error' });

    await bob.sync();
    expect(shown(bob, alice.address)).toEqual([]);
  });
});
