import { deleteMessage } from '../../../../src/domain/messaging/messages';
import { keyOfMessage } from '../../../../src/domain/messaging/message';
import { HomeServerGateway } from '../../../../src/application/ports/home-server-gateway';
import { MemoryObjectCache } from '../../../../src/adapters/local-store/memory-object-cache';
import { pageEverything } from '../../../support/page-everything';
import { pagesOfFriend } from '../../../../src/domain/messaging/store/page-ref';
import { olderHistoryRemains } from '../../../../src/application/client/session/unopened-history';
import { countingReads } from './counting-reads';
import { createAliceAndBob, expectOk, InProcessWorld, PASSWORD } from './in-process-world';

/*
 * PROTOCOL §8.4: a new login shows the head's recent messages; scrolling back loads the older pages
 * of that chat one at a time, through the index objects that hold the oldest page references.
 */

const sentBodies = (count: number): string[] => Array.from({ length: count }, (_, i) => `message ${i + 1}`);

/**
 * bob sends alice `count` messages, synced one by one; alice's device then seals them all into pages and indexes.
 * Each a millisecond after the one before: pages take the oldest first, and messages of one instant would go by their random ids.
 */
const pagedChat = async (count: number) => {
  const { world, alice, bob } = await createAliceAndBob('bob');
  for (const body of sentBodies(count)) {
    world.clock.set(world.clock.now() + 1);
    expectOk(await bob.client.sendMessage.execute(bob.account, { to: 'alice@one.test', body }));
    expectOk(await alice.client.syncInbox.execute(alice.account));
  }
  await pageEverything(alice.account);
  return { world, alice };
};

type Device = Awaited<ReturnType<InProcessWorld['anotherDevice']>>;

const scrollToTheBeginning = async (device: Device): Promise<void> => {
  while (expectOk(await device.client.loadOlderMessages.execute(device.account, 'bob@two.test')));
};

const bodiesShownOn = (device: Device): string[] => device.conversation('bob@two.test').flatMap((entry) => (entry.kind === 'message' ? [entry.body] : []));

