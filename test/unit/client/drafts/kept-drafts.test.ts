import { createWebCryptoSuite } from '../../../../src/adapters/crypto/web-crypto-suite';
import { MemoryDraftStore } from '../../../../src/adapters/local-store/memory-draft-store';
import { KeptDrafts } from '../../../../src/application/client/drafts/kept-drafts';
import { DRAFT_LABELS, deriveDraftKeys, draftName } from '../../../../src/application/client/drafts/draft-seal';
import { encryptPaddedText } from '../../../../src/application/client/protocol/padded-aead';
import { concatBytes } from '../../../../src/domain/protocol/encoding/bytes';
import { encodeUtf8 } from '../../../../src/domain/protocol/encoding/utf8';
import { SealedDraft } from '../../../../src/application/ports/draft-store';

const crypto = createWebCryptoSuite();
const ALICE = 'alice@home.test';
const MALLORY = 'mallory@home.test';
const BOB = 'bob@away.test';
const CAROL = 'carol@away.test';
const DAVE = 'dave@away.test';
const ERIN = 'erin@away.test';

const storeKey = (fill: number): Uint8Array => new Uint8Array(32).fill(fill);
const kept = (store: MemoryDraftStore, account = ALICE, key = storeKey(1)): KeptDrafts => new KeptDrafts(crypto, store, account, key);

const containsBytes = (haystack: Uint8Array, needle: Uint8Array): boolean =>
  haystack.some((_, start) => needle.every((byte, offset) => haystack[start + offset] === byte));

/** A record sealed as draft-seal.ts says, around any plaintext: what an older or a broken app could have written. */
const sealRaw = async (store: MemoryDraftStore, friend: string, plaintext: string, key = storeKey(1)): Promise<void> => {
  const keys = await deriveDraftKeys(crypto.hkdf, key, ALICE);
  const name = await draftName(crypto.digest, keys, friend);
  const { nonce, sealed } = await encryptPaddedText(crypto, keys.seal, plaintext, encodeUtf8(`${DRAFT_LABELS.aadPrefix}${ALICE} ${name}`));
  await store.put(ALICE, { name, sealed: concatBytes(nonce, sealed) });
};

const sealedOf = async (store: MemoryDraftStore, account = ALICE): Promise<readonly SealedDraft[]> => store.list(account);

