import { createWebCryptoSuite } from '../../../../src/adapters/crypto/web-crypto-suite';
import { SetTimeoutTimer } from '../../../../src/adapters/time/set-timeout-timer';
import { MemoryLocalStore } from '../../../../src/adapters/local-store/memory-local-store';
import { createMessenger } from '../../../../src/application/client/create-messenger';
import { MessengerError } from '../../../../src/application/client/messenger';
import { HomeServerGateway } from '../../../../src/application/ports/home-server-gateway';
import { KDF_FLOOR } from '../../../../src/domain/protocol/account-rules';
import { FakeClock } from '../../../support/fakes';
import { InProcessHomeServers, unreachableGateway } from '../../../support/in-process-home-server-gateway';
import { WeakKeyDerivationForTests } from '../../../support/weak-key-derivation';
import { createServerHarness } from '../../server/server-harness';

const HOME = 'home.example';

const until = async (condition: () => boolean): Promise<void> => {
  for (let waited = 0; !condition(); waited += 5) {
    if (waited > 3000) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

/** A user on a device whose own home server (in process) can be made to stop answering. */
const aliceWithFlakyServer = async () => {
  const servers = new InProcessHomeServers();
  servers.add(HOME, createServerHarness().deps);
  const switchable = { down: false };
  const flaky = (gateway: HomeServerGateway): HomeServerGateway => {
    const unreachable = unreachableGateway(gateway.authority);
    return new Proxy(gateway, { get: (target, property, receiver) => Reflect.get(switchable.down ? unreachable : target, property, receiver) });
  };
  const messenger = createMessenger({
    crypto: createWebCryptoSuite({ keyDerivation: new WeakKeyDerivationForTests() }),
    gateways: { forServer: (authority) => flaky(servers.forServer(authority)) },
    localStore: new MemoryLocalStore(),
    kdfParams: KDF_FLOOR,
    clock: new FakeClock(),
    timer: new SetTimeoutTimer(),
    live: { minDelayMs: 5, maxDelayMs: 20 },
  });
  return { session: await messenger.register(`alice@${HOME}`, 'correct horse battery staple'), server: switchable };
};

describe('background failures of a session', () => {
  it('reports its own server failing under live sync as a MessengerError without a friend, and null once live sync gets through again', async () => {
    const { session, server } = await aliceWithFlakyServer();
    const reports: (Error | null)[] = [];
    session.onBackgroundError((error) => reports.push(error));

    server.down = true;
    const stop = session.goLive();
    try {
      await until(() => reports.length > 0);
      const [first] = reports;
      expect(first).toBeInstanceOf(MessengerError);
      expect(first).toMatchObject({ code: 'network_error', details: {} });

      server.down = false;
      await until(() => reports.at(-1) === null);
      expect(reports.filter((report) => report === null)).toHaveLength(1);
    } finally {
      stop();
    }
  });

  it('reports nothing while its server answers, nor to a listener that unsubscribed', async () => {
    const { session, server } = await aliceWithFlakyServer();
    const heard: (Error | null)[] = [];
    const unheard: (Error | null)[] = [];
    session.onBackgroundError((error) => heard.push(error));
    const stop = session.goLive();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(heard).toEqual([]);

    session.onBackgroundError((error) => unheard.push(error))();
    server.down = true;
    await session.sync().catch(() => undefined);
    stop();
    const stopAgain = session.goLive();
    await until(() => heard.length > 0);
    stopAgain();
    expect(unheard).toEqual([]);
  });
});
