import { createAliceAndBobSessions, testDevice } from '../../../support/session-world';
import { MessengerSession } from '../../../../src/application/client/messenger';
import { MemoryDraftStore } from '../../../../src/adapters/local-store/memory-draft-store';
import { MemoryObjectCache } from '../../../../src/adapters/local-store/memory-object-cache';
import { PendingUploadStore, UploadStores } from '../../../../src/application/client/files/pending-uploads';
import { MemoryUploadJournal } from '../../../../src/application/client/files/upload-journal';
import type { KeptSession, SessionKeeper } from '../../../../src/application/ports/session-keeper';
import { FakeClock } from '../../../support/fakes';
import { InProcessHomeServers } from '../../../support/in-process-home-server-gateway';
import { createServerHarness } from '../../server/server-harness';

const ALICE = 'alice@home.example';
const BOB = 'bob@home.example';
const PASSWORD = 'correct horse battery staple';
/** Short, so a test that would wait on the store for good fails on jest's timeout, not the default 2 s deadline. */
const DEADLINE_MS = 50;
const SECONDS = 4000;

/** What IndexedDB does when another tab's connection blocks it, or its storage service is wedged: never answers. */
const silence = <T>(): Promise<T> => new Promise<T>(() => undefined);

class SilentSessionKeeper implements SessionKeeper {
  kept: KeptSession | null = null;
  silentOn = new Set<'keep' | 'recall' | 'forget'>();
  async keep(session: KeptSession): Promise<void> {
    if (this.silentOn.has('keep')) return silence();
    this.kept = session;
  }
  async recall(): Promise<KeptSession | null> {
    return this.silentOn.has('recall') ? silence() : this.kept;
  }
  async forget(): Promise<void> {
    if (this.silentOn.has('forget')) return silence();
    this.kept = null;
  }
}

class SilentDraftStore extends MemoryDraftStore {
  silent = false;
  override list(account: string) {
    return this.silent ? silence<never>() : super.list(account);
  }
  override remove(account: string, name: string): Promise<void> {
    return this.silent ? silence() : super.remove(account, name);
  }
  override forgetAccount(account: string): Promise<void> {
    return this.silent ? silence() : super.forgetAccount(account);
  }
}

class SilentObjectCache extends MemoryObjectCache {
  override forget(): Promise<void> {
    return silence();
  }
}

/** A cache whose reads and writes never answer, counting how often it was asked. */
class WedgedObjectCache extends MemoryObjectCache {
  asked = 0;
  override get(): Promise<Uint8Array | undefined> {
    this.asked++;
    return silence();
  }
  override put(): Promise<void> {
    this.asked++;
    return silence();
  }
  override drop(): Promise<void> {
    this.asked++;
    return silence();
  }
}

const nothingPending: PendingUploadStore = {
  keep: async () => undefined,
  list: async () => [],
  forget: async () => undefined,
  claim: async () => () => undefined,
};

const silentUploads = (): UploadStores => ({ journal: new MemoryUploadJournal(), pending: nothingPending, forgetAll: silence });

/** A device of the real client core over stores that may fall silent; a device store is waited on DEADLINE_MS at most. */
const world = () => {
  const servers = new InProcessHomeServers();
  servers.add('home.example', createServerHarness().deps);
  const clock = new FakeClock();
  const device = (stores: { readonly keeper?: SessionKeeper; readonly drafts?: MemoryDraftStore; readonly cache?: MemoryObjectCache; readonly uploads?: () => UploadStores } = {}) =>
    testDevice(
      { servers, clock },
      {
        storageDeadlineMs: DEADLINE_MS,
        sessionKeeper: stores.keeper ?? new SilentSessionKeeper(),
        draftStore: stores.drafts ?? new MemoryDraftStore(),
        objectCaches: () => stores.cache ?? new MemoryObjectCache(),
        ...(stores.uploads === undefined ? {} : { uploadStores: stores.uploads }),
      },
    );
  return { device };
};

