import { createAliceAndBobSessions } from '../../../support/session-world';

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
