import { accountObjects } from '../../../../src/application/client/session/account-objects';
import { SignedInAccount } from '../../../../src/application/client/session/signed-in-account';
import { readObject } from '../../../../src/application/client/store/read-object';
import { HomeServerGateway } from '../../../../src/application/ports/home-server-gateway';
import { Cipher } from '../../../../src/application/ports/client-crypto';
import { SyncInbox } from '../../../../src/application/client/use-cases/sync-inbox';
import { createWebCryptoSuite } from '../../../../src/adapters/crypto/web-crypto-suite';
import { MemoryObjectCache } from '../../../../src/adapters/local-store/memory-object-cache';
import { parseMessagePage } from '../../../../src/domain/messaging/store/message-page';
import { storedMessages } from '../../../../src/domain/messaging/store/read-conversation';
import { TAIL_THRESHOLD_BYTES } from '../../../../src/domain/messaging/store/seal-tail';
import { PROCESSED_ITEM_RETENTION_MS } from '../../../../src/domain/messaging/inbox-items';
import { roomyQuotas } from '../../../support/storage-fixtures';
import { befriend, createInProcessWorld, expectOk } from './in-process-world';

/*
 * PROTOCOL §8.4–§8.5 through the in-process server: a sync merges the inbox into the head's tail,
 * seals the tail's oldest part into one page when it passes the threshold, commits that page with
 * the head write, and acknowledges after it; what it uploads does not grow with the history.
 */

/** What a device sends its own server's store: head ciphertexts and object bodies, in bytes. */
const countingUploads = () => {
  const sent = { bytes: 0, pages: 0 };
  const wrap = (gateway: HomeServerGateway): HomeServerGateway => {
    const writeBlob: HomeServerGateway['writeBlob'] = (session, input) => {
      sent.bytes += Math.floor((input.ciphertext.length * 3) / 4);
      return gateway.writeBlob(session, input);
    };
    const putObject: HomeServerGateway['putObject'] = (session, id, bytes) => {
      sent.bytes += bytes.byteLength;
      sent.pages += 1;
      return gateway.putObject(session, id, bytes);
    };
    return Object.assign(Object.create(gateway) as HomeServerGateway, { writeBlob, putObject });
  };
  return { sent, wrap };
};

const everyMessage = async (account: SignedInAccount) => {
  const access = { ...accountObjects({ crypto: createWebCryptoSuite() }, account), cache: new MemoryObjectCache() };
  const pages = [];
  for (const id of Object.keys(account.head.pages)) {
    const page = parseMessagePage(expectOk(await readObject(access, id)));
    if (!page.ok) throw new Error(page.error);
    pages.push(page.value);
  }
  return Object.values(storedMessages(account.head, pages));
};

