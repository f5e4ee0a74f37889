import { createWebCryptoSuite } from '../../../../src/adapters/crypto/web-crypto-suite';
import { MemoryDraftStore } from '../../../../src/adapters/local-store/memory-draft-store';
import { KeptDrafts } from '../../../../src/application/client/drafts/kept-drafts';
import { SealedDraft } from '../../../../src/application/ports/draft-store';

const crypto = createWebCryptoSuite();
const ALICE = 'alice@home.test';
const MALLORY = 'mallory@home.test';
const BOB = 'bob@away.test';
const CAROL = 'carol@away.test';

const storeKey = (fill: number): Uint8Array => new Uint8Array(32).fill(fill);
const kept = (store: MemoryDraftStore, account = ALICE, key = storeKey(1)): KeptDrafts => new KeptDrafts(crypto, store, account, key);

const containsBytes = (haystack: Uint8Array, needle: Uint8Array): boolean =>
  haystack.some((_, start) => needle.every((byte, offset) => haystack[start + offset] === byte));

const sealedOf = async (store: MemoryDraftStore, account = ALICE): Promise<readonly SealedDraft[]> => store.list(account);

describe('KeptDrafts: unsent text sealed on the device', () => {
  it('gives back each friend’s text after a new sign-in with the same store key; an empty text removes it', async () => {
    const store = new MemoryDraftStore();
    const first = kept(store);
    await first.keep(BOB, 'half a thought');
    await first.keep(CAROL, 'to be deleted');
    await first.keep(CAROL, '');
    first.close();
    expect(await kept(store).all()).toEqual(new Map([[BOB, 'half a thought']]));
  });

  it('stores neither the text nor the friend’s address, and seals each write under a fresh nonce', async () => {
    const store = new MemoryDraftStore();
    const drafts = kept(store);
    await drafts.keep(BOB, 'a secret plan');
    const [once] = await sealedOf(store);
    await drafts.keep(BOB, 'a secret plan');
    const [again] = await sealedOf(store);
    for (const record of [once, again]) {
      const bytes = new Uint8Array([...(record?.sealed ?? []), ...new TextEncoder().encode(record?.name ?? '')]);
      expect(containsBytes(bytes, new TextEncoder().encode('secret'))).toBe(false);
      expect(containsBytes(bytes, new TextEncoder().encode('bob@'))).toBe(false);
    }
    expect(once?.name).toBe(again?.name);
    expect(once?.sealed).not.toEqual(again?.sealed);
  });

  it('opens nothing under another store key, nor another account’s records copied under this one', async () => {
    const store = new MemoryDraftStore();
    await kept(store).keep(BOB, 'for alice only');
    for (const record of await sealedOf(store)) await store.put(MALLORY, record);
    // Even with the same store key: the account is in the key derivation and the associated data.
    expect(await kept(store, MALLORY, storeKey(1)).all()).toEqual(new Map());
    expect(await kept(store, ALICE, storeKey(2)).all()).toEqual(new Map());
  });

  it('deletes the account’s records that do not open (an earlier account at this address, a damaged one), never another account’s', async () => {
    const store = new MemoryDraftStore();
    await kept(store, ALICE, storeKey(2)).keep(BOB, 'typed by an earlier alice');
    await kept(store, MALLORY, storeKey(2)).keep(BOB, 'mallory’s own');
    const drafts = kept(store);
    await drafts.keep(CAROL, 'kept intact');
    await store.put(ALICE, { name: 'damaged', sealed: new Uint8Array(5) });
    const [mallorysRecord] = await sealedOf(store, MALLORY);

    expect(await drafts.all()).toEqual(new Map([[CAROL, 'kept intact']]));
    expect(await sealedOf(store)).toHaveLength(1);
    expect(await sealedOf(store, MALLORY)).toEqual([mallorysRecord]);
    expect(await kept(store).all()).toEqual(new Map([[CAROL, 'kept intact']]));

    // A store that fails to delete still gives back what opens.
    await store.put(ALICE, { name: 'damaged', sealed: new Uint8Array(5) });
    store.remove = () => Promise.reject(new Error('the device store failed'));
    expect(await kept(store).all()).toEqual(new Map([[CAROL, 'kept intact']]));
  });

  it('skips a tampered, truncated or moved record, without failing, and still gives back the others', async () => {
    const store = new MemoryDraftStore();
    const drafts = kept(store);
    await drafts.keep(CAROL, 'will be damaged');
    const [carolRecord] = await sealedOf(store);
    await drafts.keep(BOB, 'kept intact');
    const bobRecord = (await sealedOf(store)).find((record) => record.name !== carolRecord?.name);
    if (carolRecord === undefined || bobRecord === undefined) throw new Error('two records expected');

    const flipped = carolRecord.sealed.slice();
    flipped[20] = (flipped[20] ?? 0) ^ 1;
    await store.put(ALICE, { name: carolRecord.name, sealed: flipped });
    expect(await drafts.all()).toEqual(new Map([[BOB, 'kept intact']]));

    await store.put(ALICE, { name: carolRecord.name, sealed: carolRecord.sealed.slice(0, 5) });
    expect(await drafts.all()).toEqual(new Map([[BOB, 'kept intact']]));

    // Bob's record under Carol's name: it does not open as hers, and his own still does.
    await store.put(ALICE, { name: carolRecord.name, sealed: bobRecord.sealed });
    expect(await drafts.all()).toEqual(new Map([[BOB, 'kept intact']]));
  });

  it('deletes every draft on forgetAll, one kept just before included, and refuses to keep more', async () => {
    const store = new MemoryDraftStore();
    const drafts = kept(store);
    await drafts.keep(BOB, 'first');
    const late = drafts.keep(CAROL, 'typed while logging out');
    await drafts.forgetAll();
    await late;
    expect(await sealedOf(store)).toEqual([]);
    await expect(drafts.keep(BOB, 'after')).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('after close (the session ended by itself) refuses to keep more but leaves the drafts', async () => {
    const store = new MemoryDraftStore();
    const drafts = kept(store);
    await drafts.keep(BOB, 'still here');
    drafts.close();
    await expect(drafts.keep(BOB, 'after')).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(drafts.all()).rejects.toMatchObject({ code: 'unauthorized' });
    expect(await kept(store).all()).toEqual(new Map([[BOB, 'still here']]));
  });
});
