import { MemoryObjectCache } from '../../../../src/adapters/local-store/memory-object-cache';
import type { HomeServerGateway, HomeServerGatewayFactory } from '../../../../src/application/ports/home-server-gateway';
import { createAliceAndBobSessions } from '../../../support/session-world';
import { until } from '../../../support/waiting';

/** What this browser's cache holds, as the "forget this browser" check sees it. */
class WatchedObjectCache extends MemoryObjectCache {
  readonly held = new Set<string>();

  override async put(id: string, bytes: Uint8Array): Promise<void> {
    this.held.add(id);
    await super.put(id, bytes);
  }

  override async forget(): Promise<void> {
    this.held.clear();
    await super.forget();
  }
}

/** The home server as the device sees it: once `hold` is called, uploads of objects and the log-out wait until `release`, then go through. */
const slowUploads = (servers: HomeServerGatewayFactory, authority: string) => {
  let gate: Promise<void> | null = null;
  let open = (): void => undefined;
  let waiting = 0;
  const gateways: HomeServerGatewayFactory = {
    forServer: (server) => {
      const real = servers.forServer(server);
      if (server !== authority) return real;
      return new Proxy(real, {
        get: (target, property, receiver) => {
          const value: unknown = Reflect.get(target, property, receiver);
          if (typeof value !== 'function') return value;
          const call = (value as (...all: unknown[]) => unknown).bind(target);
          if (property !== 'putObject' && property !== 'closeSession') return call;
          return async (...args: unknown[]) => {
            if (gate !== null) {
              waiting += 1;
              await gate;
            }
            return call(...args);
          };
        },
      }) as HomeServerGateway;
    },
  };
  return {
    gateways,
    hold: () => {
      gate = new Promise<void>((resolve) => (open = resolve));
    },
    waiting: () => waiting,
    release: () => {
      gate = null;
      open();
    },
  };
};

describe('logging out with "forget this browser" past the deadline, the server answering late', () => {
  it('leaves none of the account’s stored history in this browser’s cache, even what a write under way uploads after', async () => {
    const world = await createAliceAndBobSessions({ alice: 'alice@north.example', bob: 'bob@south.example' });
    const slow = slowUploads(world.servers, 'north.example');
    const cache = new WatchedObjectCache();
    const alice = await world.logIn(world.alice, { gateways: slow.gateways, objectCaches: () => cache, logOutDeadlineMs: 200 });
    // Enough text that taking it in seals a page of history, uploaded and cached.
    for (let n = 0; n < 4; n++) await world.bob.sendMessage(alice.address, `${n}`.padEnd(20_000, '.'));

    slow.hold();
    const syncing = alice.sync().catch(() => undefined);
    await until(() => slow.waiting() > 0);
    await expect(alice.logOut({ forgetBrowser: true })).resolves.toMatchObject([{ code: 'server_session_kept' }]);

    slow.release();
    await syncing;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect([...cache.held]).toEqual([]);
  });
});
