import { createWebCryptoSuite } from '../../src/adapters/crypto/web-crypto-suite';
import { MemoryLocalStore } from '../../src/adapters/local-store/memory-local-store';
import { SetTimeoutTimer } from '../../src/adapters/time/set-timeout-timer';
import { createMessenger, CreateMessengerDependencies } from '../../src/application/client/create-messenger';
import { MessengerSession } from '../../src/application/client/messenger';
import { KDF_FLOOR } from '../../src/domain/protocol/account-rules';
import { createServerHarness } from '../unit/server/server-harness';
import { FakeClock } from './fakes';
import { InProcessHomeServers } from './in-process-home-server-gateway';
import { WeakKeyDerivationForTests } from './weak-key-derivation';

export const PASSWORD = 'correct horse battery staple';

const authorityOf = (address: string): string => address.split('@')[1] ?? '';

/**
 * The real client core as a test's device: Argon2id at its weakest cost, a fresh memory store, the
 * world's servers and clock; `more` adds or replaces dependencies (a draft store, a failing keeper...).
 */
export const testDevice = (
  world: { readonly servers: CreateMessengerDependencies['gateways']; readonly clock: CreateMessengerDependencies['clock'] },
  more: Partial<CreateMessengerDependencies> = {},
) =>
  createMessenger({
    crypto: createWebCryptoSuite({ keyDerivation: new WeakKeyDerivationForTests() }),
    gateways: world.servers,
    localStore: new MemoryLocalStore(),
    kdfParams: KDF_FLOOR,
    clock: world.clock,
    timer: new SetTimeoutTimer(),
    ...more,
  });

/**
 * alice and bob friends (alice asked, bob accepted), each a MessengerSession (the client as the web app
 * drives it) on a fresh device, against real server use cases in process: no sockets, Argon2id at its
 * weakest cost, one fake clock for every device. `device()` makes another device of that world.
 */
export const createAliceAndBobSessions = async (
  options: { readonly alice?: string; readonly bob?: string; readonly live?: CreateMessengerDependencies['live'] } = {},
) => {
  const addresses = { alice: options.alice ?? 'alice@home.example', bob: options.bob ?? 'bob@home.example' };
  const servers = new InProcessHomeServers();
  const harnesses = new Map([authorityOf(addresses.alice), authorityOf(addresses.bob)].map((authority) => [authority, createServerHarness()]));
  for (const [authority, harness] of harnesses) servers.add(authority, harness.deps);
  const clock = new FakeClock();
  const device = (more: Partial<CreateMessengerDependencies> = {}) => testDevice({ servers, clock }, { ...(options.live === undefined ? {} : { live: options.live }), ...more });
  /** The session's account on a new device; `more` gives that device its own stores. */
  const logIn = (session: MessengerSession, more: Partial<CreateMessengerDependencies> = {}) => device(more).logIn(session.address, PASSWORD);

  /** `asker` asks `accepter` (on a server of this world) to be friends, and `accepter` accepts. */
  const befriend = async (asker: MessengerSession, accepter: MessengerSession): Promise<void> => {
    const server = harnesses.get(authorityOf(accepter.address));
    if (server === undefined) throw new Error(`no server for ${accepter.address}`);
    await asker.sendFriendRequest(accepter.address, '', async () => server.challenger.lastAnswer);
    await accepter.sync();
    await accepter.acceptFriendRequest(accepter.overview().incomingRequests.find((request) => request.from === asker.address)?.id ?? '');
    await asker.sync();
  };

  const alice = await device().register(addresses.alice, PASSWORD);
  const bob = await device().register(addresses.bob, PASSWORD);
  await befriend(alice, bob);

  return {
    alice,
    bob,
    clock,
    logIn,
    device,
    befriend,
    servers,
    outage: (authority: string) => servers.outage(authority),
    silence: (authority: string) => servers.silence(authority),
  };
};
