import { RecordKind } from '../../../../src/domain/messaging/record-kind';
import { ok } from '../../../../src/domain/protocol/result';
import { countingReads } from './counting-reads';
import { createAliceAndBob, expectOk, InProcessWorld, WorldUser } from './in-process-world';
import { storedObjectIds, storedPlaintext } from './stored-plaintext';

/*
 * §11: an edit keeps no previous text and a delete leaves no copy, also of a message sealed into a
 * page the receiving device has not opened this session (a new sign-in opens no page until the user
 * scrolls back).
 */
describe('an edit or delete of a message in a page this device has not opened', () => {
  let world: InProcessWorld;
  let alice: WorldUser;
  let bob: WorldUser;

  beforeEach(async () => {
    ({ world, alice, bob } = await createAliceAndBob('alice'));
  });

  const sendRaw = (from: WorldUser, to: WorldUser, kind: RecordKind, body = '') =>
    from.client.sendMessage.execute(from.account, { to: to.account.address, body, kind: () => ok(kind) });
  const filler = (n: number) => `${n} ${'lorem ipsum '.repeat(80)}`;
  const idOf = (user: WorldUser, text: string): string =>
    [...user.account.pages.flatMap(({ page }) => page.messages), ...Object.values(user.account.head.tail)].find((m) => m.body === text)?.id ?? '';

  /** Alice sends `texts`, then `fillers` later messages; bob syncs every 30, so both sides seal the texts into their oldest pages. */
  const sealedHistory = async (texts: readonly string[], fillers: number) => {
    for (const text of texts) expectOk(await sendRaw(alice, bob, { type: 'message' }, text));
    for (let n = 0; n < fillers; n++) {
      world.clock.set(world.clock.now() + 1000);
      expectOk(await sendRaw(alice, bob, { type: 'message' }, filler(n)));
      if (n % 30 === 29) expectOk(await bob.client.syncInbox.execute(bob.account));
    }
    expectOk(await bob.client.syncInbox.execute(bob.account));
  };

  /** The page of `user`'s head that holds `text` (the user's device sealed it, so it has it open). */
  const pageHolding = (user: WorldUser, text: string): string =>
    user.account.pages.find(({ id, page }) => id in user.account.head.pages && page.messages.some((m) => m.body === text))?.id ?? '';

  it('rewrites the page on a device that signed in after the message was sealed: no stored object keeps the old text, the old page is released, and the marks show', async () => {
    const EDITED_FROM = 'the meeting is on monday';
    const EDITED_TO = 'the meeting is on tuesday';
    const DELETED = 'my pin is 2468';
    await sealedHistory([EDITED_FROM, DELETED], 120);
    const bobsPage = pageHolding(bob, EDITED_FROM);
    expect(bobsPage).not.toBe('');
    expect(pageHolding(bob, DELETED)).toBe(bobsPage);
    const bobAgain = await world.anotherDevice(bob);
    expect(bobAgain.account.pages).toEqual([]);

    expectOk(await sendRaw(alice, bob, { type: 'edit', target: idOf(alice, EDITED_FROM) }, EDITED_TO));
    expectOk(await sendRaw(alice, bob, { type: 'delete', target: idOf(alice, DELETED) }));
    expectOk(await bobAgain.client.syncInbox.execute(bobAgain.account));

    const stored = await storedPlaintext(world, bobAgain.account);
    expect(stored.includes(EDITED_TO)).toBe(true);
    expect(stored.includes(EDITED_FROM)).toBe(false);
    expect(stored.includes(DELETED)).toBe(false);
    expect(await storedObjectIds(world, bobAgain.account)).not.toContain(bobsPage);
    expect(bobAgain.account.head.releasedPages).toHaveProperty(bobsPage);
    const shown = bobAgain.conversation(alice.account.address);
    expect(shown).toContainEqual(expect.objectContaining({ id: idOf(alice, EDITED_TO), body: EDITED_TO, edited: true }));
    expect(shown).toContainEqual(expect.objectContaining({ body: '', deleted: true }));

    // Settled: the next session finds nothing left to look for, so it opens no page.
    const { reads, wrapGateway } = countingReads();
    const bobThird = await world.anotherDevice(bob, { wrapGateway });
    expectOk(await sendRaw(alice, bob, { type: 'message' }, 'one more'));
    expectOk(await bobThird.client.syncInbox.execute(bobThird.account));
    expect(reads.length).toBe(0);
  });

  it('shows the new text on a device that still holds the old page in memory when another device rewrote it', async () => {
    const EDITED_FROM = 'the meeting is on monday';
    const EDITED_TO = 'the meeting is on tuesday';
    await sealedHistory([EDITED_FROM], 120);
    expect(pageHolding(bob, EDITED_FROM)).not.toBe('');
    const bobAgain = await world.anotherDevice(bob);
    expectOk(await sendRaw(alice, bob, { type: 'edit', target: idOf(alice, EDITED_FROM) }, EDITED_TO));
    expectOk(await bobAgain.client.syncInbox.execute(bobAgain.account));
    expect(pageHolding(bob, EDITED_FROM)).not.toBe('');

    expectOk(await bob.client.syncInbox.execute(bob.account));
    const bodies = bob.conversation(alice.account.address).flatMap((entry) => (entry.kind === 'message' ? [entry.body] : []));
    expect(bodies).toContain(EDITED_TO);
    expect(bodies).not.toContain(EDITED_FROM);
  });

  it('looks further back on each write, a few objects at a time, until it finds a message sealed deep in the history', async () => {
    const DELETED = 'the old address is 12 elm street';
    await sealedHistory([DELETED], 420);
    const pagesOfChat = Object.keys(bob.account.head.pages).length + Object.keys(bob.account.head.indexes).length;
    expect(pagesOfChat).toBeGreaterThan(6);
    const { reads, wrapGateway } = countingReads();
    const bobAgain = await world.anotherDevice(bob, { wrapGateway });

    expectOk(await sendRaw(alice, bob, { type: 'delete', target: idOf(alice, DELETED) }));
    const readsPerSync: number[] = [];
    for (let sync = 0; sync < pagesOfChat && (await storedPlaintext(world, bobAgain.account)).includes(DELETED); sync++) {
      const before = reads.length;
      expectOk(await bobAgain.client.syncInbox.execute(bobAgain.account));
      readsPerSync.push(reads.length - before);
    }
    expect((await storedPlaintext(world, bobAgain.account)).includes(DELETED)).toBe(false);
    expect(readsPerSync.length).toBeGreaterThan(1);
    for (const count of readsPerSync) expect(count).toBeLessThanOrEqual(4);
  });

  it('shows the deleted mark as soon as scrolling back opens the page, before a write looked that far', async () => {
    const DELETED = 'the old address is 12 elm street';
    await sealedHistory([DELETED], 420);
    const bobAgain = await world.anotherDevice(bob);
    expectOk(await sendRaw(alice, bob, { type: 'delete', target: idOf(alice, DELETED) }));
    expectOk(await bobAgain.client.syncInbox.execute(bobAgain.account));
    const deletedMark = expect.objectContaining({ id: idOf(alice, DELETED), body: '', deleted: true });
    expect(bobAgain.conversation(alice.account.address)).not.toContainEqual(deletedMark);
    while (expectOk(await bobAgain.client.loadOlderMessages.execute(bobAgain.account, alice.account.address)));
    expect(bobAgain.conversation(alice.account.address)).toContainEqual(deletedMark);
  });

  it('rewrites the author’s own page when a device that has not opened it edits the message', async () => {
    const EDITED_FROM = 'call me at five';
    await sealedHistory([EDITED_FROM], 120);
    const alicesPage = pageHolding(alice, EDITED_FROM);
    expect(alicesPage).not.toBe('');
    const aliceAgain = await world.anotherDevice(alice);
    const id = idOf(alice, EDITED_FROM);
    expectOk(await sendRaw(aliceAgain, bob, { type: 'edit', target: id }, 'call me at six'));
    // The edit's delivered mark is the write after the drop: by then the rewritten page holds the text.
    expectOk(await aliceAgain.client.syncInbox.execute(aliceAgain.account));
    const stored = await storedPlaintext(world, aliceAgain.account);
    expect(stored.includes('call me at six')).toBe(true);
    expect(stored.includes(EDITED_FROM)).toBe(false);
    expect(await storedObjectIds(world, aliceAgain.account)).not.toContain(alicesPage);
  });
});
