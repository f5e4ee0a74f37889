import { ConversationEntry, MessengerSession } from '../../../../src/application/client/messenger';
import { FakeClock } from '../../../support/fakes';
import { createAliceAndBobSessions } from '../../../support/session-world';
import { afterSteps } from '../../../support/waiting';

type MessageEntry = Extract<ConversationEntry, { kind: 'message' }>;
const messages = (session: MessengerSession, friend: string): MessageEntry[] =>
  session.conversation(friend).filter((entry): entry is MessageEntry => entry.kind === 'message');

/** Sessions that just sent: ending them cancels their delayed write of delivery marks, which would outlive the test. */
const logOut = async (...sessions: MessengerSession[]): Promise<void> => {
  await Promise.all(sessions.map((session) => session.logOut()));
};

const loadAll = async (session: MessengerSession, friend: string): Promise<void> => {
  while (await session.loadOlder(friend));
};

/** Alice sends `firsts`, then 120 long messages a millisecond apart (pages take the oldest first); bob receives them all. */
const sendLongHistory = async (alice: MessengerSession, bob: MessengerSession, clock: FakeClock, firsts: readonly string[]): Promise<void> => {
  for (const first of firsts) await alice.sendMessage(bob.address, first);
  for (let n = 0; n < 120; n++) {
    clock.set(clock.now() + 1);
    await alice.sendMessage(bob.address, `${n} ${'lorem ipsum '.repeat(80)}`);
  }
  await bob.sync();
};

describe('§11 records naming an older message (sealed into a page, PROTOCOL §8.4)', () => {
  it('reply, react and edit once the page is open, and both sides show it', async () => {
    const { alice, bob, clock, logIn } = await createAliceAndBobSessions();
    await sendLongHistory(alice, bob, clock, ['the very first message']);
    // Fresh devices: the devices that sealed the pages still have them open.
    const bobsLaptop = await logIn(bob);
    const alicesLaptop = await logIn(alice);
    await check(bobsLaptop, alicesLaptop);
    await logOut(alice, bobsLaptop, alicesLaptop);
  });

  it("refuse to edit or delete the friend's message once its page is open, as not one's own", async () => {
    const { alice, bob, clock, logIn } = await createAliceAndBobSessions();
    await sendLongHistory(alice, bob, clock, ['the very first message']);
    const bobsLaptop = await logIn(bob);
    await loadAll(bobsLaptop, alice.address);
    const first = messages(bobsLaptop, alice.address).find((entry) => entry.body === 'the very first message');
    if (first === undefined) throw new Error('the first message is not shown after loading older ones');

    await expect(bobsLaptop.editMessage(alice.address, first.id, 'not mine')).rejects.toMatchObject({ code: 'not_own_message' });
    await expect(bobsLaptop.deleteMessage(alice.address, first.id)).rejects.toMatchObject({ code: 'not_own_message' });
    await logOut(alice);
  });
});

describe('§11 records naming a message in a page this device has not opened', () => {
  it('are accepted (a target not known yet, §11) and apply once the page is open, on both sides', async () => {
    const { alice, bob, clock, logIn } = await createAliceAndBobSessions();
    await sendLongHistory(alice, bob, clock, ['the very first message', 'the second message']);
    const idOf = (body: string) => messages(alice, bob.address).find((entry) => entry.body === body)?.id ?? '';
    const [first, second] = [idOf('the very first message'), idOf('the second message')];

    const alicesLaptop = await logIn(alice);
    expect(messages(alicesLaptop, bob.address).some((entry) => entry.id === first || entry.id === second)).toBe(false);
    await alicesLaptop.editMessage(bob.address, first, 'the very first message, edited');
    await alicesLaptop.deleteMessage(bob.address, second);
    await loadAll(alicesLaptop, bob.address);
    expect(messages(alicesLaptop, bob.address).find((entry) => entry.id === first)).toMatchObject({ body: 'the very first message, edited', edited: true });
    expect(messages(alicesLaptop, bob.address).some((entry) => entry.id === second && entry.body !== '')).toBe(false);

    // The delete is told to bob's server in the background.
    await afterSteps(
      () => messages(bob, alice.address).some((entry) => entry.id === second && entry.deleted),
      async () => {
        await bob.sync();
        await loadAll(bob, alice.address);
      },
    );
    expect(messages(bob, alice.address).find((entry) => entry.id === first)).toMatchObject({ body: 'the very first message, edited', edited: true });
    expect(messages(bob, alice.address).some((entry) => entry.id === second && entry.body !== '')).toBe(false);
    await logOut(alice, alicesLaptop);
  });

  it('still refuses a message that is nowhere when every page is open', async () => {
    const { alice, bob } = await createAliceAndBobSessions();
    await expect(alice.editMessage(bob.address, 'no-such-message', 'text')).rejects.toMatchObject({ code: 'unknown_message' });
  });
});

/** `bob` received alice's long history; neither device has opened a page yet. */
const check = async (bob: MessengerSession, alice: MessengerSession): Promise<void> => {
    expect(messages(bob, alice.address).some((entry) => entry.body === 'the very first message')).toBe(false);
    await loadAll(bob, alice.address);
    const first = messages(bob, alice.address).find((entry) => entry.body === 'the very first message');
    if (first === undefined) throw new Error('the first message is not shown after loading older ones');

    await bob.react(alice.address, first.id, '👍');
    await bob.reply(alice.address, first.id, 'I remember that one');
    expect(messages(bob, alice.address).find((entry) => entry.id === first.id)?.reactions).toEqual([{ emoji: '👍', by: ['out'] }]);
    expect(messages(bob, alice.address).find((entry) => entry.body === 'I remember that one')?.replyTo).toEqual({ id: first.id, direction: 'in', snippet: 'the very first message', gone: false });

    await alice.sync();
    await loadAll(alice, bob.address);
    await alice.editMessage(bob.address, first.id, 'the very first message, edited');
    expect(messages(alice, bob.address).find((entry) => entry.id === first.id)).toMatchObject({
      body: 'the very first message, edited',
      edited: true,
      reactions: [{ emoji: '👍', by: ['in'] }],
    });
    await bob.sync();
    expect(messages(bob, alice.address).find((entry) => entry.id === first.id)).toMatchObject({ body: 'the very first message, edited', edited: true });
};
