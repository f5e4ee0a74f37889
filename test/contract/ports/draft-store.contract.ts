import { DraftStore, SealedDraft } from '../../../src/application/ports/draft-store';

/*
 * The DraftStore contract, free of any test runner so that it runs under jest (the memory adapter)
 * and inside headless Chromium (the IndexedDB adapter, test/e2e/draft-store.browser.test.ts).
 * Each case throws on a broken promise.
 */

export interface DraftStoreCase {
  readonly name: string;
  /** `account` is fresh for each run (and `other` is another fresh one), so cases never see each other's drafts. */
  run(store: DraftStore, account: string, other: string): Promise<void>;
}

const NAME_A = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const NAME_B = 'BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBA';

const draft = (name: string, length: number, fill: number): SealedDraft => ({ name, sealed: new Uint8Array(length).fill(fill) });

const check = (holds: boolean, message: string): void => {
  if (!holds) throw new Error(message);
};

const describeDrafts = (drafts: readonly SealedDraft[]): string =>
  JSON.stringify([...drafts].sort((a, b) => a.name.localeCompare(b.name)).map(({ name, sealed }) => [name, sealed.length, sealed[0] ?? null]));

const holds = async (store: DraftStore, account: string, expected: readonly SealedDraft[], what: string): Promise<void> => {
  const actual = describeDrafts(await store.list(account));
  check(actual === describeDrafts(expected), `${what}: expected ${describeDrafts(expected)}, got ${actual}`);
};

export const DRAFT_STORE_CASES: readonly DraftStoreCase[] = [
  {
    name: 'lists nothing for an account without drafts',
    run: (store, account) => holds(store, account, [], 'a fresh account'),
  },
  {
    name: 'gives back what was put, as a copy neither side can change afterwards',
    run: async (store, account) => {
      const put = draft(NAME_A, 60, 7);
      await store.put(account, put);
      put.sealed.fill(0);
      const [first] = await store.list(account);
      first?.sealed.fill(0);
      await holds(store, account, [draft(NAME_A, 60, 7)], 'after changing both arrays');
    },
  },
  {
    name: 'replaces the draft put again under its name',
    run: async (store, account) => {
      await store.put(account, draft(NAME_A, 60, 1));
      await store.put(account, draft(NAME_A, 90, 2));
      await holds(store, account, [draft(NAME_A, 90, 2)], 'after the second put');
    },
  },
  {
    name: 'removes one draft and keeps the others; removing an absent one is no error',
    run: async (store, account) => {
      await store.put(account, draft(NAME_A, 60, 1));
      await store.put(account, draft(NAME_B, 60, 2));
      await store.remove(account, NAME_A);
      await store.remove(account, 'CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCA');
      await holds(store, account, [draft(NAME_B, 60, 2)], 'after removing one');
    },
  },
  {
    name: 'keeps each account apart, even one whose address starts with the other',
    run: async (store, account, other) => {
      const longer = `${account}x`;
      await store.put(account, draft(NAME_A, 60, 1));
      await store.put(longer, draft(NAME_A, 60, 3));
      await holds(store, other, [], 'another account');
      await holds(store, account, [draft(NAME_A, 60, 1)], 'the account');
      await holds(store, longer, [draft(NAME_A, 60, 3)], 'the longer address');
      await store.remove(longer, NAME_A);
      await holds(store, account, [draft(NAME_A, 60, 1)], 'the account after the other removed its draft of the same name');
    },
  },
  {
    name: 'forgets every draft of one account and none of another',
    run: async (store, account, other) => {
      await store.put(account, draft(NAME_A, 60, 1));
      await store.put(account, draft(NAME_B, 60, 2));
      await store.put(other, draft(NAME_A, 60, 3));
      await store.forgetAccount(account);
      await holds(store, account, [], 'the forgotten account');
      await holds(store, other, [draft(NAME_A, 60, 3)], 'the other account');
      await store.forgetAccount(account);
    },
  },
];
