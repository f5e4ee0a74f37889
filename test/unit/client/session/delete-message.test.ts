import { createWebCryptoSuite } from '../../../../src/adapters/crypto/web-crypto-suite';
import { MemoryLocalStore } from '../../../../src/adapters/local-store/memory-local-store';
import { SetTimeoutTimer } from '../../../../src/adapters/time/set-timeout-timer';
import { createMessenger } from '../../../../src/application/client/create-messenger';
import { MessengerError } from '../../../../src/application/client/messenger';
import { KDF_FLOOR } from '../../../../src/domain/protocol/account-rules';
import { FakeClock } from '../../../support/fakes';
import { InProcessHomeServers } from '../../../support/in-process-home-server-gateway';
import { WeakKeyDerivationForTests } from '../../../support/weak-key-derivation';
import { createServerHarness } from '../../server/server-harness';

describe('deleting a message that failed', () => {
  it('deletes it here only: the friend is told nothing and it is never resent', async () => {
    const servers = new InProcessHomeServers();
    const north = createServerHarness();
    const south = createServerHarness();
    servers.add('north.example', north.deps);
    servers.add('south.example', south.deps);
    const device = () =>
      createMessenger({
        crypto: createWebCryptoSuite({ keyDerivation: new WeakKeyDerivationForTests() }),
        gateways: servers,
        localStore: new MemoryLocalStore(),
        kdfParams: KDF_FLOOR,
        clock: new FakeClock(),
        timer: new SetTimeoutTimer(),
      });
    const alice = await device().register('alice@north.example', 'correct horse battery staple');
    const bob = await device().register('bob@south.example', 'correct horse battery staple');
    await alice.sendFriendRequest(bob.address, '', async () => south.challenger.lastAnswer);
    await bob.sync();
    await bob.acceptFriendRequest(bob.overview().incomingRequests[0]?.id ?? '');
    await alice.sync();
    await bob.sync();

    const outage = servers.outage('south.example');
    await expect(alice.sendMessage(bob.address, 'sent while you were away')).rejects.toBeInstanceOf(MessengerError);
    const [failed] = alice.conversation(bob.address);
    expect(failed).toMatchObject({ kind: 'message', state: 'failed' });
    await alice.deleteMessage(bob.address, failed?.kind === 'message' ? failed.id : '');
    outage.restore();

    expect(alice.conversation(bob.address)).toEqual([]);
    await alice.retryMessage(bob.address, failed?.kind === 'message' ? failed.id : '');
    await bob.sync();
    expect(bob.conversation(alice.address)).toEqual([]);
  });
});
