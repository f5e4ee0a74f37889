import { randomBytes } from 'node:crypto';
import { HomeServerGateway } from '../../../../src/application/ports/home-server-gateway';
import { hashWasmStreamingDigest } from '../../../../src/adapters/crypto/hash-wasm-streaming-digest';
import { MemoryUploadJournal } from '../../../../src/application/client/files/upload-journal';
import { MemoryObjectCache } from '../../../../src/adapters/local-store/memory-object-cache';
import { olderHistoryRemains } from '../../../../src/application/client/session/unopened-history';
import { SendFiles } from '../../../../src/application/client/use-cases/send-files';
import { pagesOfFriend } from '../../../../src/domain/messaging/store/page-ref';
import { kindOfRecord } from '../../../../src/domain/messaging/record-kind';
import { befriend, createInProcessWorld, expectOk, InProcessWorld, WorldUser } from './in-process-world';

const MiB = 1024 * 1024;
const ALICE = 'alice@one.test';
const BOB = 'bob@two.test';
const CAROL = 'carol@two.test';

/** A device whose reads of store objects (pages, indexes) fail while `offline()` says so. */
const objectReadsFailing =
  (offline: () => boolean) =>
  (gateway: HomeServerGateway): HomeServerGateway =>
    new Proxy(gateway, {
      get: (target, property, receiver) =>
        property === 'getObject' && offline()
          ? async () => ({ ok: false, error: { code: 'network_error', status: null, detail: 'offline' } })
          : Reflect.get(target, property, receiver),
    });

