import { testDevice } from '../../../support/session-world';
import { MemoryDraftStore } from '../../../../src/adapters/local-store/memory-draft-store';
import { MemoryObjectCache } from '../../../../src/adapters/local-store/memory-object-cache';
import { PendingUploadStore, UploadStores } from '../../../../src/application/client/files/pending-uploads';
import { MemoryUploadJournal } from '../../../../src/application/client/files/upload-journal';
import { MessengerError } from '../../../../src/application/client/messenger';
import type { KeptSession, SessionKeeper } from '../../../../src/application/ports/session-keeper';
import { FakeClock } from '../../../support/fakes';
import { InProcessHomeServers } from '../../../support/in-process-home-server-gateway';
import { createServerHarness } from '../../server/server-harness';

const ALICE = 'alice@home.example';
const BOB = 'bob@home.example';
const PASSWORD = 'correct horse battery staple';

const storageFailed = () => new Error('the device store failed');

/** The cached history of a browser whose storage fails to delete it; the rest works. */
class UndeletableObjectCache extends MemoryObjectCache {
  override forget(): Promise<void> {
    return Promise.reject(storageFailed());
  }
}

class MemorySessionKeeper implements SessionKeeper {
  kept: KeptSession | null = null;
  async keep(session: KeptSession): Promise<void> {
    this.kept = session;
  }
  async recall(): Promise<KeptSession | null> {
    return this.kept;
  }
  async forget(): Promise<void> {
    this.kept = null;
  }
}

const nothingPending: PendingUploadStore = {
  keep: async () => undefined,
  list: async () => [],
  forget: async () => undefined,
  claim: async () => () => undefined,
};

/** Files kept to send on a browser whose storage fails to delete them, at once, as a store may throw. */
const undeletableUploads = (): UploadStores => ({
  journal: new MemoryUploadJournal(),
  pending: nothingPending,
  forgetAll: () => {
    throw storageFailed();
  },
});

/** A device of the real client core whose stores are the test's: the others are the defaults. */
const world = () => {
  const servers = new InProcessHomeServers();
  servers.add('home.example', createServerHarness().deps);
  const clock = new FakeClock();
  const device = ({ cache = new MemoryObjectCache(), uploads }: { readonly cache?: MemoryObjectCache; readonly uploads?: () => UploadStores } = {}) => {
    const draftStore = new MemoryDraftStore();
    const sessionKeeper = new MemorySessionKeeper();
    const messenger = testDevice(
      { servers, clock },
      { draftStore, sessionKeeper, objectCaches: () => cache, ...(uploads === undefined ? {} : { uploadStores: uploads }) },
    );
    return { messenger, draftStore, sessionKeeper };
  };
  return { device };
};

describe('what the device fails to delete when the account is deleted (the real client core)', () => {
  it('does not make deleting the account fail on the cached history: deleteAccount resolves with cached_history_kept, the kept sign-in and drafts forgotten all the same', async () => {
    const laptop = world().device({ cache: new UndeletableObjectCache() });
    await (await laptop.messenger.register(ALICE, PASSWORD)).logOut();
    const signedIn = await laptop.messenger.logIn(ALICE, PASSWORD, { staySignedIn: true });
    await signedIn.keepDraft(BOB, { text: 'never sent' });
    expect(laptop.sessionKeeper.kept).not.toBeNull();
    const reported: (Error | null)[] = [];
    signedIn.onBackgroundError((error) => reported.push(error));

    const leftBehind = await signedIn.deleteAccount(PASSWORD);

    // An expected failure, which the app can word where the user lands, not the store's own error (which would pass for a bug).
    expect(leftBehind).toEqual([expect.any(MessengerError)]);
    expect(leftBehind).toMatchObject([{ code: 'cached_history_kept' }]);
    expect(reported).toEqual([]);
    expect(laptop.sessionKeeper.kept).toBeNull();
    expect(await laptop.draftStore.list(ALICE)).toEqual([]);
    await expect(laptop.messenger.logIn(ALICE, PASSWORD)).rejects.toMatchObject({ code: 'wrong_password' });
  });

  it('does not make deleting the account fail on the files kept to send: deleteAccount resolves with unsent_files_kept', async () => {
    const laptop = world().device({ uploads: undeletableUploads });
    const alice = await laptop.messenger.register(ALICE, PASSWORD);
    await alice.keepDraft(BOB, { text: 'never sent' });

    const leftBehind = await alice.deleteAccount(PASSWORD);

    expect(leftBehind).toEqual([expect.any(MessengerError)]);
    expect(leftBehind).toMatchObject([{ code: 'unsent_files_kept' }]);
    expect(await laptop.draftStore.list(ALICE)).toEqual([]);
  });
});

describe('what the device fails to delete when logging out and forgetting this browser (the real client core)', () => {
  it('still logs out when the files kept to send cannot be deleted: logOut resolves with unsent_files_kept', async () => {
    const laptop = world().device({ uploads: undeletableUploads });
    const alice = await laptop.messenger.register(ALICE, PASSWORD);

    const leftBehind = await alice.logOut({ forgetBrowser: true });

    expect(leftBehind).toEqual([expect.any(MessengerError)]);
    expect(leftBehind).toMatchObject([{ code: 'unsent_files_kept' }]);
    await expect(alice.sync()).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('still logs out when the cached history cannot be deleted: logOut resolves with cached_history_kept', async () => {
    const laptop = world().device({ cache: new UndeletableObjectCache() });
    const alice = await laptop.messenger.register(ALICE, PASSWORD);

    const leftBehind = await alice.logOut({ forgetBrowser: true });

    expect(leftBehind).toEqual([expect.any(MessengerError)]);
    expect(leftBehind).toMatchObject([{ code: 'cached_history_kept' }]);
    await expect(alice.sync()).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('leaves the cached history and files kept to send alone without forgetting this browser, so nothing failed', async () => {
    const laptop = world().device({ cache: new UndeletableObjectCache(), uploads: undeletableUploads });
    const alice = await laptop.messenger.register(ALICE, PASSWORD);

    await expect(alice.logOut()).resolves.toEqual([]);
  });
});