describe('SyncInbox on the user store', () => {
  it('keeps every message while sealing pages, and a sync at a long history uploads one head and at most one page', async () => {
    const world = createInProcessWorld();
    world.server('one.test', { quotas: roomyQuotas({ maxItems: 1000, maxBytes: 16 * 1024 * 1024, maxItemsPerToken: 1000, maxFriendRequests: 10 }) });
    world.server('two.test');
    const uploads = countingUploads();
    const alice = await world.user('alice@one.test', uploads.wrap);
    const bob = await world.user('bob@two.test');
    await befriend(world, bob, alice);

    const body = (n: number) => `message ${n}: ${'a long line of chat, '.repeat(24)}`;
    const MESSAGES = 600;
    for (let n = 0; n < MESSAGES; n++) {
      expectOk(await bob.client.sendMessage.execute(bob.account, { to: 'alice@one.test', body: body(n) }));
      if (n % 40 === 39) {
        const before = uploads.sent.pages;
        expectOk(await alice.client.syncInbox.execute(alice.account));
        expect(uploads.sent.pages - before).toBeLessThanOrEqual(1);
      }
    }
    expectOk(await alice.client.syncInbox.execute(alice.account));

    const history = await everyMessage(alice.account);
    expect(history.filter((message) => message.direction === 'in')).toHaveLength(MESSAGES);
    const pageBytes = Object.values(alice.account.head.pages).reduce((sum, page) => sum + page.bytes, 0);
    expect(Object.keys(alice.account.head.pages).length).toBeGreaterThan(3);
    expect(world.harnessAt('one.test').storage.objects).toBeDefined();

    uploads.sent.bytes = 0;
    uploads.sent.pages = 0;
    expectOk(await bob.client.sendMessage.execute(bob.account, { to: 'alice@one.test', body: 'one more' }));
    expectOk(await alice.client.syncInbox.execute(alice.account));
    expect(alice.conversation('bob@two.test').at(-1)).toEqual(expect.objectContaining({ body: 'one more' }));
    // One head (a tail near the threshold) and at most one page: far less than the history.
    expect(uploads.sent.pages).toBeLessThanOrEqual(1);
    expect(uploads.sent.bytes).toBeLessThan(4 * TAIL_THRESHOLD_BYTES);
    expect(pageBytes).toBeGreaterThan(2 * uploads.sent.bytes);
  });

  it('when another device writes between the page upload and the head write: the page is deleted, the sync re-reads, seals again and commits once', async () => {
    const world = createInProcessWorld();
    world.server('one.test', { quotas: roomyQuotas({ maxItems: 1000, maxBytes: 16 * 1024 * 1024, maxItemsPerToken: 1000, maxFriendRequests: 10 }) });
    world.server('two.test');
    let interrupt: (() => Promise<void>) | null = null;
    const racing = (gateway: HomeServerGateway): HomeServerGateway => {
      const writeBlob: HomeServerGateway['writeBlob'] = async (session, input) => {
        const other = interrupt;
        if (input.objects?.commit !== undefined && other !== null) {
          interrupt = null;
          await other();
        }
        return gateway.writeBlob(session, input);
      };
      return Object.assign(Object.create(gateway) as HomeServerGateway, { writeBlob });
    };
    const alice = await world.user('alice@one.test', racing);
    const bob = await world.user('bob@two.test');
    await befriend(world, bob, alice);
    const laptop = await world.anotherDevice(alice);
    interrupt = async () => {
      expectOk(await laptop.client.setReadReceipts.execute(laptop.account, true));
    };

    const body = (n: number) => `message ${n}: ${'a long line of chat, '.repeat(24)}`;
    for (let n = 0; n < 160; n++) expectOk(await bob.client.sendMessage.execute(bob.account, { to: 'alice@one.test', body: body(n) }));
    expectOk(await alice.client.syncInbox.execute(alice.account));

    expect(interrupt).toBeNull();
    const harness = world.harnessAt('one.test');
    const listed = expectOk(await harness.listStoreObjects.execute({ name: 'alice', state: null, limit: 1000 }));
    expect(listed.items.filter((item) => item.state === 'staged')).toEqual([]);
    expect(listed.items.map((item) => item.id).sort()).toEqual(Object.keys(alice.account.head.pages).sort());
    expect(alice.account.doc.settings).toEqual(laptop.account.doc.settings);
    expect((await everyMessage(alice.account)).filter((message) => message.direction === 'in')).toHaveLength(160);
  });

  it('forgets processed inbox ids the server no longer holds, and a device that lost the race to that lists again instead of applying an item twice', async () => {
    const world = createInProcessWorld();
    world.server('one.test');
    world.server('two.test');
    const phone = await world.user('alice@one.test');
    const bob = await world.user('bob@two.test');
    await befriend(world, bob, phone);
    const listedByLaptop: string[] = [];
    let interrupt: (() => Promise<void>) | null = null;
    const racing = (gateway: HomeServerGateway): HomeServerGateway => {
      const listInbox: HomeServerGateway['listInbox'] = async (session, query) => {
        const listed = await gateway.listInbox(session, query);
        if (listed.ok) listedByLaptop.push(...listed.value.items.map((item) => item.id));
        return listed;
      };
      const writeBlob: HomeServerGateway['writeBlob'] = async (session, input) => {
        const other = interrupt;
        interrupt = null;
        if (other !== null) await other();
        return gateway.writeBlob(session, input);
      };
      return Object.assign(Object.create(gateway) as HomeServerGateway, { listInbox, writeBlob });
    };
    const laptop = await world.anotherDevice(phone, { wrapGateway: racing });
    expectOk(await bob.client.sendMessage.execute(bob.account, { to: 'alice@one.test', body: 'see you at the station' }));
    // While the laptop holds its listing, the phone applies and acknowledges the item, and a later sync forgets its id.
    interrupt = async () => {
      expectOk(await phone.client.syncInbox.execute(phone.account));
      world.clock.advance(PROCESSED_ITEM_RETENTION_MS + 1);
      expectOk(await bob.client.sendMessage.execute(bob.account, { to: 'alice@one.test', body: 'running late' }));
      expectOk(await phone.client.syncInbox.execute(phone.account));
    };
    listedByLaptop.length = 0;
    expectOk(await laptop.client.syncInbox.execute(laptop.account));

    expect(interrupt).toBeNull();
    const [first] = listedByLaptop;
    if (first === undefined) throw new Error('the laptop listed nothing');
    expect(Object.keys(phone.account.doc.processedInboxItems)).not.toContain(first);
    // Applied again, the item would be recorded as processed anew.
    expect(Object.keys(laptop.account.doc.processedInboxItems)).not.toContain(first);
    expect(laptop.conversation('bob@two.test').map((entry) => ('body' in entry ? entry.body : null))).toEqual(['see you at the station', 'running late']);
  });

  it('a sync that finds the head as this device left it decrypts no head: only what arrived', async () => {
    const world = createInProcessWorld();
    world.server('one.test');
    world.server('two.test');
    const alice = await world.user('alice@one.test');
    const bob = await world.user('bob@two.test');
    await befriend(world, bob, alice);
    expectOk(await alice.client.syncInbox.execute(alice.account));
    const decrypted: number[] = [];
    const crypto = alice.deps.crypto;
    const cipher: Cipher = {
      encrypt: (key, nonce, plaintext, aad) => crypto.cipher.encrypt(key, nonce, plaintext, aad),
      decrypt: (key, nonce, sealed, aad) => {
        decrypted.push(sealed.byteLength);
        return crypto.cipher.decrypt(key, nonce, sealed, aad);
      },
    };
    const syncInbox = new SyncInbox({ ...alice.deps, crypto: { ...crypto, cipher } });

    expectOk(await syncInbox.execute(alice.account));
    expect(decrypted).toEqual([]);

    expectOk(await bob.client.sendMessage.execute(bob.account, { to: 'alice@one.test', body: 'one more' }));
    expectOk(await syncInbox.execute(alice.account));
    expect(decrypted).toHaveLength(1);
    expect(alice.conversation('bob@two.test').at(-1)).toEqual(expect.objectContaining({ body: 'one more' }));
  });
});