describe('a browser storage that never answers keeps no screen waiting (the real client core)', () => {
  it('opens the Log in screen where the server refuses the kept sign-in and forgetting it is never answered: resume rejects with sign_in_kept', async () => {
    const { device } = world();
    const keeper = new SilentSessionKeeper();
    await device({ keeper }).register(ALICE, PASSWORD, { staySignedIn: true });
    // Changed on another device, which keeps nothing of this one's.
    await (await device().logIn(ALICE, PASSWORD)).changePassword(PASSWORD, 'a different horse entirely');
    keeper.silentOn.add('forget');

    await expect(device({ keeper }).resume(undefined)).rejects.toMatchObject({ code: 'sign_in_kept' });
  }, SECONDS);

  it('opens the Log in screen where reading the kept sign-in is never answered: resume rejects with sign_in_not_kept', async () => {
    const keeper = new SilentSessionKeeper();
    keeper.silentOn.add('recall');

    await expect(world().device({ keeper }).resume(undefined)).rejects.toMatchObject({ code: 'sign_in_not_kept' });
  }, SECONDS);

  it('logs in without "Stay signed in" where forgetting the kept sign-in is never answered, saying it stayed (sign_in_kept)', async () => {
    const { device } = world();
    await (await device().register(ALICE, PASSWORD)).logOut();
    const keeper = new SilentSessionKeeper();
    keeper.silentOn.add('forget');

    const alice = await device({ keeper }).logIn(ALICE, PASSWORD);

    expect(alice.keptSignInFailure).toMatchObject({ code: 'sign_in_kept' });
    await expect(alice.sync()).resolves.toBeUndefined();
  }, SECONDS);

  it('logs in with "Stay signed in" where keeping the sign-in is never answered, saying it was not kept (sign_in_not_kept)', async () => {
    const { device } = world();
    await (await device().register(ALICE, PASSWORD)).logOut();
    const keeper = new SilentSessionKeeper();
    keeper.silentOn.add('keep');

    const alice = await device({ keeper }).logIn(ALICE, PASSWORD, { staySignedIn: true });

    expect(alice.keptSignInFailure).toMatchObject({ code: 'sign_in_not_kept' });
  }, SECONDS);

  it('opens the signed-in screen where reading the kept drafts is never answered: keptDrafts rejects with device_storage', async () => {
    const drafts = new SilentDraftStore();
    const alice = await world().device({ drafts }).register(ALICE, PASSWORD);
    drafts.silent = true;

    await expect(alice.keptDrafts()).rejects.toMatchObject({ code: 'device_storage' });
  }, SECONDS);

  it('logs out where deleting the drafts is never answered: the server session ends, logOut resolving with device_storage', async () => {
    const drafts = new SilentDraftStore();
    const alice = await world().device({ drafts }).register(ALICE, PASSWORD);
    await alice.keepDraft(BOB, { text: 'never sent' });
    drafts.silent = true;

    await expect(alice.logOut()).resolves.toMatchObject([{ code: 'device_storage' }]);
    await expect(alice.sync()).rejects.toMatchObject({ code: 'unauthorized' });
  }, SECONDS);

  it('logs out forgetting this browser where deleting the cached history and the unsent files is never answered, saying both stayed', async () => {
    const alice = await world().device({ cache: new SilentObjectCache(), uploads: silentUploads }).register(ALICE, PASSWORD);

    const leftBehind = await alice.logOut({ forgetBrowser: true });

    expect(leftBehind.map((failure) => failure.code)).toEqual(['unsent_files_kept', 'cached_history_kept']);
    await expect(alice.sync()).rejects.toMatchObject({ code: 'unauthorized' });
  }, SECONDS);

  it('forgets this browser on a session already ended where deleting the cached history is never answered (cached_history_kept)', async () => {
    const { device } = world();
    await (await device().register(ALICE, PASSWORD)).logOut();
    const alice = await device({ cache: new SilentObjectCache() }).logIn(ALICE, PASSWORD);
    await (await device().logIn(ALICE, PASSWORD)).changePassword(PASSWORD, 'a different horse entirely');
    await alice.sync().catch(() => undefined);

    await expect(alice.logOut({ forgetBrowser: true })).resolves.toMatchObject([{ code: 'cached_history_kept' }]);
  }, SECONDS);

  it('deletes the account where the browser storage never answers, saying what stayed: sign-in, drafts, cached history, unsent files', async () => {
    const keeper = new SilentSessionKeeper();
    const drafts = new SilentDraftStore();
    const { device } = world();
    const alice = await device({ keeper, drafts, cache: new SilentObjectCache(), uploads: silentUploads }).register(ALICE, PASSWORD, { staySignedIn: true });
    keeper.silentOn.add('forget');
    drafts.silent = true;

    const leftBehind = await alice.deleteAccount(PASSWORD);

    expect(leftBehind.map((failure) => failure.code)).toEqual(['sign_in_kept', 'device_storage', 'cached_history_kept', 'unsent_files_kept']);
    await expect(device().logIn(ALICE, PASSWORD)).rejects.toMatchObject({ code: 'wrong_password' });
  }, SECONDS);
});

describe('drafts that are never deleted (the real client core)', () => {
  it('deletes a chat where deleting its draft is never answered, saying so in the background (device_storage)', async () => {
    const { alice, bob, logIn } = await createAliceAndBobSessions();
    const drafts = new SilentDraftStore();
    const laptop = await logIn(alice, { draftStore: drafts, storageDeadlineMs: DEADLINE_MS });
    await laptop.keepDraft(bob.address, { text: 'never sent' });
    const reported: (Error | null)[] = [];
    laptop.onBackgroundError((error) => reported.push(error));
    await laptop.removeFriend(bob.address);
    drafts.silent = true;

    await laptop.deleteChat(bob.address);

    expect(reported).toMatchObject([{ code: 'device_storage' }]);
    await Promise.all([alice.logOut(), bob.logOut()]);
  }, SECONDS);
});

describe('a cached history that never answers (the real client core)', () => {
  const loadAll = async (session: MessengerSession, friend: string): Promise<void> => {
    while (await session.loadOlder(friend));
  };

  it('opens the older messages by downloading them, asking the cache no more once it was silent, and still logs out', async () => {
    const { alice, bob, clock, logIn } = await createAliceAndBobSessions();
    await alice.sendMessage(bob.address, 'the very first message');
    // Long enough that pages are sealed: what a new device reads through its cache.
    for (let n = 0; n < 120; n++) {
      clock.set(clock.now() + 1);
      await alice.sendMessage(bob.address, `${n} ${'lorem ipsum '.repeat(80)}`);
    }
    await bob.sync();
    const cache = new WedgedObjectCache();
    const bobsLaptop = await logIn(bob, { objectCaches: () => cache, storageDeadlineMs: DEADLINE_MS });

    await loadAll(bobsLaptop, alice.address);

    expect(bobsLaptop.conversation(alice.address).some((entry) => entry.kind === 'message' && entry.body === 'the very first message')).toBe(true);
    expect(cache.asked).toBe(1);
    await expect(bobsLaptop.logOut()).resolves.toEqual([]);
    await Promise.all([alice.logOut(), bob.logOut()]);
  }, 20_000);
});
