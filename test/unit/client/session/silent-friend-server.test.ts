import { MessengerSession } from '../../../../src/application/client/messenger';
import { createAliceAndBobSessions, PASSWORD } from '../../../support/session-world';
import { afterSteps, settlesWithin, until } from '../../../support/waiting';
import { blockedOnAnotherDevice } from '../../../support/blocked-elsewhere';

/** What `session` shows in its chat with `friend`: each message's text and state. */
const shown = (session: MessengerSession, friend: string) =>
  session.conversation(friend).flatMap((entry) => (entry.kind === 'message' ? [{ body: entry.body, state: entry.state }] : []));

describe("a friend's server that takes messages and never answers", () => {
  it('holds up nothing else of the session: the next message shows as sending at once, and another friend’s message comes in', async () => {
    const world = await createAliceAndBobSessions({ alice: 'alice@home.example', bob: 'bob@far.example' });
    const { alice, bob } = world;
    const carol = await world.device().register('carol@home.example', PASSWORD);
    await world.befriend(carol, alice);
    const silence = world.silence('far.example');
    try {
      const first = alice.sendMessage(bob.address, 'are you there?');
      first.catch(() => undefined);
      await until(() => shown(alice, bob.address).some(({ body }) => body === 'are you there?'));
      const second = alice.sendMessage(bob.address, 'hello?');
      second.catch(() => undefined);
      await until(() => shown(alice, bob.address).some(({ body }) => body === 'hello?'));
      expect(shown(alice, bob.address)).toEqual([
        { body: 'are you there?', state: 'sending' },
        { body: 'hello?', state: 'sending' },
      ]);

      await carol.sendMessage(alice.address, 'lunch at noon?');
      await settlesWithin(alice.sync());
      await settlesWithin(alice.markRead(carol.address));
      expect(shown(alice, carol.address)).toEqual([{ body: 'lunch at noon?', state: 'received' }]);

      // The first drop times out; the second waited its turn behind it, finds bob's server back, and sends the first again before itself.
      silence.release();
      await expect(first).rejects.toMatchObject({ code: 'network_error', details: { friend: bob.address } });
      await second;
      expect(shown(alice, bob.address).map(({ state }) => state)).toEqual(['sent', 'sent']);
      await bob.sync();
      expect(shown(bob, alice.address)).toEqual([
        { body: 'are you there?', state: 'received' },
        { body: 'hello?', state: 'received' },
      ]);
    } finally {
      silence.release();
    }
  });

  it('lets the user log out while a message waits on it; the next sign-in sends the message again', async () => {
    const world = await createAliceAndBobSessions({ alice: 'alice@home.example', bob: 'bob@far.example' });
    const { alice, bob } = world;
    const silence = world.silence('far.example');
    try {
      const sending = alice.sendMessage(bob.address, 'leaving soon');
      sending.catch(() => undefined);
      // The drop itself waits on bob's server: a log-out before it starts is another case (below).
      await until(() => silence.calls() === 1);
      await settlesWithin(alice.logOut());

      silence.release();
      await expect(sending).rejects.toMatchObject({ code: 'network_error', details: { friend: bob.address } });
      const again = await world.logIn(alice);
      expect(shown(again, bob.address)).toEqual([{ body: 'leaving soon', state: 'sending' }]);
      await again.sync();
      expect(shown(again, bob.address)).toEqual([{ body: 'leaving soon', state: 'sent' }]);
      await bob.sync();
      expect(shown(bob, alice.address)).toEqual([{ body: 'leaving soon', state: 'received' }]);
    } finally {
      silence.release();
    }
  });

  it('ends the friendship at once when told to remove them, and tells them beside the rest of the session', async () => {
    const world = await createAliceAndBobSessions({ alice: 'alice@home.example', bob: 'bob@far.example' });
    const { alice, bob } = world;
    const silence = world.silence('far.example');
    try {
      const removing = alice.removeFriend(bob.address);
      await until(() => alice.overview().friends.find((friend) => friend.address === bob.address)?.status === 'removed');
      await settlesWithin(alice.sync());

      // Telling them is a courtesy: that it never got through is not the user's failure.
      silence.release();
      await expect(removing).resolves.toBeUndefined();
    } finally {
      silence.release();
    }
  });

  it('resolves a removal told in the background once the friendship is ended, and lets the user log out while their server is told', async () => {
    const world = await createAliceAndBobSessions({ alice: 'alice@home.example', bob: 'bob@far.example' });
    const { alice, bob } = world;
    const silence = world.silence('far.example');
    try {
      await settlesWithin(alice.removeFriend(bob.address, { tellInBackground: true }));
      expect(alice.overview().friends.find((friend) => friend.address === bob.address)?.status).toBe('removed');
      await settlesWithin(alice.logOut());
    } finally {
      silence.release();
    }
  });

  it('marks their chat read at once with read receipts on, and the receipt reaches them once their server answers', async () => {
    const world = await createAliceAndBobSessions({ alice: 'alice@home.example', bob: 'bob@far.example' });
    const { alice, bob } = world;
    // Shown only to those who send receipts themselves.
    await Promise.all([alice.setReadReceipts(true), bob.setReadReceipts(true)]);
    await bob.sendMessage(alice.address, 'did you read this?');
    await alice.sync();
    const silence = world.silence('far.example');
    try {
      await settlesWithin(alice.markRead(bob.address));
      expect(alice.overview().friends.find((friend) => friend.address === bob.address)?.unread).toBe(0);
      // The receipt waits in bob's lane, and nothing else waits for it.
      await until(() => silence.calls() > 0);
      await settlesWithin(alice.sync());
    } finally {
      silence.release();
    }
    // The receipt that timed out is resent like any message.
    const readByAlice = () => bob.conversation(alice.address).some((entry) => entry.kind === 'message' && entry.readByFriend);
    await afterSteps(readByAlice, () => alice.sync().then(() => bob.sync()));
  });

  it('deletes a message they got for everyone at once, and their chat loses it once their server answers', async () => {
    const world = await createAliceAndBobSessions({ alice: 'alice@home.example', bob: 'bob@far.example' });
    const { alice, bob } = world;
    await alice.sendMessage(bob.address, 'meant for someone else');
    await bob.sync();
    const [sent] = alice.conversation(bob.address);
    const id = sent?.kind === 'message' ? sent.id : '';
    const silence = world.silence('far.example');
    try {
      await settlesWithin(alice.deleteMessage(bob.address, id));
      expect(shown(alice, bob.address)).toEqual([{ body: '', state: 'sending' }]);
      // The notice waits in bob's lane, and nothing else waits for it.
      await until(() => silence.calls() > 0);
      await settlesWithin(alice.sync());
    } finally {
      silence.release();
    }
    // The notice that timed out is resent like any message.
    const deletedAtBob = () => bob.conversation(alice.address).some((entry) => entry.kind === 'message' && entry.id === id && entry.deleted);
    await afterSteps(deletedAtBob, () => alice.sync().then(() => bob.sync()));
    expect(shown(bob, alice.address)).toEqual([{ body: '', state: 'received' }]);
  });

  it('takes in the inbox at once when a block from another device closes their links, and tells them beside it', async () => {
    const world = await createAliceAndBobSessions({ alice: 'alice@home.example', bob: 'bob@far.example' });
    const { alice, bob } = world;
    await blockedOnAnotherDevice(world, alice.address, bob.address);
    const silence = world.silence('far.example');
    try {
      await settlesWithin(alice.sync());
      expect(alice.overview().friends.find((friend) => friend.address === bob.address)?.status).toBe('removed');
      // The friend-remove waits on bob's server: the next operations do not.
      await until(() => silence.calls() > 0);
      await settlesWithin(alice.sync());
    } finally {
      silence.release();
    }
  });

  it('deletes the account without waiting on their server, and tells the friends whose servers answer', async () => {
    const world = await createAliceAndBobSessions({ alice: 'alice@home.example', bob: 'bob@far.example' });
    const { alice } = world;
    const carol = await world.device().register('carol@home.example', PASSWORD);
    await world.befriend(carol, alice);
    const silence = world.silence('far.example');
    try {
      await expect(settlesWithin(alice.deleteAccount(PASSWORD))).resolves.toEqual([]);
      await until(() => silence.calls() > 0);
    } finally {
      silence.release();
    }
    await afterSteps(() => carol.overview().friends.find((friend) => friend.address === alice.address)?.status === 'removed', () => carol.sync());
  });
});
