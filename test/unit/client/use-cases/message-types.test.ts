import { RecordKind } from '../../../../src/domain/messaging/record-kind';
import { ok } from '../../../../src/domain/protocol/result';
import { befriend, createInProcessWorld, expectOk, InProcessWorld, WorldUser } from './in-process-world';
import { storedPlaintext } from './stored-plaintext';

describe('PROTOCOL §11 message types between two clients', () => {
  let world: InProcessWorld;
  let alice: WorldUser;
  let bob: WorldUser;

  beforeEach(async () => {
    world = createInProcessWorld();
    world.server('one.test');
    world.server('two.test');
    alice = await world.user('alice@one.test');
    bob = await world.user('bob@two.test');
    await befriend(world, alice, bob);
  });

  /** Sends a record of any kind, bypassing the checks the Messenger makes, as another client might. */
  const sendRaw = (from: WorldUser, to: WorldUser, kind: RecordKind, body = '') =>
    from.client.sendMessage.execute(from.account, { to: to.account.address, body, kind: () => ok(kind) });
  const syncBob = async () => expectOk(await bob.client.syncInbox.execute(bob.account));
  const messagesOf = (user: WorldUser, friend: WorldUser) => user.conversation(friend.account.address).filter((entry) => entry.kind === 'message');

  it('removes an expired message, and the edit that held its new text, from every stored byte on both sides (head and pages)', async () => {
    // A history long enough that both sides seal pages around the disappearing message.
    const filler = (n: number) => `${n} ${'lorem ipsum '.repeat(80)}`;
    for (let n = 0; n < 60; n++) expectOk(await sendRaw(alice, bob, { type: 'message' }, filler(n)));
    await syncBob();
    const SECRET = 'the door code is 4711';
    const EDITED = 'the door code is 4712';
    expectOk(await sendRaw(alice, bob, { type: 'message', expiresIn: 60 }, SECRET));
    const sent = messagesOf(alice, bob).find((entry) => entry.kind === 'message' && entry.body === SECRET);
    expectOk(await sendRaw(alice, bob, { type: 'edit', target: sent?.kind === 'message' ? sent.id : '' }, EDITED));
    for (let n = 60; n < 120; n++) expectOk(await sendRaw(alice, bob, { type: 'message' }, filler(n)));
    await syncBob();
    expect(Object.keys(alice.account.head.pages).length + Object.keys(bob.account.head.pages).length).toBeGreaterThan(0);
    expect(messagesOf(bob, alice).filter((entry) => entry.kind === 'message' && entry.expiresIn !== null)).toEqual([
      expect.objectContaining({ body: EDITED, edited: true, expiresIn: 60, expiresAt: null }),
    ]);
    // The scan finds the text while it is there (the edit replaced the original everywhere).
    for (const account of [alice.account, bob.account]) {
      const plaintext = await storedPlaintext(world, account);
      expect(plaintext).toContain(EDITED);
      expect(plaintext).not.toContain(SECRET);
    }

    world.clock.set(world.clock.now() + 30_000);
    expectOk(await bob.client.markConversationRead.execute(bob.account, alice.account.address));
    world.clock.set(world.clock.now() + 59_000);
    expectOk(await alice.client.removeExpiredMessages.execute(alice.account));
    expectOk(await bob.client.removeExpiredMessages.execute(bob.account));
    const disappearing = (user: WorldUser, friend: WorldUser) => messagesOf(user, friend).filter((entry) => entry.kind === 'message' && entry.expiresIn !== null);
    expect(disappearing(alice, bob)).toEqual([]);
    expect(disappearing(bob, alice)).toHaveLength(1);

    world.clock.set(world.clock.now() + 1000);
    // Gone from the view at its deadline, before any write removed it.
    expect(disappearing(bob, alice)).toEqual([]);
    expect(await storedPlaintext(world, bob.account)).toContain(EDITED);
    await syncBob();
    for (const account of [alice.account, bob.account]) {
      const plaintext = await storedPlaintext(world, account);
      expect(plaintext).not.toContain(SECRET);
      expect(plaintext).not.toContain(EDITED);
    }
  });

  it('keeps no previous text of an edited message in either store', async () => {
    expectOk(await sendRaw(alice, bob, { type: 'message' }, 'meet at the old station'));
    const [sent] = messagesOf(alice, bob);
    const id = sent?.kind === 'message' ? sent.id : '';
    expectOk(await sendRaw(alice, bob, { type: 'edit', target: id }, 'meet at the harbour'));
    expectOk(await sendRaw(alice, bob, { type: 'edit', target: id }, 'meet at the new station'));
    await syncBob();
    for (const [user, friend] of [
      [alice, bob],
      [bob, alice],
    ] as const) {
      expect(messagesOf(user, friend)).toEqual([expect.objectContaining({ id, body: 'meet at the new station', edited: true })]);
      const stored = await storedPlaintext(world, user.account);
      expect(stored).not.toContain('old station');
      expect(stored).not.toContain('harbour');
    }
  });

  it('rewrites the page an edited or deleted message was sealed in, so its old text is in no stored object on either side', async () => {
    const EDITED_FROM = 'the meeting is on monday';
    const DELETED = 'my pin is 2468';
    expectOk(await sendRaw(alice, bob, { type: 'message' }, EDITED_FROM));
    expectOk(await sendRaw(alice, bob, { type: 'message' }, DELETED));
    const filler = (n: number) => `${n} ${'lorem ipsum '.repeat(80)}`;
    for (let n = 0; n < 120; n++) {
      // Later than the two, so a seal (oldest first) takes them before any filler.
      world.clock.set(world.clock.now() + 1000);
      expectOk(await sendRaw(alice, bob, { type: 'message' }, filler(n)));
      if (n % 30 === 29) await syncBob();
    }
    await syncBob();
    const sealedIn = (user: WorldUser, text: string) => user.account.pages.some(({ id, page }) => id in user.account.head.pages && page.messages.some((m) => m.body === text));
    for (const user of [alice, bob]) {
      expect(sealedIn(user, EDITED_FROM)).toBe(true);
      expect(sealedIn(user, DELETED)).toBe(true);
      expect(Object.keys(user.account.head.tail).some((key) => user.account.head.tail[key]?.body === EDITED_FROM)).toBe(false);
    }
    const idOf = (text: string) => {
      const entry = alice.account.pages.flatMap(({ page }) => page.messages).find((m) => m.body === text);
      return entry?.id ?? '';
    };
    expectOk(await sendRaw(alice, bob, { type: 'edit', target: idOf(EDITED_FROM) }, 'the meeting is on tuesday'));
    expectOk(await sendRaw(alice, bob, { type: 'delete', target: idOf(DELETED) }));
    await syncBob();
    for (const user of [alice, bob]) {
      const stored = await storedPlaintext(world, user.account);
      expect(stored).toContain('the meeting is on tuesday');
      expect(stored).not.toContain(EDITED_FROM);
      expect(stored).not.toContain(DELETED);
    }
  });

  it('deletes for everyone: the text leaves both stores and both show the deleted mark', async () => {
    const TEXT = 'sent to the wrong chat';
    expectOk(await sendRaw(alice, bob, { type: 'message' }, TEXT));
    await syncBob();
    const [sent] = messagesOf(alice, bob);
    const id = sent?.kind === 'message' ? sent.id : '';
    expectOk(await sendRaw(alice, bob, { type: 'delete', target: id }));
    await syncBob();
    for (const [user, friend] of [
      [alice, bob],
      [bob, alice],
    ] as const) {
      expect(messagesOf(user, friend)).toEqual([expect.objectContaining({ id, body: '', deleted: true })]);
      expect(await storedPlaintext(world, user.account)).not.toContain(TEXT);
    }
  });

  it('shows a type it does not know as unsupported, and what names another friendship’s message or breaks the rules nowhere', async () => {
    expectOk(await sendRaw(alice, bob, { type: 'unsupported', originalType: 'poll' }));
    expectOk(await sendRaw(alice, bob, { type: 'reaction', target: 'a-message-of-another-friendship', emoji: '👍' }));
    expectOk(await sendRaw(alice, bob, { type: 'edit', target: 'a-message-of-another-friendship' }, 'not here'));
    expectOk(await sendRaw(alice, bob, { type: 'delete', target: 'a-message-of-another-friendship' }));
    expectOk(await sendRaw(alice, bob, { type: 'reaction', target: 'x', emoji: 'not an emoji' }));
    expectOk(await sendRaw(alice, bob, { type: 'message', expiresIn: 1 }, 'too short a timer'));
    expectOk(await sendRaw(alice, bob, { type: 'message' }, 'still here'));
    await syncBob();
    expect(bob.conversation(alice.account.address)).toEqual([
      expect.objectContaining({ kind: 'message', unsupported: true, body: '' }),
      expect.objectContaining({ kind: 'message', body: 'still here', reactions: [], edited: false, deleted: false }),
    ]);
    expect(bob.friend(alice.account.address)?.unread).toBe(2);
  });

  it('shows the same on every device: what one device received, sent or read merges into the other', async () => {
    const bobsLaptop = await world.anotherDevice(bob);
    expectOk(await sendRaw(alice, bob, { type: 'message', expiresIn: 3600 }, 'first'));
    expectOk(await sendRaw(alice, bob, { type: 'message' }, 'second'));
    const [first] = messagesOf(alice, bob);
    const firstId = first?.kind === 'message' ? first.id : '';
    expectOk(await sendRaw(alice, bob, { type: 'edit', target: firstId }, 'first, edited'));
    await syncBob();
    const second = messagesOf(bob, alice)[1];
    const secondId = second?.kind === 'message' ? second.id : '';
    expectOk(await bob.client.sendMessage.execute(bob.account, { to: alice.account.address, body: '', kind: () => ok({ type: 'reaction', target: secondId, emoji: '👍' }) }));
    expectOk(await bob.client.markConversationRead.execute(bob.account, alice.account.address));

    const refresh = async (device: WorldUser) => expectOk(await device.client.refreshBlob.execute(device.account, device.account.version + 1));
    await refresh(bobsLaptop);
    expect(bobsLaptop.conversation(alice.account.address)).toEqual(bob.conversation(alice.account.address));
    expect(messagesOf(bobsLaptop, alice)).toEqual([
      expect.objectContaining({ body: 'first, edited', edited: true, expiresAt: world.clock.now() + 3600 * 1000 }),
      expect.objectContaining({ body: 'second', reactions: [{ emoji: '👍', by: ['out'] }] }),
    ]);
    expect(bobsLaptop.friend(alice.account.address)?.unread).toBe(0);
  });

  it('applies an edit and a reaction that arrive before their target', async () => {
    const outage = world.outage('two.test');
    expect((await sendRaw(alice, bob, { type: 'message' }, 'first draft')).ok).toBe(false);
    outage.restore();
    const [draft] = messagesOf(alice, bob);
    const id = draft?.kind === 'message' ? draft.id : '';
    expectOk(await sendRaw(alice, bob, { type: 'edit', target: id }, 'final text'));
    expectOk(await sendRaw(alice, bob, { type: 'reaction', target: id, emoji: '🎉' }));
    await syncBob();
    expect(messagesOf(bob, alice)).toEqual([]);
    expectOk(await alice.client.retryUndeliveredMessages.execute(alice.account));
    await syncBob();
    expect(messagesOf(bob, alice)).toEqual([expect.objectContaining({ id, body: 'final text', edited: true, reactions: [{ emoji: '🎉', by: ['in'] }] })]);
  });
});
