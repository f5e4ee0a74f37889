import { MemorySessionKeeper } from '../../../support/memory-session-keeper';
import { testDevice } from '../../../support/session-world';
import { afterSteps } from '../../../support/waiting';
import { MemoryDraftStore } from '../../../../src/adapters/local-store/memory-draft-store';
import { MemoryLocalStore } from '../../../../src/adapters/local-store/memory-local-store';
import { MemoryObjectCache } from '../../../../src/adapters/local-store/memory-object-cache';
import { PendingUploadStore, UploadStores } from '../../../../src/application/client/files/pending-uploads';
import { MemoryUploadJournal } from '../../../../src/application/client/files/upload-journal';
import { MessengerError } from '../../../../src/application/client/messenger';
import type { GatewayError, HomeServerGatewayFactory } from '../../../../src/application/ports/home-server-gateway';
import { err } from '../../../../src/domain/protocol/result';
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

/** What a browser notes of its accounts outside the blob (localStorage), failing to forget a deleted one. */
class UnforgettingLocalStore extends MemoryLocalStore {
  override forgetAccount(): Promise<void> {
    return Promise.reject(storageFailed());
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

/** The servers as a device sees them where its log-out is never answered (the fetch gateway then gives up as network_error). */
const logOutUnanswered = (servers: HomeServerGatewayFactory): HomeServerGatewayFactory => ({
  forServer: (authority) => {
    const server = servers.forServer(authority);
    return new Proxy(server, {
      get: (target, property, receiver) =>
        property === 'closeSession'
          ? async () => err<GatewayError>({ code: 'network_error', status: null, detail: `${authority} did not answer` })
          : Reflect.get(target, property, receiver),
    });
  },
});

/** A device of the real client core whose stores are the test's: the others are the defaults. */
const world = () => {
  const servers = new InProcessHomeServers();
  const server = createServerHarness();
  servers.add('home.example', server.deps);
  const clock = new FakeClock();
  const device = ({
    cache = new MemoryObjectCache(),
    uploads,
    localStore = new MemoryLocalStore(),
    gateways = (all: HomeServerGatewayFactory) => all,
  }: {
    readonly cache?: MemoryObjectCache;
    readonly uploads?: () => UploadStores;
    readonly localStore?: MemoryLocalStore;
    readonly gateways?: (servers: HomeServerGatewayFactory) => HomeServerGatewayFactory;
  } = {}) => {
    const draftStore = new MemoryDraftStore();
    const sessionKeeper = new MemorySessionKeeper();
    const messenger = testDevice(
      { servers: gateways(servers), clock },
      { draftStore, sessionKeeper, localStore, objectCaches: () => cache, ...(uploads === undefined ? {} : { uploadStores: uploads }) },
    );
    return { messenger, draftStore, sessionKeeper };
  };
  const solveCaptcha = async () => server.challenger.lastAnswer;
  return { device, solveCaptcha };
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

  it('does not make deleting the account fail on what the device noted of it: deleteAccount resolves with account_records_kept, and friends are told', async () => {
    const { device, solveCaptcha } = world();
    const laptop = device({ localStore: new UnforgettingLocalStore() });
    const alice = await laptop.messenger.register(ALICE, PASSWORD);
    const bob = await device().messenger.register(BOB, PASSWORD);
    await alice.sendFriendRequest(BOB, '', solveCaptcha);
    await bob.sync();
    await bob.acceptFriendRequest(bob.overview().incomingRequests[0]?.id ?? '');
    await alice.sync();
    await alice.keepDraft(BOB, { text: 'never sent' });
    const reported: (Error | null)[] = [];
    alice.onBackgroundError((error) => reported.push(error));

    const leftBehind = await alice.deleteAccount(PASSWORD);

    // Not the sign-in (kept elsewhere, and forgotten): the marks that would refuse a new account under the same address here.
    expect(leftBehind).toEqual([expect.any(MessengerError)]);
    expect(leftBehind).toMatchObject([{ code: 'account_records_kept' }]);
    expect(reported).toEqual([]);
    expect(await laptop.draftStore.list(ALICE)).toEqual([]);
    // Told in the background: the account is gone whatever their server answers.
    await afterSteps(() => bob.overview().friends.find((friend) => friend.address === ALICE)?.status === 'removed', () => bob.sync());
    await expect(device().messenger.logIn(ALICE, PASSWORD)).rejects.toMatchObject({ code: 'wrong_password' });
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

  it('still forgets this browser when the session had already ended, saying what it could not delete', async () => {
    const { device } = world();
    const laptop = device({ cache: new UndeletableObjectCache() });
    await (await laptop.messenger.register(ALICE, PASSWORD)).logOut();
    const alice = await laptop.messenger.logIn(ALICE, PASSWORD);
    const phone = await device().messenger.logIn(ALICE, PASSWORD);
    await phone.changePassword(PASSWORD, 'a different horse entirely');
    await alice.sync().catch(() => undefined);

    await expect(alice.logOut({ forgetBrowser: true })).resolves.toMatchObject([{ code: 'cached_history_kept' }]);
  });

  it('says what it could not delete when the server never answers the log-out, with the server not told, the first time', async () => {
    const laptop = world().device({ cache: new UndeletableObjectCache(), uploads: undeletableUploads, gateways: logOutUnanswered });
    const alice = await laptop.messenger.register(ALICE, PASSWORD);

    // The server may still hold the session, which the user must hear; what stayed here they must hear all the same.
    await expect(alice.logOut({ forgetBrowser: true })).resolves.toMatchObject([
      { code: 'unsent_files_kept' },
      { code: 'server_session_kept' },
      { code: 'cached_history_kept' },
    ]);
    await expect(alice.sync()).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('leaves the cached history and files kept to send alone without forgetting this browser, so nothing failed', async () => {
    const laptop = world().device({ cache: new UndeletableObjectCache(), uploads: undeletableUploads });
    const alice = await laptop.messenger.register(ALICE, PASSWORD);

    await expect(alice.logOut()).resolves.toEqual([]);
  });
});
