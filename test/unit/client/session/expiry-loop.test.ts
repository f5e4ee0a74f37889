import { SetTimeoutTimer } from '../../../../src/adapters/time/set-timeout-timer';
import { MessengerSession } from '../../../../src/application/client/messenger';
import { ExpiryLoop } from '../../../../src/application/client/session/expiry-loop';
import { createAliceAndBobSessions } from '../../../support/session-world';

const until = async (condition: () => boolean, limitMs = 3000): Promise<void> => {
  for (let waited = 0; !condition(); waited += 5) {
    if (waited > limitMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe('ExpiryLoop', () => {
  it('sleeps until the next deadline, expires then, and looks again at once when poked', async () => {
    let now = 0;
    let deadline: number | null = null;
    const waits: number[] = [];
    const expired: number[] = [];
    let wake: () => void = () => undefined;
    const loop = new ExpiryLoop(
      {
        nextDeadline: () => deadline,
        expire: async () => {
          expired.push(now);
          deadline = null;
        },
      },
      {
        now: () => now,
        maxWaitMs: 60_000,
        sleep: (ms, signal) =>
          new Promise((resolve) => {
            waits.push(ms);
            wake = () => resolve();
            signal.addEventListener('abort', () => resolve());
          }),
      },
    );
    const stop = loop.start();
    await until(() => waits.length === 1);
    expect(waits).toEqual([60_000]);
    deadline = 5000;
    loop.poke();
    await until(() => waits.length === 2);
    expect(waits[1]).toBe(5000);
    now = 5000;
    wake();
    await until(() => expired.length === 1);
    expect(expired).toEqual([5000]);
    stop();
  });
});

describe('a live session', () => {
  it('removes a disappearing message when its time is up, without being asked', async () => {
    const { alice, bob, clock } = await createAliceAndBobSessions({
      // Real waits of a few milliseconds, so the loop looks at the fake clock often.
      live: { sleep: (ms, signal) => new SetTimeoutTimer().sleep(Math.min(ms, 5), signal) },
    });
    const bodies = (session: MessengerSession) => session.conversation(bob.address).flatMap((entry) => (entry.kind === 'message' ? [entry.body] : []));

    const stop = alice.goLive();
    try {
      await alice.sendMessage(bob.address, 'gone in a minute', { expiresIn: 60 });
      await alice.sendMessage(bob.address, 'here to stay');
      // Past the session's own delayed write of delivery marks (which would settle the blob too).
      await new Promise((resolve) => setTimeout(resolve, 1200));
      clock.set(clock.now() + 59_000);
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(bodies(alice)).toEqual(['gone in a minute', 'here to stay']);
      clock.set(clock.now() + 1000);
      await until(() => bodies(alice).length === 1, 300);
      expect(bodies(alice)).toEqual(['here to stay']);
    } finally {
      stop();
    }
  });
});