describe('KeptDrafts: unsent text sealed on the device', () => {
  it('gives back each friend’s text after a new sign-in with the same store key; an empty text removes it', async () => {
    const store = new MemoryDraftStore();
    const first = kept(store);
    await first.keep(BOB, { text: 'half a thought' });
    await first.keep(CAROL, { text: 'to be deleted' });
    await first.keep(CAROL, { text: '' });
    first.close();
    expect(await kept(store).all()).toEqual(new Map([[BOB, { text: 'half a thought' }]]));
  });

  it('stores neither the text nor the friend’s address, and seals each write under a fresh nonce', async () => {
    const store = new MemoryDraftStore();
    const drafts = kept(store);
    await drafts.keep(BOB, { text: 'a secret plan' });
    const [once] = await sealedOf(store);
    await drafts.keep(BOB, { text: 'a secret plan' });
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
    await kept(store).keep(BOB, { text: 'for alice only' });
    for (const record of await sealedOf(store)) await store.put(MALLORY, record);
    // Even with the same store key: the account is in the key derivation and the associated data.
    expect(await kept(store, MALLORY, storeKey(1)).all()).toEqual(new Map());
    expect(await kept(store, ALICE, storeKey(2)).all()).toEqual(new Map());
  });

  it('deletes the account’s records that do not open (an earlier account at this address, a damaged one), never another account’s', async () => {
    const store = new MemoryDraftStore();
    await kept(store, ALICE, storeKey(2)).keep(BOB, { text: 'typed by an earlier alice' });
    await kept(store, MALLORY, storeKey(2)).keep(BOB, { text: 'mallory’s own' });
    const drafts = kept(store);
    await drafts.keep(CAROL, { text: 'kept intact' });
    await store.put(ALICE, { name: 'damaged', sealed: new Uint8Array(5) });
    const [mallorysRecord] = await sealedOf(store, MALLORY);

    expect(await drafts.all()).toEqual(new Map([[CAROL, { text: 'kept intact' }]]));
    expect(await sealedOf(store)).toHaveLength(1);
    expect(await sealedOf(store, MALLORY)).toEqual([mallorysRecord]);
    expect(await kept(store).all()).toEqual(new Map([[CAROL, { text: 'kept intact' }]]));

    // A store that fails to delete still gives back what opens.
    await store.put(ALICE, { name: 'damaged', sealed: new Uint8Array(5) });
    store.remove = () => Promise.reject(new Error('the device store failed'));
    expect(await kept(store).all()).toEqual(new Map([[CAROL, { text: 'kept intact' }]]));
  });

  it('skips a tampered, truncated or moved record, without failing, and still gives back the others', async () => {
    const store = new MemoryDraftStore();
    const drafts = kept(store);
    await drafts.keep(CAROL, { text: 'will be damaged' });
    const [carolRecord] = await sealedOf(store);
    await drafts.keep(BOB, { text: 'kept intact' });
    const bobRecord = (await sealedOf(store)).find((record) => record.name !== carolRecord?.name);
    if (carolRecord === undefined || bobRecord === undefined) throw new Error('two records expected');

    const flipped = carolRecord.sealed.slice();
    flipped[20] = (flipped[20] ?? 0) ^ 1;
    await store.put(ALICE, { name: carolRecord.name, sealed: flipped });
    expect(await drafts.all()).toEqual(new Map([[BOB, { text: 'kept intact' }]]));

    await store.put(ALICE, { name: carolRecord.name, sealed: carolRecord.sealed.slice(0, 5) });
    expect(await drafts.all()).toEqual(new Map([[BOB, { text: 'kept intact' }]]));

    // Bob's record under Carol's name: it does not open as hers, and his own still does.
    await store.put(ALICE, { name: carolRecord.name, sealed: bobRecord.sealed });
    expect(await drafts.all()).toEqual(new Map([[BOB, { text: 'kept intact' }]]));
  });

  it('deletes every draft on forgetAll, one kept just before included, and refuses to keep more', async () => {
    const store = new MemoryDraftStore();
    const drafts = kept(store);
    await drafts.keep(BOB, { text: 'first' });
    const late = drafts.keep(CAROL, { text: 'typed while logging out' });
    await drafts.forgetAll();
    await late;
    expect(await sealedOf(store)).toEqual([]);
    await expect(drafts.keep(BOB, { text: 'after' })).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('after close (the session ended by itself) refuses to keep more but leaves the drafts', async () => {
    const store = new MemoryDraftStore();
    const drafts = kept(store);
    await drafts.keep(BOB, { text: 'still here' });
    drafts.close();
    await expect(drafts.keep(BOB, { text: 'after' })).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(drafts.all()).rejects.toMatchObject({ code: 'unauthorized' });
    expect(await kept(store).all()).toEqual(new Map([[BOB, { text: 'still here' }]]));
  });

  it('keeps a reply target and an edit under way beside the text, and a reply or an edit with nothing typed under it', async () => {
    const store = new MemoryDraftStore();
    const first = kept(store);
    await first.keep(BOB, { text: 'see you then', replyTo: 'm-1' });
    await first.keep(CAROL, { text: 'the next message', replyTo: 'm-2', edit: { messageId: 'm-3', text: 'fixed typo' } });
    await first.keep(DAVE, { text: '', edit: { messageId: 'm-4', text: '' } });
    await first.keep(ERIN, { text: '', replyTo: 'm-5' });
    first.close();
    expect(await kept(store).all()).toStrictEqual(
      new Map([
        [BOB, { text: 'see you then', replyTo: 'm-1' }],
        [CAROL, { text: 'the next message', replyTo: 'm-2', edit: { messageId: 'm-3', text: 'fixed typo' } }],
        [DAVE, { text: '', edit: { messageId: 'm-4', text: '' } }],
        [ERIN, { text: '', replyTo: 'm-5' }],
      ]),
    );
  });

  it('opens a record written before replies and edits were kept ({"friend","text"}) as a draft with text only', async () => {
    const store = new MemoryDraftStore();
    await sealRaw(store, BOB, JSON.stringify({ friend: BOB, text: 'typed before the update' }));
    expect(await kept(store).all()).toStrictEqual(new Map([[BOB, { text: 'typed before the update' }]]));
  });

  it('passes over a field it does not know, so a newer app’s record still opens', async () => {
    const store = new MemoryDraftStore();
    await sealRaw(store, BOB, JSON.stringify({ friend: BOB, text: 'hi', replyTo: 'm-1', mood: 'cheerful' }));
    expect(await kept(store).all()).toStrictEqual(new Map([[BOB, { text: 'hi', replyTo: 'm-1' }]]));
  });

  it.each([
    ['a reply target that is not a string', { replyTo: 7 }],
    ['an empty reply target', { replyTo: '' }],
    ['a reply target longer than any message id', { replyTo: 'm'.repeat(129) }],
    ['a null reply target', { replyTo: null }],
    ['an edit that is a string', { edit: 'm-1' }],
    ['an edit that is a list', { edit: ['m-1', 'text'] }],
    ['a null edit', { edit: null }],
    ['an edit without its text', { edit: { messageId: 'm-1' } }],
    ['an edit without its message', { edit: { text: 'fixed' } }],
    ['an edit of an empty message id', { edit: { messageId: '', text: 'fixed' } }],
    ['an edit whose text is not a string', { edit: { messageId: 'm-1', text: 5 } }],
    ['a text that is not a string', { text: ['hi'] }],
  ])('treats a record with %s like one that does not open, and deletes it', async (_what, fields) => {
    const store = new MemoryDraftStore();
    const drafts = kept(store);
    await drafts.keep(CAROL, { text: 'kept intact', replyTo: 'm-9' });
    await sealRaw(store, BOB, JSON.stringify({ friend: BOB, text: 'typed', ...fields }));
    expect(await drafts.all()).toStrictEqual(new Map([[CAROL, { text: 'kept intact', replyTo: 'm-9' }]]));
    expect(await sealedOf(store)).toHaveLength(1);
  });

  it('refuses to keep a reply target or an edit no message can be (it would not open again), and writes nothing', async () => {
    const store = new MemoryDraftStore();
    const drafts = kept(store);
    await drafts.keep(BOB, { text: 'kept before' });
    await expect(drafts.keep(BOB, { text: 'typed', replyTo: '' })).rejects.toMatchObject({ code: 'unknown_message' });
    await expect(drafts.keep(BOB, { text: 'typed', edit: { messageId: 'm'.repeat(129), text: 'x' } })).rejects.toMatchObject({ code: 'unknown_message' });
    expect(await drafts.all()).toStrictEqual(new Map([[BOB, { text: 'kept before' }]]));
  });
});
