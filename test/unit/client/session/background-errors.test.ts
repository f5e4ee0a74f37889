import { MessengerError } from '../../../../src/application/client/messenger';
import { ClientSession } from '../../../../src/application/client/session/client-session';
import { LiveSyncOptions } from '../../../../src/application/client/session/live-sync';
import { createInProcessWorld } from '../use-cases/in-process-world';

/** Backoff shrunk to a few milliseconds: the loop still yields between attempts. */
const quickLive: LiveSyncOptions = {
  sleep: (_ms, signal) =>
    new Promise((resolve) => {
      const timer = setTimeout(resolve, 5);
      signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      });
    }),
  jitter: () => 0,
};

const until = async (condition: () => boolean): Promise<void> => {
  for (let waited = 0; !condition(); waited += 5) {
    if (waited > 2000) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe('background failures of a session', () => {
  // The in-process server has no event stream: going live fails as a dropped connection would.
  it('reports a live-sync failure of the own server as a MessengerError without a friend, and null once a sync succeeds', async () => {
    const world = createInProcessWorld();
    world.server('home.example');
    const alice = await world.user('alice@home.example');
    const session = new ClientSession(alice.account, alice.client, quickLive);
    const reports: (Error | null)[] = [];
    session.onBackgroundError((error) => reports.push(error));

    const stop = session.goLive();
    await until(() => reports.length > 0);
    stop();

    const [first] = reports;
    expect(first).toBeInstanceOf(MessengerError);
    expect(first).toMatchObject({ code: 'network_error', details: {} });
    expect(reports).not.toContain(null);

    await session.sync();
    expect(reports.at(-1)).toBeNull();
    const count = reports.length;
    await session.sync();
    expect(reports).toHaveLength(count);
  });

  it('stops hearing once unsubscribed', async () => {
    const world = createInProcessWorld();
    world.server('home.example');
    const alice = await world.user('alice@home.example');
    const session = new ClientSession(alice.account, alice.client, quickLive);
    const reports: (Error | null)[] = [];
    const unsubscribe = session.onBackgroundError((error) => reports.push(error));
    unsubscribe();
    const stop = session.goLive();
    await new Promise((resolve) => setTimeout(resolve, 50));
    stop();
    expect(reports).toEqual([]);
  });
});