describe('LoadOlderMessages', () => {
  it('brings back a chat page by page, through its indexes, on a device that has only read the head', async () => {
    const MESSAGES = 12;
    const { world, alice } = await pagedChat(MESSAGES);
    expect(Object.keys(alice.account.head.indexes).length).toBeGreaterThan(0);

    const phone = await world.anotherDevice(alice);
    const shown = () => bodiesShownOn(phone);
    expect(shown()).toEqual([]);
    let loads = 0;
    let more = true;
    while (more) {
      const before = shown().length;
      more = expectOk(await phone.client.loadOlderMessages.execute(phone.account, 'bob@two.test'));
      loads += 1;
      expect(shown().length).toBeGreaterThan(before);
    }
    expect(shown()).toEqual(sentBodies(MESSAGES));
    expect(loads).toBeGreaterThan(2);
    expect(expectOk(await phone.client.loadOlderMessages.execute(phone.account, 'bob@two.test'))).toBe(false);
  });

  it('is known from the head alone whether older pages remain, through its indexes, until the last one is loaded', async () => {
    const { world, alice } = await pagedChat(12);
    const phone = await world.anotherDevice(alice);
    expect(olderHistoryRemains(phone.account, 'bob@two.test')).toBe(true);
    expect(olderHistoryRemains(phone.account, 'carol@two.test')).toBe(false);

    let more = true;
    while (more) {
      more = expectOk(await phone.client.loadOlderMessages.execute(phone.account, 'bob@two.test'));
      expect(olderHistoryRemains(phone.account, 'bob@two.test')).toBe(more);
    }
    expect(bodiesShownOn(phone)).toEqual(sentBodies(12));
  });

  it('passes over a page the server damaged: reported once, downloaded once, the older history still reached', async () => {
    const MESSAGES = 12;
    const { world, alice } = await pagedChat(MESSAGES);
    const [newest] = pagesOfFriend(alice.account.head.pages, 'bob@two.test');
    const reads = countingReads();
    const damaging = (gateway: HomeServerGateway): HomeServerGateway => {
      const counted = reads.wrapGateway(gateway);
      return Object.assign(Object.create(counted) as HomeServerGateway, {
        getObject: async (session: string, id: string) => {
          const served = await counted.getObject(session, id);
          if (!served.ok || id !== newest?.id) return served;
          const bytes = served.value.slice();
          bytes[bytes.length - 1]! ^= 1;
          return { ok: true as const, value: bytes };
        },
      });
    };

    const phone = await world.anotherDevice(alice, { wrapGateway: damaging });
    const failed = await phone.client.loadOlderMessages.execute(phone.account, 'bob@two.test');
    expect(failed).toMatchObject({ ok: false, error: { code: 'bad_response' } });
    await scrollToTheBeginning(phone);

    const shown = bodiesShownOn(phone);
    expect(shown).toContain('message 1');
    expect(shown.length).toBeLessThan(MESSAGES);
    expect(reads.reads.filter((id) => id === newest?.id)).toHaveLength(1);
  });

  it('leaves nothing out of an export: every page is read, through the indexes', async () => {
    const { world, alice } = await pagedChat(8);
    const phone = await world.anotherDevice(alice);

    const exported = JSON.parse(expectOk(await phone.client.exportData.execute(phone.account))) as { blob: { messages: Record<string, { body: string }> } };
    const bodies = Object.values(exported.blob.messages).map((message) => message.body);
    expect(bodies).toEqual(expect.arrayContaining(sentBodies(8)));
  });

  it('reads pages from this browser’s cache on the next login, and downloads them again after "forget this browser"', async () => {
    const { world, alice } = await pagedChat(6);

    const cache = new MemoryObjectCache();
    const { reads: downloads, wrapGateway: counting } = countingReads();
    const scrollBack = async (device: Device) => {
      await scrollToTheBeginning(device);
      return device.conversation('bob@two.test').length;
    };

    const first = await world.anotherDevice(alice, { wrapGateway: counting, objectCache: cache });
    expect(await scrollBack(first)).toBe(6);
    const downloadedFirst = downloads.length;
    expect(downloadedFirst).toBeGreaterThan(1);
    expectOk(await first.client.logOut.execute(first.account));

    const second = await world.anotherDevice(alice, { wrapGateway: counting, objectCache: cache });
    expect(await scrollBack(second)).toBe(6);
    expect(downloads.length).toBe(downloadedFirst);
    expectOk(await second.client.logOut.execute(second.account));
    // What logging out with forgetBrowser does once the server's part is over.
    await cache.forget();

    const third = await world.anotherDevice(alice, { wrapGateway: counting, objectCache: cache });
    expect(await scrollBack(third)).toBe(6);
    expect(downloads.length).toBe(2 * downloadedFirst);
  });

  it('compacts an opened page once a quarter of it is deleted: one new page committed and the old one released in the same write', async () => {
    const { world, alice } = await pagedChat(8);
    const phone = await world.anotherDevice(alice);
    await scrollToTheBeginning(phone);
    const [opened] = phone.account.pages.filter(({ id }) => Object.prototype.hasOwnProperty.call(phone.account.head.pages, id));
    if (opened === undefined) throw new Error('no page opened');
    const [doomed] = opened.page.messages;
    if (doomed === undefined) throw new Error('an empty page');

    phone.account.changeLater((doc) => deleteMessage(doc, keyOfMessage(doomed), world.clock.now()));
    expectOk(await phone.client.writePendingChanges.execute(phone.account));

    expect(Object.keys(phone.account.head.pages)).not.toContain(opened.id);
    expect(Object.keys(phone.account.head.releasedPages)).toContain(opened.id);
    const stored = expectOk(await world.harnessAt('one.test').listStoreObjects.execute({ name: 'alice', state: null, limit: 1000 }));
    expect(stored.items.map((item) => item.id)).not.toContain(opened.id);
    expect(stored.items.every((item) => item.state === 'committed')).toBe(true);
    const laptop = await world.anotherDevice(alice);
    await scrollToTheBeginning(laptop);
    expect(bodiesShownOn(laptop)).toEqual(sentBodies(8).filter((body) => body !== doomed.body));
  });

  it('keeps the pages readable after a password change, which re-encrypts the head only', async () => {
    const { world, alice } = await pagedChat(6);
    const pages = Object.keys(alice.account.head.pages).sort();

    expectOk(await alice.client.changePassword.execute(alice.account, { currentPassword: PASSWORD, newPassword: 'a new and longer passphrase' }));

    expect(Object.keys(alice.account.head.pages).sort()).toEqual(pages);
    const phone = await world.anotherDevice(alice, { password: 'a new and longer passphrase' });
    await scrollToTheBeginning(phone);
    expect(bodiesShownOn(phone)).toEqual(sentBodies(6));
  });
});
