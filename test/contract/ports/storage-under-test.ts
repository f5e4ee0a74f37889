import { NewAccount } from '../../../src/application/ports/account-repository';
import { ServerStorage } from '../../../src/application/ports/server-storage';
import { Account } from '../../../src/domain/home-server/account';
import { InboxItem, StoredInboxItem } from '../../../src/domain/home-server/inbox-item';
import { aNewAccount, bytes, roomyQuotas } from '../../support/storage-fixtures';

export interface OpenedStorage {
  readonly storage: ServerStorage;
  /** Releases everything the factory made (connections, files, databases); runs after every test. */
  readonly cleanup: () => Promise<void>;
  /**
   * Only for adapters whose data outlives the process: opens a new ServerStorage over the same data.
   * The suite closes `storage` before calling it and closes what it returns; `cleanup` must
   * still work afterwards (closing an already closed storage included).
   */
  readonly reopen?: () => Promise<ServerStorage>;
}

export type OpenStorage = () => Promise<OpenedStorage>;

export interface StorageUnderTest {
  readonly storage: ServerStorage;
  readonly reopen: (() => Promise<ServerStorage>) | undefined;
}

/** A fresh, empty storage for every test of the enclosing describe block. */
export const useFreshStorage = (open: OpenStorage): StorageUnderTest => {
  let current: OpenedStorage | undefined;
  beforeEach(async () => {
    current = await open();
  });
  afterEach(async () => {
    const opened = current;
    current = undefined;
    await opened?.cleanup();
  });
  const opened = (): OpenedStorage => {
    if (!current) throw new Error('the storage under test exists only while a test runs');
    return current;
  };
  return {
    get storage() {
      return opened().storage;
    },
    get reopen() {
      return opened().reopen;
    },
  };
};

/** Registers an account (blob v1 included) and returns its name. */
export const givenAccount = async (
  storage: ServerStorage,
  overrides: Partial<Account> = {},
  blobCiphertext: Uint8Array = bytes(1, 2, 3),
): Promise<string> => {
  const input: NewAccount = aNewAccount(overrides, blobCiphertext);
  const created = await storage.accounts.create(input);
  if (!created.ok) throw new Error(`test setup: could not create account ${input.account.name}: ${created.error}`);
  return input.account.name;
};

/** How many of the settled results are ok / not ok. */
export const countOutcomes = <R extends { ok: boolean }>(results: readonly R[]): { ok: number; failed: number } => ({
  ok: results.filter((result) => result.ok).length,
  failed: results.filter((result) => !result.ok).length,
});

export const times = <T>(count: number, make: (index: number) => T): T[] =>
  Array.from({ length: count }, (_, index) => make(index));

export interface TwoOwners {
  readonly alice: string;
  readonly bob: string;
}

/** Registers the accounts alice and bob before every test of the enclosing describe block. */
export const useAliceAndBob = (subject: StorageUnderTest): TwoOwners => {
  let current: TwoOwners | undefined;
  beforeEach(async () => {
    current = {
      alice: await givenAccount(subject.storage, { name: 'alice' }),
      bob: await givenAccount(subject.storage, { name: 'bob' }),
    };
  });
  afterEach(() => {
    current = undefined;
  });
  const registered = (): TwoOwners => {
    if (!current) throw new Error('alice and bob exist only while a test runs');
    return current;
  };
  return {
    get alice() {
      return registered().alice;
    },
    get bob() {
      return registered().bob;
    },
  };
};

/** Appends every item (with room to spare) or fails the test's setup. */
export const appended = async (storage: ServerStorage, ...items: InboxItem[]): Promise<StoredInboxItem[]> => {
  const stored: StoredInboxItem[] = [];
  for (const item of items) {
    const result = await storage.inbox.append(item, roomyQuotas());
    if (!result.ok) throw new Error(`test setup: append failed with ${result.error}`);
    stored.push(result.value);
  }
  return stored;
};
