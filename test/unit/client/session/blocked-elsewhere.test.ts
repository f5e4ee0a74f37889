import type { HomeServerGateway, HomeServerGatewayFactory } from '../../../../src/application/ports/home-server-gateway';
import { err } from '../../../../src/domain/protocol/result';
import { blockedOnAnotherDevice } from '../../../support/blocked-elsewhere';
import { createAliceAndBobSessions } from '../../../support/session-world';
import { afterSteps } from '../../../support/waiting';

/** The world's servers, but acknowledging the inbox at `own` fails as a lost connection `refuse` times more. */
const flakyAcks = (servers: HomeServerGatewayFactory, own: string) => {
  const flaky = { refuse: 0 };
  const gateways: HomeServerGatewayFactory = {
    forServer: (server) => {
      const real = servers.forServer(server);
      if (server !== own) return real;
      return new Proxy(real, {
        get: (target, property) => {
          const value: unknown = Reflect.get(target, property);
          if (property !== 'ackInbox') return typeof value === 'function' ? value.bind(target) : value;
          return async (...args: Parameters<HomeServerGateway['ackInbox']>) => {
            if (flaky.refuse === 0) return target.ackInbox(...args);
            flaky.refuse -= 1;
            return err({ code: 'network_error' as const, status: null, detail: `${own} could not be reached` });
          };
        },
      });
    },
  };
  return { gateways, flaky };
};

describe('a sync that closes the link of a friend blocked on another device', () => {
  it('tells them (friend-remove) even when acknowledging the inbox fails after the links were closed', async () => {
    const world = await createAliceAndBobSessions({ alice: 'alice@home.example', bob: 'bob@far.example' });
    const { bob } = world;
    const home = flakyAcks(world.servers, 'home.example');
    const alice = await world.logIn(world.alice, { gateways: home.gateways });
    await bob.sendMessage(alice.address, 'still there?');
    await blockedOnAnotherDevice(world, alice.address, bob.address);

    home.flaky.refuse = 1;
    await expect(alice.sync()).rejects.toMatchObject({ code: 'network_error' });
    expect(alice.overview().friends.find((friend) => friend.address === bob.address)?.status).toBe('removed');

    const removedAtBob = () => bob.overview().friends.find((friend) => friend.address === alice.address)?.status === 'removed';
    await afterSteps(removedAtBob, async () => {
      await alice.sync();
      await bob.sync();
    });
  });
});
