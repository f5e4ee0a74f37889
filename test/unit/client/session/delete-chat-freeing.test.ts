import { testDevice } from '../../../support/session-world';
import { hashWasmStreamingDigest } from '../../../../src/adapters/crypto/hash-wasm-streaming-digest';
import { createWebCryptoSuite } from '../../../../src/adapters/crypto/web-crypto-suite';
import { MemoryDraftStore } from '../../../../src/adapters/local-store/memory-draft-store';
import type { MessengerSession } from '../../../../src/application/client/messenger';
import type { HomeServerGateway } from '../../../../src/application/ports/home-server-gateway';
import { FakeClock } from '../../../support/fakes';
import { InProcessHomeServers } from '../../../support/in-process-home-server-gateway';
import { WeakKeyDerivationForTests } from '../../../support/weak-key-derivation';
import { createServerHarness, ServerHarness } from '../../server/server-harness';

const PASSWORD = 'correct horse battery staple';

/** Freeing a deleted chat's pages and files takes many head writes: meanwhile the user still sends and syncs. */
describe('freeing the storage of a deleted chat', () => {
  it('lets a message to someone else go out between its writes rather than after all of them', async () => {
    const servers = new InProcessHomeServers();
    const harnesses = new Map<string, ServerHarness>();
    for (const authority of ['north.example', 'south.example']) {
      const harness = createServerHarness();
      servers.add(authority, harness.deps);
      harnesses.set(authority, harness);
    }
    const clock = new FakeClock();
    const crypto = createWebCryptoSuite({ keyDerivation: new WeakKeyDerivationForTests() });
    /** Called on each head write this device makes. */
    let onHeadWrite = (): void => undefined;
    const observed = (gateway: HomeServerGateway): HomeServerGateway =>
      new Proxy(gateway, {
        get: (target, property, receiver) => {
          const value: unknown = Reflect.get(target, property, receiver);
          if (property !== 'writeBlob' || typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            onHeadWrite();
            return Reflect.apply(value, target, args);
          };
        },
      });
    const device = (wrap: (gateway: HomeServerGateway) => HomeServerGateway = (gateway) => gateway) =>
      testDevice(
        { servers: { forServer: (authority) => wrap(servers.forServer(authority)) }, clock },
        { crypto, streamingDigest: hashWasmStreamingDigest, draftStore: new MemoryDraftStore() },
      );
    const befriend = async (from: MessengerSession, to: MessengerSession): Promise<void> => {
      const challenger = harnesses.get(to.address.split('@')[1] ?? '')?.challenger;
      await from.sendFriendRequest(to.address, '', async () => challenger?.lastAnswer ?? '');
      await to.sync();
      const request = to.overview().incomingRequests.find((candidate) => candidate.from === from.address);
      if (request === undefined) throw new Error('the request did not arrive');
      await to.acceptFriendRequest(request.id);
      await from.sync();
      await to.sync();
    };

    const phone = await device().register('alice@north.example', PASSWORD);
    const bob = await device().register('bob@south.example', PASSWORD);
    const carol = await device().register('carol@south.example', PASSWORD);
    await befriend(phone, bob);
    await befriend(phone, carol);
    // Long enough to be sealed in pages of alice's store.
    for (let i = 0; i < 40; i++) {
      clock.set(clock.now() + 1000);
      await phone.sendMessage(bob.address, `${i} ${'x'.repeat(2000)}`);
    }
    await bob.removeFriend(phone.address);
    // The laptop has opened none of those pages: freeing them takes writes of their own.
    const alice = await device(observed).logIn(phone.address, PASSWORD);
    await alice.sync();

    let writes = 0;
    let sending: Promise<void> = Promise.resolve();
    onHeadWrite = () => {
      writes += 1;
      // The first write after the one that deleted the chat frees some of its pages.
      if (writes === 2) sending = alice.sendMessage(carol.address, 'meanwhile');
    };
    await alice.deleteChat(bob.address);
    // Its drop waits on no queue: recorded between two of the freeing writes is what the queue owes it.
    const shownBeforeTheDeletionEnded = alice.conversation(carol.address).some((entry) => entry.kind === 'message' && entry.body === 'meanwhile');
    await sending;

    expect(writes).toBeGreaterThanOrEqual(2);
    expect(shownBeforeTheDeletionEnded).toBe(true);
  });
});
