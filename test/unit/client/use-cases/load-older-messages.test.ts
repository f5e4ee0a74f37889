import { deleteMessage } from '../../../../src/domain/messaging/messages';
import { keyOfMessage } from '../../../../src/domain/messaging/message';
import { HomeServerGateway } from '../../../../src/application/ports/home-server-gateway';
import { MemoryObjectCache } from '../../../../src/adapters/local-store/memory-object-cache';
import { pageEverything } from '../../../support/page-everything';
import { pagesOfFriend } from '../../../../src/domain/messaging/store/page-ref';
import { countingReads } from './counting-reads';
import { befriend, createInProcessWorld, expectOk, PASSWORD } from './in-process-world';

/*
 * PROTOCOL §8.4: a new login shows the head's recent messages; scrolling back loads the older pages
 * of that chat one at a time, through the index objects that hold the oldest page references.
 */

describe('LoadOlderMessages', () => {
  it('brings back a chat page by page, through its indexes, on a device that has only read the head', async () => {
    const world = createInProcessWorld();
    world.server('one.test');
    world.server('two.test');
    const alice = await world.user('alice@one.test');
    const bob = await world.user('bob@two.test');
    await befriend(world, bob, alice);
    const MESSAGES = 12;
    for (let n = 1; n <= MESSAGES; n++) {
      expectOk(await bob.client.sendMessage.execute(bob.account, { to: 'alice@one.test', body: `message ${n}` }));
      expectOk(await alice.client.syncInbox.execute(alice.account));
    }
    await pageEverything(alice.account);
    expect(Object.keys(alice.account.head.indexes).length).toBeGreaterThan(0);

    const phone = await world.anotherDevice(alice);
    const shown = () => phone.conversation('bob@two.test').flatMap((entry) => (entry.kind === 'message' ? [entry.body] : []));
    expect(shown()).toEqual([]);
    let loads = 0;
    let more = true;
    while (more) {
      const before = shown().length;
      more = expectOk(await phone.client.loadOlderMessages.execute(phone.account, 'bob@two.test'));
      loads += 1;
      expect(shown().length).toBeGreaterThan(before);
    }
    expect(shown()).toEqual(Array.from({ length: MESSAGES }, (_, i) => `message ${i + 1}`));
    expect(loads).toBeGreaterThan(2);
    expect(expectOk(await phone.client.loadOlderMessages.execute(phone.account, 'bob@two.test'))).toBe(false);
  });

  it('passes over a page the server damaged: reported once, downloaded once, the older history still reached', async () => {
    const world = createInProcessWorld();
    world.server('one.test');
    world.server('two.test');
    const alice = await world.user('alice@one.test');
    const bob = await world.user('bob@two.test');
    await befriend(world, bob, alice);
    const MESSAGES = 12;
    for (let n = 1; n <= MESSAGES; n++) {
      expectOk(await bob.client.sendMessage.execute(bob.account, { to: 'alice@one.test', body: `message ${n}` }));
      expectOk(await alice.client.syncInbox.execute(alice.account));
    }
    await pageEverything(alice.account);
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
    let more = true;
    while (more) more = expectOk(await phone.client.loadOlderMessages.execute(phone.account, 'bob@two.test'));

    const shown = phone.conversation('bob@two.test').flatMap((entry) => (entry.kind === 'message' ? [entry.body] : []));
    expect(shown).toContain('message 1');
    expect(shown.length).toBeLessThan(MESSAGES);
    expect(reads.reads.filter((id) => id === newest?.id)).toHaveLength(1);
  });

  it('leaves nothing out of an export: every page is read, through the indexes', async () => {
    const world = createInProcessWorld();
    world.server('one.test');
    world.server('two.test');
    const alice = await world.user('alice@one.test');
    const bob = await world.user('bob@two.test');
    await befriend(world, bob, alice);
    for (let n = 1; n <= 8; n++) {
      expectOk(await bob.client.sendMessage.execute(bob.account, { to: 'alice@one.test', body: `message ${n}` }));
      expectOk(await alice.client.syncInbox.execute(alice.account));
    }
    await pageEverything(alice.account);
    const phone = await world.anotherDevice(alice);

    const exported = JSON.parse(expectOk(await phone.client.exportData.execute(phone.account))) as { blob: { messages: Record<string, { body: string }> } };
    const bodies = Object.values(exported.blob.messages).map((message) => message.body);
    expect(bodies).toEqual(expect.arrayContaining(Array.from({ length: 8 }, (_, i) => `message ${i + 1}`)));
  });

  it('reads pages from this browser’s cache on the next login, and downloads them again after "forget this browser"', async () => {
    const world = createInProcessWorld();
    world.server('one.test');
    world.server('two.test');
    const alice = await world.user('alice@one.test');
    const bob = await world.user('bob@two.test');
    await befriend(world, bob, alice);
    for (let n = 1; n <= 6; n++) {
      expectOk(await bob.client.sendMessage.execute(bob.account, { to: 'alice@one.test', body: `message ${n}` }));
      expectOk(await alice.client.syncInbox.execute(alice.account));
    }
    await pageEverything(alice.account);

    const cache = new MemoryObjectCache();
    const downloads = { count: 0 };
    const counting = (gateway: HomeServerGateway): HomeServerGateway => {
      const getObject: HomeServerGateway['getObject'] = (session, id) => {
        downloads.count += 1;
        return gateway.getObject(session, id);
      };
      return Object.assign(Object.create(gateway) as HomeServerGateway, { getObject });
    };
    const scrollBack = async (device: Awaited<ReturnType<typeof world.anotherDevice>>) => {
      while (expectOk(await device.client.loadOlderMessages.execute(device.account, 'bob@two.test')));
      return device.conversation('bob@two.test').length;
    };

    const first = await world.anotherDevice(alice, { wrapGateway: counting, objectCache: cache });
    expect(await scrollBack(first)).toBe(6);
    const downloadedFirst = downloads.count;
    expect(downloadedFirst).toBeGreaterThan(1);
    expectOk(await first.client.logOut.execute(first.account));

    const second = await world.anotherDevice(alice, { wrapGateway: counting, objectCache: cache });
    expect(await scrollBack(second)).toBe(6);
    expect(downloads.count).toBe(downloadedFirst);
    expectOk(await second.client.logOut.execute(second.account, { forgetBrowser: true }));

    const third = await world.anotherDevice(alice, { wrapGateway: counting, objectCache: cache });
    expect(await scrollBack(third)).toBe(6);
    expect(downloads.count).toBe(2 * downloadedFirst);
  });

  it('compacts an opened page once a quarter of it is deleted: one new page committed and the old one released in the same write', async () => {
    const world = createInProcessWorld();
    world.server('one.test');
    world.server('two.test');
    const alice = await world.user('alice@one.test');
    const bob = await world.user('bob@two.test');
    await befriend(world, bob, alice);
    for (let n = 1; n <= 8; n++) {
      expectOk(await bob.client.sendMessage.execute(bob.account, { to: 'alice@one.test', body: `message ${n}` }));
      expectOk(await alice.client.syncInbox.execute(alice.account));
    }
    await pageEverything(alice.account);
    const phone = await world.anotherDevice(alice);
    while (expectOk(await phone.client.loadOlderMessages.execute(phone.account, 'bob@two.test')));
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
    while (expectOk(await laptop.client.loadOlderMessages.execute(laptop.account, 'bob@two.test')));
    const bodies = laptop.conversation('bob@two.test').flatMap((entry) => (entry.kind === 'message' ? [entry.body] : []));
    expect(bodies).toEqual(Array.from({ length: 8 }, (_, i) => `message ${i + 1}`).filter((body) => body !== doomed.body));
  });

  it('keeps the pages readable after a password change, which re-encrypts the head only', async () => {
    const world = createInProcessWorld();
    world.server('one.test');
    world.server('two.test');
    const alice = await world.user('alice@one.test');
    const bob = await world.user('bob@two.test');
    await befriend(world, bob, alice);
    for (let n = 1; n <= 6; n++) {
      expectOk(await bob.client.sendMessage.execute(bob.account, { to: 'alice@one.test', body: `message ${n}` }));
      expectOk(await alice.client.syncInbox.execute(alice.account));
    }
    await pageEverything(alice.account);
    const pages = Object.keys(alice.account.head.pages).sort();

    expectOk(await alice.client.changePassword.execute(alice.account, { currentPassword: PASSWORD, newPassword: 'a new and longer passphrase' }));

    expect(Object.keys(alice.account.head.pages).sort()).toEqual(pages);
    const phone = await world.anotherDevice(alice, { password: 'a new and longer passphrase' });
    while (expectOk(await phone.client.loadOlderMessages.execute(phone.account, 'bob@two.test')));
    expect(phone.conversation('bob@two.test').flatMap((entry) => (entry.kind === 'message' ? [entry.body] : []))).toEqual(
      Array.from({ length: 6 }, (_, i) => `message ${i + 1}`),
    );
  });
});
