import '../../src/adapters/crypto-node/argon2-node-loader';
import { createWebCryptoSuite } from '../../src/adapters/crypto/web-crypto-suite';
import { FetchHomeServerGatewayFactory } from '../../src/adapters/gateway/fetch-home-server-gateway';
import { MemoryLocalStore } from '../../src/adapters/local-store/memory-local-store';
import { SetTimeoutTimer } from '../../src/adapters/time/set-timeout-timer';
import { SOLVE_BY_PROOF_OF_WORK } from '../../src/application/client/messenger';
import { accountOverview } from '../../src/application/client/session/account-overview';
import { createClientUseCases } from '../../src/application/client/use-cases/client-use-cases';
import { KDF_FLOOR } from '../../src/domain/protocol/account-rules';
import { Result } from '../../src/domain/protocol/result';
import { pageEverything } from './page-everything';

const expectOk = <T, E>(result: Result<T, E>): T => {
  if (!result.ok) throw new Error(`expected ok, got error ${JSON.stringify(result.error)}`);
  return result.value;
};

export interface PagedHistory {
  /** bob's messages, oldest first: sealed into pages (some behind indexes) on alice's home server. */
  readonly older: readonly string[];
  /** Sent after the sealing: in the head's tail, what a new login shows at once. */
  readonly recent: readonly string[];
}

/**
 * alice and bob on one home server (a pow captcha), friends, with bob's `older` messages to alice
 * sealed into small pages and indexes of her store and the `recent` ones in its tail: a long
 * history without sending the 64 KiB a real seal waits for. Written by the real client's own use
 * cases over HTTP, so the pages are what any client reads.
 */
export const seedPagedHistory = async (authority: string, password: string, history: PagedHistory): Promise<{ alice: string; bob: string }> => {
  const device = () =>
    createClientUseCases({
      crypto: createWebCryptoSuite(),
      gateways: new FetchHomeServerGatewayFactory({ allowHttp: true }),
      localStore: new MemoryLocalStore(),
      clock: { now: () => Date.now() },
      kdfCost: KDF_FLOOR,
      timer: new SetTimeoutTimer(),
    });
  const [aliceClient, bobClient] = [device(), device()];
  const alice = expectOk(await aliceClient.register.execute({ address: `alice@${authority}`, password }));
  const bob = expectOk(await bobClient.register.execute({ address: `bob@${authority}`, password }));
  expectOk(await bobClient.sendFriendRequest.execute(bob, { to: alice.address, note: '', solveCaptcha: async () => SOLVE_BY_PROOF_OF_WORK }));
  expectOk(await aliceClient.syncInbox.execute(alice));
  const [request] = accountOverview(alice).incomingRequests;
  if (request === undefined) throw new Error('the friend request did not arrive');
  expectOk(await aliceClient.acceptFriendRequest.execute(alice, request.id));
  expectOk(await bobClient.syncInbox.execute(bob));
  expectOk(await aliceClient.syncInbox.execute(alice));
  const send = async (bodies: readonly string[]) => {
    for (const body of bodies) expectOk(await bobClient.sendMessage.execute(bob, { to: alice.address, body }));
    expectOk(await aliceClient.syncInbox.execute(alice));
  };
  await send(history.older);
  await pageEverything(alice);
  await send(history.recent);
  expectOk(await aliceClient.logOut.execute(alice));
  expectOk(await bobClient.logOut.execute(bob));
  return { alice: alice.address, bob: bob.address };
};