/** Deleting a chat frees the files it held on the user's own server (§8.2 `release`, §9.2). */
describe('deleting the chat of a former friend frees its files', () => {
  let world: InProcessWorld;
  let alice: WorldUser;
  let bob: WorldUser;
  let carol: WorldUser;

  const sendFile = async (from: WorldUser, to: string, name: string): Promise<void> => {
    world.clock.advance(1000);
    const journal = new MemoryUploadJournal();
    const send = new SendFiles(from.deps, { streamingDigest: hashWasmStreamingDigest, journals: () => journal });
    expectOk(await send.execute(from.account, { to, body: name, files: [{ name, type: '', bytes: new Blob([new Uint8Array(randomBytes(MiB + 100))]) }] }));
  };
  const sendLong = async (from: WorldUser, to: string, count: number): Promise<void> => {
    for (let i = 0; i < count; i++) {
      world.clock.advance(1000);
      expectOk(await from.client.sendMessage.execute(from.account, { to, body: `${i} ${'x'.repeat(2000)}` }));
    }
  };
  const sync = async (user: WorldUser): Promise<void> => {
    expectOk(await user.client.syncInbox.execute(user.account));
  };
  /** The chunk ids alice's messages with `friend` name, by the message body (the file's name). */
  const chunksByName = (user: WorldUser, friend: string): Map<string, readonly string[]> =>
    new Map(
      Object.values(user.account.shownDocument.messages).flatMap((record) => {
        const kind = kindOfRecord(record);
        return record.friend === friend && kind.type === 'message' && kind.files !== undefined ? [[record.body, kind.files.flatMap((file) => file.chunks)] as const] : [];
      }),
    );
  const storedObjects = async (user: WorldUser) =>
    (await world.harnessAt(user.account.authority).deps.objects.list(user.account.name, { state: null, afterId: '', limit: 1000 })).items;
  const stored = async (user: WorldUser): Promise<Set<string>> => new Set((await storedObjects(user)).map((object) => object.id));
  /** What counts against the account's `storeBytes` quota (the head aside). */
  const storedBytes = async (user: WorldUser): Promise<number> => (await world.harnessAt(user.account.authority).deps.objects.usage(user.account.name)).bytes;
  const pagesWith = (user: WorldUser, friend: string) => [...pagesOfFriend(user.account.head.pages, friend), ...pagesOfFriend(user.account.head.indexes, friend)];

  /**
   * Alice and Bob swapped files both ways, two of them long enough ago to be sealed in a page of
   * alice's store and two still in its tail; Carol and alice did too. Then Bob removed alice.
   */
  const filesEverywhereThenRemoved = async (): Promise<{ bobs: string[]; carols: string[] }> => {
    world = createInProcessWorld();
    world.server('one.test');
    world.server('two.test');
    alice = await world.user(ALICE);
    bob = await world.user(BOB);
    carol = await world.user(CAROL);
    await befriend(world, alice, bob);
    await befriend(world, carol, alice);
    await sendFile(alice, BOB, 'sent-sealed');
    await sendFile(bob, ALICE, 'received-sealed');
    await sendFile(carol, ALICE, 'from-carol');
    await sync(alice);
    await sendFile(alice, CAROL, 'to-carol');
    await sendLong(alice, BOB, 40);
    await sendFile(alice, BOB, 'sent-recent');
    await sendFile(bob, ALICE, 'received-recent');
    await sync(alice);
    expectOk(await bob.client.removeFriend.execute(bob.account, ALICE));
    await sync(alice);

    const bobs = chunksByName(alice, BOB);
    const carols = chunksByName(alice, CAROL);
    const inTail = new Set(Object.values(alice.account.head.tail).map((record) => record.body));
    expect([...bobs.keys()].sort()).toEqual(['received-recent', 'received-sealed', 'sent-recent', 'sent-sealed']);
    expect(['sent-sealed', 'received-sealed'].some((name) => inTail.has(name))).toBe(false);
    expect(inTail.has('sent-recent') && inTail.has('received-recent')).toBe(true);
    expect(carols.size).toBe(2);
    const all = await stored(alice);
    const ids = (byName: Map<string, readonly string[]>) => [...byName.values()].flat();
    for (const id of [...ids(bobs), ...ids(carols)]) expect(all.has(id)).toBe(true);
    return { bobs: ids(bobs), carols: ids(carols) };
  };

  /** The chat is deleted on a device that cannot open a page (then its tab closes): only the tail's files went. */
  const deletedWherePagesDoNotOpen = async (): Promise<void> => {
    const laptop = await world.anotherDevice(alice, { wrapGateway: objectReadsFailing(() => true) });
    expectOk(await laptop.client.deleteChat.execute(laptop.account, BOB));
    expect((await laptop.client.deleteChat.freeStorage(laptop.account)).ok).toBe(true);
    expect(pagesWith(laptop, BOB).length).toBeGreaterThan(0);
  };

  it('releases every chunk of its files, sent and received, in the tail and in pages, and no page keeps its messages; another chat keeps its files', async () => {
    const { bobs, carols } = await filesEverywhereThenRemoved();
    const bytesBefore = await storedBytes(alice);
    expect(pagesWith(alice, BOB).length).toBeGreaterThan(0);

    expectOk(await alice.client.deleteChat.execute(alice.account, BOB));
    expectOk(await alice.client.deleteChat.freeStorage(alice.account));

    const after = await stored(alice);
    expect(bobs.filter((id) => after.has(id))).toEqual([]);
    expect(carols.filter((id) => !after.has(id))).toEqual([]);
    expect(pagesWith(alice, BOB)).toEqual([]);
    expect(await storedBytes(alice)).toBeLessThan(bytesBefore - 4 * MiB);
    expect(chunksByName(alice, CAROL).size).toBe(2);
  });

  it('leaves none of its pages in the object cache of the device that deleted it nor of one that synced after', async () => {
    await filesEverywhereThenRemoved();
    const laptopCache = new MemoryObjectCache();
    const phoneCache = new MemoryObjectCache();
    const laptop = await world.anotherDevice(alice, { objectCache: laptopCache });
    const phone = await world.anotherDevice(alice, { objectCache: phoneCache });
    // Searching opens (and caches) every page.
    expectOk(await laptop.client.searchHistory.execute(laptop.account, 'sent'));
    expectOk(await phone.client.searchHistory.execute(phone.account, 'sent'));
    const releasedBefore = new Set(Object.keys(laptop.account.head.releasedPages));

    expectOk(await laptop.client.deleteChat.execute(laptop.account, BOB));
    expectOk(await laptop.client.deleteChat.freeStorage(laptop.account));
    await sync(phone);

    const released = Object.keys(laptop.account.head.releasedPages).filter((id) => !releasedBefore.has(id));
    expect(released.length).toBeGreaterThan(0);
    const cachedBy = async (cache: MemoryObjectCache) => (await Promise.all(released.map(async (id) => ((await cache.get(id)) === undefined ? [] : [id])))).flat();
    expect(await cachedBy(laptopCache)).toEqual([]);
    expect(await cachedBy(phoneCache)).toEqual([]);
  });

  it('frees what a device stopped before on the next sign-in’s syncs', async () => {
    const { bobs, carols } = await filesEverywhereThenRemoved();
    await deletedWherePagesDoNotOpen();

    const again = await world.anotherDevice(alice);
    for (let i = 0; i < 5; i++) await sync(again);

    const after = await stored(again);
    expect(bobs.filter((id) => after.has(id))).toEqual([]);
    expect(carols.filter((id) => !after.has(id))).toEqual([]);
    expect(pagesWith(again, BOB)).toEqual([]);
  });

  it('offers no older messages when the same person is a friend again, only the new chat', async () => {
    await filesEverywhereThenRemoved();
    expectOk(await alice.client.deleteChat.execute(alice.account, BOB));
    expectOk(await alice.client.deleteChat.freeStorage(alice.account));
    world.clock.advance(1000);
    await befriend(world, bob, alice);
    expect(olderHistoryRemains(alice.account, BOB)).toBe(false);
    expect(alice.conversation(BOB)).toEqual([]);
  });

  it('offers no older messages of the deleted chat to a device that has not freed its pages yet', async () => {
    await filesEverywhereThenRemoved();
    await deletedWherePagesDoNotOpen();
    world.clock.advance(1000);
    const pending = await world.anotherDevice(alice, { wrapGateway: objectReadsFailing(() => true) });
    await befriend(world, bob, pending);
    expect(pagesWith(pending, BOB).length).toBeGreaterThan(0);
    expect(olderHistoryRemains(pending.account, BOB)).toBe(false);
  });
});
