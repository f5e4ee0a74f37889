import { MemoryDraftStore } from '../../../../src/adapters/local-store/memory-draft-store';
import { MessengerError, type SessionEndReason } from '../../../../src/application/client/messenger';
import type { GatewayError, HomeServerGateway, HomeServerGatewayFactory } from '../../../../src/application/ports/home-server-gateway';
import { err } from '../../../../src/domain/protocol/result';
import { FakeClock } from '../../../support/fakes';
import { InProcessHomeServers } from '../../../support/in-process-home-server-gateway';
import { MemorySessionKeeper } from '../../../support/memory-session-keeper';
import { PASSWORD, testDevice } from '../../../support/session-world';
import { createServerHarness } from '../../server/server-harness';

const ALICE = 'alice@home.example';
const BOB = 'bob@home.example';
/** Short, so a log-out that waited on the server for good fails on jest's timeout, and one that waited its 20 s shows. */
const DEADLINE_MS = 200;
const AT_ONCE_MS = 3000;

/**
 * The home server as the device sees it: once `silence` is called, every call is taken and never answered until
 * `release`, then fails with `answer` (network_error: what the fetch gateway makes of one that timed out). Decided at
 * each call, as the account keeps the gateway it logged in with; `calls` names every call made.
 */
const silenceable = (servers: HomeServerGatewayFactory) => {
  let held: Promise<GatewayError> | null = null;
  let release = (_answer: GatewayError): void => undefined;
  const calls: string[] = [];
  const gateways: HomeServerGatewayFactory = {
    forServer: (authority) =>
      new Proxy(servers.forServer(authority), {
        get: (target, property, receiver) => {
          const value: unknown = Reflect.get(target, property, receiver);
          if (typeof value !== 'function' || property === 'then') return value;
          return async (...args: unknown[]) => {
            calls.push(String(property));
            if (held === null) return (value as (...all: unknown[]) => unknown).apply(target, args);
            return err(await held);
          };
        },
      }) as HomeServerGateway,
  };
  return {
    gateways,
    silence: () => {
      held = new Promise<GatewayError>((resolve) => (release = resolve));
    },
    release: (answer: GatewayError = { code: 'network_error', status: null, detail: 'home.example did not answer in time' }) => {
      held = null;
      release(answer);
    },
    calls: () => [...calls],
  };
};

const world = () => {
  const servers = new InProcessHomeServers();
  servers.add('home.example', createServerHarness().deps);
  const home = silenceable(servers);
  const keeper = new MemorySessionKeeper();
  const draftStore = new MemoryDraftStore();
  const device = testDevice({ servers: home.gateways, clock: new FakeClock() }, { sessionKeeper: keeper, draftStore, logOutDeadlineMs: DEADLINE_MS });
  return { home, keeper, draftStore, device };
};

describe('logging out where the home server takes the log-out and never answers (the real client core)', () => {
  it('logs out of this device within the deadline, the kept sign-in and drafts forgotten, and says the server was not told', async () => {
    const { home, keeper, draftStore, device } = world();
    await (await device.register(ALICE, PASSWORD)).logOut();
    const alice = await device.logIn(ALICE, PASSWORD, { staySignedIn: true });
    await alice.keepDraft(BOB, { text: 'never sent' });
    home.silence();
    const before = home.calls().length;

    const started = Date.now();
    const leftBehind = await alice.logOut();

    expect(Date.now() - started).toBeLessThan(AT_ONCE_MS);
    expect(leftBehind).toEqual([expect.any(MessengerError)]);
    expect(leftBehind).toMatchObject([{ code: 'server_session_kept' }]);
    expect(home.calls().slice(before)).toEqual(['closeSession']);
    expect(keeper.kept).toBeNull();
    expect(await draftStore.list(ALICE)).toEqual([]);
    await expect(alice.sync()).rejects.toMatchObject({ code: 'unauthorized' });
    home.release();
  });

  it('does not wait for work already waiting on the server, which, refused once it is answered, opens no new session', async () => {
    const { home, keeper, device } = world();
    await (await device.register(ALICE, PASSWORD)).logOut();
    const alice = await device.logIn(ALICE, PASSWORD, { staySignedIn: true });
    const ended: SessionEndReason[] = [];
    alice.onEnded((reason) => ended.push(reason));
    home.silence();
    const syncing = alice.sync();
    const before = home.calls().length;

    const started = Date.now();
    await expect(alice.logOut()).resolves.toMatchObject([{ code: 'server_session_kept' }]);

    expect(Date.now() - started).toBeLessThan(AT_ONCE_MS);
    expect(keeper.kept).toBeNull();
    // The server answers again and refuses the sync's token: the authKey would open a new session, nobody would end.
    home.release({ code: 'unauthorized', status: 401, detail: 'session expired' });
    await expect(syncing).rejects.toMatchObject({ code: 'unauthorized' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(home.calls().slice(before)).not.toContain('openSession');
    expect(ended).toEqual([]);
  });
});
