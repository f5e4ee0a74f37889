import { createWebCryptoSuite } from '../../../../src/adapters/crypto/web-crypto-suite';
import { MemoryLocalStore } from '../../../../src/adapters/local-store/memory-local-store';
import { accountOverview } from '../../../../src/application/client/session/account-overview';
import { conversationEntries } from '../../../../src/application/client/session/conversation-entries';
import { ClientUseCases, createClientUseCases } from '../../../../src/application/client/use-cases/client-use-cases';
import { ClientDependencies } from '../../../../src/application/client/client-dependencies';
import { CaptchaSolver } from '../../../../src/application/client/messenger';
import { SignedInAccount } from '../../../../src/application/client/session/signed-in-account';
import { HomeServerGateway } from '../../../../src/application/ports/home-server-gateway';
import { ObjectCache } from '../../../../src/application/ports/object-cache';
import { ServerPolicy } from '../../../../src/application/server/server-policy';
import { KDF_FLOOR } from '../../../../src/domain/protocol/account-rules';
import { Result } from '../../../../src/domain/protocol/result';
import { FakeClock } from '../../../support/fakes';
import { InProcessHomeServers } from '../../../support/in-process-home-server-gateway';
import { WeakKeyDerivationForTests } from '../../../support/weak-key-derivation';
import { createServerHarness, ServerHarness } from '../../server/server-harness';

export const PASSWORD = 'correct horse battery staple';

/**
 * Real client use cases against real server use cases, wired in process: no sockets, Argon2id at
 * its weakest cost, so each test runs in milliseconds. Every user is one device.
 */
export const createInProcessWorld = () => {
  const clock = new FakeClock();
  const servers = new InProcessHomeServers();
  const harnesses = new Map<string, ServerHarness>();
  const crypto = createWebCryptoSuite({ keyDerivation: new WeakKeyDerivationForTests() });

  const server = (authority: string, policy: Partial<ServerPolicy> = {}): ServerHarness => {
    const harness = createServerHarness({ policy });
    servers.add(authority, harness.deps);
    harnesses.set(authority, harness);
    return harness;
  };

  /** `wrapGateway` wraps every gateway the device makes: fault injection, observation. `deps`: for use cases outside ClientUseCases (files). */
  const newDevice = (wrapGateway?: (gateway: HomeServerGateway) => HomeServerGateway, objectCache?: ObjectCache): { client: ClientUseCases; deps: ClientDependencies } => {
    const deps: ClientDependencies = {
      ...(objectCache === undefined ? {} : { objectCaches: () => objectCache }),
      crypto,
      gateways: wrapGateway === undefined ? servers : { forServer: (authority) => wrapGateway(servers.forServer(authority)) },
      localStore: new MemoryLocalStore(),
      clock,
      kdfCost: KDF_FLOOR,
      timer: { sleep: async () => undefined },
    };
    return { client: createClientUseCases(deps), deps };
  };

  /** Registers `address` on a fresh device and keeps that device with the account. */
  const user = async (address: string, wrapGateway?: (gateway: HomeServerGateway) => HomeServerGateway) => {
    const { client, deps } = newDevice(wrapGateway);
    const account = expectOk(await client.register.execute({ address, password: PASSWORD }));
    return { account, client, deps, ...userViews(account, clock) };
  };

  /** Logs `user`'s account in on another fresh device (or, given its cache and gateway wrapper, the same browser again). */
  const anotherDevice = async (
    user: { readonly account: SignedInAccount },
    options: {
      readonly wrapGateway?: (gateway: HomeServerGateway) => HomeServerGateway;
      readonly objectCache?: ObjectCache;
      readonly password?: string;
    } = {},
  ) => {
    const { client, deps } = newDevice(options.wrapGateway, options.objectCache);
    const account = expectOk(await client.logIn.execute({ address: user.account.address, password: options.password ?? PASSWORD }));
    return { account, client, deps, ...userViews(account, clock) };
  };

  /** Answers the image captcha the recipient's server issued last (the fake challenger knows it). */
  const captchaOf = (authority: string): CaptchaSolver => async () => harnessAt(authority).challenger.lastAnswer;

  const harnessAt = (authority: string): ServerHarness => {
    const harness = harnesses.get(authority);
    if (!harness) throw new Error(`no server ${authority}`);
    return harness;
  };

  /** `authority` stops answering until the returned `restore()`. */
  const outage = (authority: string) => servers.outage(authority);

  return { clock, server, user, anotherDevice, captchaOf, harnessAt, outage };
};

export type InProcessWorld = ReturnType<typeof createInProcessWorld>;
export type WorldUser = Awaited<ReturnType<InProcessWorld['user']>>;

const userViews = (account: SignedInAccount, clock: FakeClock) => ({
  overview: () => accountOverview(account),
  friend: (address: string) => accountOverview(account).friends.find((friend) => friend.address === address),
  conversation: (address: string) => conversationEntries(account.shownDocument, address, clock.now()),
});

/** `from` asks, `to` accepts, `from` syncs (gets K, sends the confirmation), `to` syncs: both established. */
export const befriend = async (world: InProcessWorld, from: WorldUser, to: WorldUser): Promise<void> => {
  const authority = to.account.address.split('@')[1] ?? '';
  expectOk(await from.client.sendFriendRequest.execute(from.account, { to: to.account.address, note: '', solveCaptcha: world.captchaOf(authority) }));
  expectOk(await to.client.syncInbox.execute(to.account));
  const [incoming] = to.overview().incomingRequests;
  if (!incoming) throw new Error('the friend request did not arrive');
  expectOk(await to.client.acceptFriendRequest.execute(to.account, incoming.id));
  expectOk(await from.client.syncInbox.execute(from.account));
  expectOk(await to.client.syncInbox.execute(to.account));
};

/** alice@one.test and bob@two.test, a device each, friends: `asking` sent the request and the other accepted it. */
export const createAliceAndBob = async (asking: 'alice' | 'bob' = 'alice') => {
  const world = createInProcessWorld();
  world.server('one.test');
  world.server('two.test');
  const alice = await world.user('alice@one.test');
  const bob = await world.user('bob@two.test');
  await (asking === 'alice' ? befriend(world, alice, bob) : befriend(world, bob, alice));
  return { world, alice, bob };
};

export const expectOk = <T, E>(result: Result<T, E>): T => {
  if (!result.ok) throw new Error(`expected ok, got error ${JSON.stringify(result.error)}`);
  return result.value;
};
