import { testDevice } from '../../../support/session-world';
import { MemoryDraftStore } from '../../../../src/adapters/local-store/memory-draft-store';
import { MessengerError } from '../../../../src/application/client/messenger';
import { FakeClock } from '../../../support/fakes';
import { InProcessHomeServers } from '../../../support/in-process-home-server-gateway';
import { createServerHarness } from '../../server/server-harness';

const ALICE = 'alice@home.example';
const BOB = 'bob@away.example';
const PASSWORD = 'correct horse battery staple';
const NEW_PASSWORD = 'a different horse entirely';

/** The real client core on devices whose drafts live in their own MemoryDraftStore, or nowhere. */
const world = () => {
  const servers = new InProcessHomeServers();
  servers.add('home.example', createServerHarness().deps);
  const clock = new FakeClock();
  const messengerOn = (draftStore?: MemoryDraftStore) => testDevice({ servers, clock }, draftStore === undefined ? {} : { draftStore });
  const device = (draftStore = new MemoryDraftStore()) => ({ draftStore, messenger: messengerOn(draftStore) });
  return { device, deviceWithoutDrafts: () => messengerOn() };
};

describe('drafts across sign-ins (the real client core)', () => {
  it('outlive a password change on another device: the session ends, the next sign-in with the new password opens them', async () => {
    const { device } = world();
    const laptop = device();
    const alice = await laptop.messenger.register(ALICE, PASSWORD);
    await alice.keepDraft(BOB, { text: 'typed before the password changed' });
    const ended = new Promise((resolve) => alice.onEnded(resolve));

    const phone = await device().messenger.logIn(ALICE, PASSWORD);
    await phone.changePassword(PASSWORD, NEW_PASSWORD);
    await alice.sync().catch(() => undefined);
    expect(await ended).toBe('revoked');
    expect(await laptop.draftStore.list(ALICE)).toHaveLength(1);

    // The salt changed with the password: this device asks first, and the user says yes.
    const again = await laptop.messenger.logIn(ALICE, NEW_PASSWORD, { confirmKdfChange: async () => true });
    expect(await again.keptDrafts()).toEqual(new Map([[BOB, { text: 'typed before the password changed' }]]));
  });

  it('do not keep the user from logging out when the device fails to delete them: the server session still ends, logOut resolving with device_storage', async () => {
    const { device } = world();
    const failing = new MemoryDraftStore();
    failing.forgetAccount = () => Promise.reject(new Error('the device store failed'));
    const laptop = device(failing);
    const alice = await laptop.messenger.register(ALICE, PASSWORD);
    await alice.keepDraft(BOB, { text: 'sealed, left behind' });
    const reported: (Error | null)[] = [];
    alice.onBackgroundError((error) => reported.push(error));

    const leftBehind = await alice.logOut();

    // An expected failure, which the app can word: not the store's own error, which would pass for a bug. Given to the caller,
    // which says it where the user lands, not in the background, where it would show in the session ending now.
    expect(leftBehind).toEqual([expect.any(MessengerError)]);
    expect(leftBehind).toMatchObject([{ code: 'device_storage' }]);
    expect(reported).toEqual([]);
    await expect(alice.sync()).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('are kept nowhere on a device without a draft store, and keptDrafts says so (null, not none), so the app warns before a reload', async () => {
    const { deviceWithoutDrafts } = world();
    const alice = await deviceWithoutDrafts().register(ALICE, PASSWORD);
    await alice.keepDraft(BOB, { text: 'kept nowhere' });
    expect(await alice.keptDrafts()).toBeNull();
  });

  it('are deleted with the account', async () => {
    const { device } = world();
    const laptop = device();
    const alice = await laptop.messenger.register(ALICE, PASSWORD);
    await alice.keepDraft(BOB, { text: 'never sent' });
    await alice.deleteAccount(PASSWORD);
    expect(await laptop.draftStore.list(ALICE)).toEqual([]);
  });
});
