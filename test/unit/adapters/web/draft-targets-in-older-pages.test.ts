import { type Draft } from '../../../../src/application/client/messenger';
import { olderHistoryRemains } from '../../../../src/application/client/session/unopened-history';
import { reopenDraftFromOlderPages, type ChatHistory } from '../../../../src/adapters/web/reopen-draft';
import { pageEverything } from '../../../support/page-everything';
import { countingReads } from '../../client/use-cases/counting-reads';
import { createAliceAndBob, expectOk, type InProcessWorld, type WorldUser } from '../../client/use-cases/in-process-world';

/*
 * A chat opening a draft whose reply target or edited message is in an older page (a new sign-in
 * shows only the newest) loads older pages as scrolling back does, at most 4 of them: real client
 * use cases over real server ones in process, every object the device downloads counted.
 */

/** Spelled out, not imported: a change to the bound must fail here. */
const LOOKED_AT_MOST = 4;

const BOB = 'bob@two.test';
const TYPED = 'typed under the edit';
const EDITED_TO = 'my fix of it';

type Device = Awaited<ReturnType<InProcessWorld['anotherDevice']>>;

/** The chat with bob as the chat screen sees it, through the use case that scrolling back runs. */
const historyOf = (device: Device): ChatHistory => ({
  remains: () => olderHistoryRemains(device.account, BOB),
  load: async () => expectOk(await device.client.loadOlderMessages.execute(device.account, BOB)),
  entries: () => device.conversation(BOB),
});

const shownIds = (device: Device): string[] => device.conversation(BOB).flatMap((entry) => (entry.kind === 'message' ? [entry.id] : []));

/** alice sent bob 60 messages, a millisecond apart, all sealed into small pages and indexes of her store. */
const aliceWithLongHistory = async () => {
  const { world, alice } = await createAliceAndBob();
  for (let n = 0; n < 60; n += 1) {
    world.clock.set(world.clock.now() + 1);
    expectOk(await alice.client.sendMessage.execute(alice.account, { to: BOB, body: `message ${n} ${'about the trip '.repeat(8)}` }));
  }
  await pageEverything(alice.account);
  return { world, alice };
};

/**
 * On a new device, what scrolling back one page at a time shows and reads: `pages[n]` the messages
 * the (n+1)th older page brings, `readsAfter[n]` the objects downloaded by then.
 */
const scrollBack = async (world: InProcessWorld, alice: WorldUser) => {
  const { reads, wrapGateway } = countingReads();
  const device = await world.anotherDevice(alice, { wrapGateway });
  const pages: string[][] = [];
  const readsAfter: string[][] = [];
  let more = olderHistoryRemains(device.account, BOB);
  while (more) {
    const before = shownIds(device);
    more = expectOk(await device.client.loadOlderMessages.execute(device.account, BOB));
    pages.push(shownIds(device).filter((id) => !before.includes(id)));
    readsAfter.push([...reads]);
  }
  return { pages, readsAfter };
};

/** A new device of alice, showing none of the history, with what it downloads counted from then on. */
const newDevice = async (world: InProcessWorld, alice: WorldUser) => {
  const { reads, wrapGateway } = countingReads();
  const device = await world.anotherDevice(alice, { wrapGateway });
  expect(shownIds(device)).toEqual([]);
  return { device, reads };
};

describe('a draft whose message is in an older page (reopenDraftFromOlderPages)', () => {
  it('takes up an edit of a message in the third older page, reading those three pages and no more', async () => {
    const { world, alice } = await aliceWithLongHistory();
    const { pages, readsAfter } = await scrollBack(world, alice);
    expect(pages.length).toBeGreaterThan(LOOKED_AT_MOST + 1);
    const target = pages[2]![0]!;
    const draft: Draft = { text: TYPED, edit: { messageId: target, text: EDITED_TO } };

    const { device, reads } = await newDevice(world, alice);
    const reopened = await reopenDraftFromOlderPages(() => draft, historyOf(device));

    expect(reopened).toMatchObject({ draft, pending: false, editing: { id: target } });
    expect(reads).toEqual(readsAfter[2]);
  });

  it("gives up on a message in the fifth older page, having read only four pages, and keeps the edit's text as the new message's", async () => {
    const { world, alice } = await aliceWithLongHistory();
    const { pages, readsAfter } = await scrollBack(world, alice);
    const beyond = pages[LOOKED_AT_MOST]![0]!;
    const draft: Draft = { text: TYPED, replyTo: beyond, edit: { messageId: beyond, text: EDITED_TO } };

    const { device, reads } = await newDevice(world, alice);
    const reopened = await reopenDraftFromOlderPages(() => draft, historyOf(device));

    expect(reopened).toStrictEqual({ draft: { text: `${EDITED_TO}\n${TYPED}` }, replyingTo: null, editing: null, pending: false });
    expect(reads).toEqual(readsAfter[LOOKED_AT_MOST - 1]);
    // Stopped by the bound, not by the history's beginning: the message is one page further back.
    expect(olderHistoryRemains(device.account, BOB)).toBe(true);
  });

  it('keeps waiting for a message in the fourth older page when that page fails to load', async () => {
    const { world, alice } = await aliceWithLongHistory();
    const { pages } = await scrollBack(world, alice);
    const target = pages[LOOKED_AT_MOST - 1]![0]!;
    const draft: Draft = { text: TYPED, edit: { messageId: target, text: EDITED_TO } };
    const { device } = await newDevice(world, alice);
    const history = historyOf(device);
    let loads = 0;
    // As the chat screen's loader answers a failed page: false, with older pages still there.
    const failingLast: ChatHistory = { ...history, load: () => (++loads === LOOKED_AT_MOST ? Promise.resolve(false) : history.load()) };

    const reopened = await reopenDraftFromOlderPages(() => draft, failingLast);

    expect(reopened).toStrictEqual({ draft, replyingTo: null, editing: null, pending: true });
    expect(olderHistoryRemains(device.account, BOB)).toBe(true);
  });

  it('decides nothing for a chat left while it looked', async () => {
    const { world, alice } = await aliceWithLongHistory();
    const { pages } = await scrollBack(world, alice);
    const { device, reads } = await newDevice(world, alice);
    let left = false;
    const history = historyOf(device);
    const leaving: ChatHistory = { ...history, load: () => history.load().finally(() => (left = true)) };

    const reopened = await reopenDraftFromOlderPages(() => ({ text: TYPED, replyTo: pages[2]![0]! }), leaving, () => left);

    expect(reopened).toBeNull();
    expect(reads.length).toBeGreaterThan(0);
    expect(shownIds(device)).toEqual(pages[0]);
  });
});
