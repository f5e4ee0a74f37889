import { MessengerError } from '../../../../src/application/client/messenger';
import { createAliceAndBobSessions } from '../../../support/session-world';

describe('deleting a message that failed', () => {
  it('deletes it here only: the friend is told nothing and it is never resent', async () => {
    const { alice, bob, outage } = await createAliceAndBobSessions({ alice: 'alice@north.example', bob: 'bob@south.example' });
    await bob.sync();

    const southDown = outage('south.example');
    await expect(alice.sendMessage(bob.address, 'sent while you were away')).rejects.toBeInstanceOf(MessengerError);
    const [failed] = alice.conversation(bob.address);
    expect(failed).toMatchObject({ kind: 'message', state: 'failed' });
    await alice.deleteMessage(bob.address, failed?.kind === 'message' ? failed.id : '');
    southDown.restore();

    expect(alice.conversation(bob.address)).toEqual([]);
    await alice.retryMessage(bob.address, failed?.kind === 'message' ? failed.id : '');
    await bob.sync();
    expect(bob.conversation(alice.address)).toEqual([]);
  });
});

describe('deleting a failed message while a resend of it waits on the friend’s server', () => {
  it('waits for that resend: once it got through, the friend is told the message is deleted', async () => {
    const world = await createAliceAndBobSessions({ alice: 'alice@north.example', bob: 'bob@south.example' });
    const { bob, servers } = world;
    let drops = 0;
    let hold: Promise<void> | null = null;
    let release = (): void => undefined;
    const held: typeof servers = {
      forServer: (authority) => {
        const real = servers.forServer(authority);
        if (authority !== 'south.example') return real;
        return new Proxy(real, {
          get: (target, property) => {
            if (property !== 'drop') {
              const value: unknown = Reflect.get(target, property);
              return typeof value === 'function' ? value.bind(target) : value;
            }
            return async (...args: Parameters<typeof real.drop>) => {
              drops += 1;
              await hold;
              return target.drop(...args);
            };
          },
        });
      },
    } as typeof servers;
    const alice = await world.logIn(world.alice, { gateways: held });
    await bob.sync();

    const southDown = world.outage('south.example');
    await expect(alice.sendMessage(bob.address, 'sent to the wrong person')).rejects.toBeInstanceOf(MessengerError);
    southDown.restore();
    const [failed] = alice.conversation(bob.address);
    const id = failed?.kind === 'message' ? failed.id : '';

    hold = new Promise<void>((resolve) => (release = resolve));
    const before = drops;
    const syncing = alice.sync();
    for (const deadline = Date.now() + 2000; drops === before; ) {
      if (Date.now() > deadline) throw new Error('the resend never reached south.example');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const deleting = alice.deleteMessage(bob.address, id);
    release();
    await syncing;
    await deleting;

    await bob.sync();
    expect(bob.conversation(alice.address).filter((entry) => entry.kind === 'message' && entry.body === 'sent to the wrong person')).toEqual([]);
    expect(alice.conversation(bob.address).filter((entry) => entry.kind === 'message' && entry.body === 'sent to the wrong person')).toEqual([]);
  });
});
