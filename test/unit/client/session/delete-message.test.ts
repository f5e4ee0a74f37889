import { MessengerError } from '../../../../src/application/client/messenger';
import { createAliceAndBobSessions } from '../../../support/session-world';

describe('deleting a message that failed', () => {
  it('deletes it here only: the friend is told nothing and it is never resent', async () => {
    const { alice, bob, outage } = await createAliceAndBobSessions({ alice: 'alice@north.example', bob: 'bob@south.example' });
    await bob.sync();

    const southDown = outage('south.example');
    await expect(alice.sendMessage(bob.address, 'sent while you were away')).rejects.toBeInstanceOf(MessengerError);
    const [failed] = alice.conversation(bob.address);
    expect(failed).toMatchObject({ kind: 'message', state: 'failed' });
    await alice.deleteMessage(bob.address, failed?.kind === 'message' ? failed.id : '');
    southDown.restore();

    expect(alice.conversation(bob.address)).toEqual([]);
    await alice.retryMessage(bob.address, failed?.kind === 'message' ? failed.id : '');
    await bob.sync();
    expect(bob.conversation(alice.address)).toEqual([]);
  });
});
