import { heldDrops } from '../../../support/held-drops';
import { createAliceAndBobSessions } from '../../../support/session-world';
import { until } from '../../../support/waiting';

/** What keeps a Node process alive: a program that logged out must be free to exit at once. */
const runningTimers = (): number => process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;

describe('logging out', () => {
  it('cancels the delayed write of delivery marks a sent message scheduled (the logout saves them)', async () => {
    const { alice, bob } = await createAliceAndBobSessions();
    const before = runningTimers();
    await alice.sendMessage(bob.address, 'hello before leaving');
    expect(runningTimers()).toBe(before + 1);

    await alice.logOut();
    expect(runningTimers()).toBe(before);
    await bob.sync();
    expect(bob.conversation(alice.address).map((entry) => entry.kind === 'message' && entry.body)).toEqual(['hello before leaving']);
  });
});

describe('logging out while a resend waits on a friend’s server', () => {
  it('sends none of the messages still to go after the one under way', async () => {
    const world = await createAliceAndBobSessions({ alice: 'alice@north.example', bob: 'bob@south.example' });
    const south = heldDrops(world.servers, 'south.example');
    const alice = await world.logIn(world.alice, { gateways: south.gateways });
    const southDown = world.outage('south.example');
    for (const body of ['one', 'two', 'three']) await expect(alice.sendMessage(world.bob.address, body)).rejects.toMatchObject({ code: 'network_error' });
    southDown.restore();

    south.hold();
    const before = south.drops();
    const syncing = alice.sync().catch(() => undefined);
    await until(() => south.drops() > before);
    await alice.logOut();
    south.release();
    await syncing;

    expect(south.drops()).toBe(before + 1);
  });
});
