import { MessengerError, MessengerSession } from '../../../../src/application/client/messenger';
import { createAliceAndBobSessions } from '../../../support/session-world';
import { afterSteps, settlesWithin, until } from '../../../support/waiting';

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

/** An entry of `friend`'s in `session`'s chat, by id. */
const entryOf = (session: MessengerSession, friend: string, id: string) => session.conversation(friend).find((entry) => entry.kind === 'message' && entry.id === id);

describe('deleting a failed message while a resend of it waits on the friend’s server', () => {
  it('deletes it at once; once that resend got through, the friend is told it is deleted', async () => {
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
    await until(() => drops > before);
    // bob's server has not answered the resend yet: deleting waits for nothing of it.
    await settlesWithin(alice.deleteMessage(bob.address, id));
    expect(entryOf(alice, bob.address, id)).toBeUndefined();

    release();
    await syncing;
    // It got through: a delete follows it in the background, and bob's chat shows it deleted.
    const deletedAtBob = () => {
      const entry = entryOf(bob, alice.address, id);
      return entry?.kind === 'message' && entry.deleted;
    };
    await afterSteps(deletedAtBob, () => bob.sync());
    expect(bob.conversation(alice.address).filter((entry) => entry.kind === 'message' && entry.body === 'sent to the wrong person')).toEqual([]);
    expect(alice.conversation(bob.address)).toEqual([]);
  });

  it('deletes it at once; when that resend fails, the friend is told nothing and it is never sent again', async () => {
    const world = await createAliceAndBobSessions({ alice: 'alice@north.example', bob: 'bob@south.example' });
    const { alice, bob } = world;
    await bob.sync();
    const southDown = world.outage('south.example');
    await expect(alice.sendMessage(bob.address, 'never mind')).rejects.toBeInstanceOf(MessengerError);
    southDown.restore();
    const [failed] = alice.conversation(bob.address);
    const id = failed?.kind === 'message' ? failed.id : '';

    const silence = world.silence('south.example');
    try {
      const syncing = alice.sync();
      syncing.catch(() => undefined);
      await until(() => silence.calls() > 0);
      await settlesWithin(alice.deleteMessage(bob.address, id));
      expect(alice.conversation(bob.address)).toEqual([]);
      silence.release();
      await syncing;
    } finally {
      silence.release();
    }
    await alice.sync();
    await bob.sync();
    expect(bob.conversation(alice.address)).toEqual([]);
  });
});
