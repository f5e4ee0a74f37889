import { MemorySessionKeeper } from '../../../support/memory-session-keeper';
import { testDevice } from '../../../support/session-world';
import { MessengerError } from '../../../../src/application/client/messenger';
import type { KeptSession, SessionKeeper } from '../../../../src/application/ports/session-keeper';
import { FakeClock } from '../../../support/fakes';
import { InProcessHomeServers } from '../../../support/in-process-home-server-gateway';
import { createServerHarness } from '../../server/server-harness';

const ALICE = 'alice@home.example';
const PASSWORD = 'correct horse battery staple';
/** Short, so a silent store's test does not wait the real deadline, which a loaded machine could push past jest's timeout. */
const SILENT_STORE_DEADLINE_MS = 100;

/** "Stay signed in" on a device whose storage keeps and recalls, but fails to delete. */
class UndeletableSessionKeeper extends MemorySessionKeeper {
  override async forget(): Promise<void> {
    throw new Error('the device store failed');
  }
}

const world = () => {
  const servers = new InProcessHomeServers();
  servers.add('home.example', createServerHarness().deps);
  const clock = new FakeClock();
  const device = (sessionKeeper?: SessionKeeper) =>
    testDevice({ servers, clock }, { storageDeadlineMs: SILENT_STORE_DEADLINE_MS, ...(sessionKeeper === undefined ? {} : { sessionKeeper }) });
  return { device };
};

describe('a kept sign-in the device fails to forget (the real client core)', () => {
  it('does not keep the user from logging out: the server session still ends, logOut resolving with sign_in_kept', async () => {
    const { device } = world();
    await device().register(ALICE, PASSWORD);
    const keeper = new UndeletableSessionKeeper();
    const alice = await device(keeper).logIn(ALICE, PASSWORD, { staySignedIn: true });
    const reported: (Error | null)[] = [];
    alice.onBackgroundError((error) => reported.push(error));

    const leftBehind = await alice.logOut();

    // An expected failure, which the app can word, not the store's own error (which would pass for a bug of the app).
    expect(leftBehind).toEqual([expect.any(MessengerError)]);
    expect(leftBehind).toMatchObject([{ code: 'sign_in_kept' }]);
    expect(reported).toEqual([]);
    await expect(alice.sync()).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('is still said by a log-out of a session that had already ended, rather than that it had ended', async () => {
    const { device } = world();
    await device().register(ALICE, PASSWORD);
    const alice = await device(new UndeletableSessionKeeper()).logIn(ALICE, PASSWORD, { staySignedIn: true });
    const phone = await device().logIn(ALICE, PASSWORD);
    await phone.changePassword(PASSWORD, 'a different horse entirely');
    await alice.sync().catch(() => undefined);

    // Leaving is done all the same, and the browser may still sign in by itself, which the user must hear where they land.
    await expect(alice.logOut()).resolves.toMatchObject([{ code: 'sign_in_kept' }]);
  });

  it('is said with the session ending by itself, as sign_in_kept, not as the store’s own error nor in the background', async () => {
    const { device } = world();
    await device().register(ALICE, PASSWORD);
    const alice = await device(new UndeletableSessionKeeper()).logIn(ALICE, PASSWORD, { staySignedIn: true });
    const reported: (Error | null)[] = [];
    alice.onBackgroundError((error) => reported.push(error));
    const ended = new Promise<[string, readonly MessengerError[]]>((resolve) => alice.onEnded((reason, leftBehind) => resolve([reason, leftBehind])));

    const phone = await device().logIn(ALICE, PASSWORD);
    await phone.changePassword(PASSWORD, 'a different horse entirely');
    await alice.sync().catch(() => undefined);

    const [reason, leftBehind] = await ended;
    expect(reason).toBe('revoked');
    // Where the user lands, which the app words: a warning of the session ending would only flash.
    expect(leftBehind).toEqual([expect.any(MessengerError)]);
    expect(leftBehind).toMatchObject([{ code: 'sign_in_kept' }]);
    expect(reported.filter((error) => error instanceof MessengerError && error.code === 'sign_in_kept')).toEqual([]);
  });

  it('ends by itself within seconds where the device store never answers, saying the kept sign-in stayed', async () => {
    const { device } = world();
    await device().register(ALICE, PASSWORD);
    const keeper = new UndeletableSessionKeeper();
    keeper.forget = () => new Promise<void>(() => undefined);
    const alice = await device(keeper).logIn(ALICE, PASSWORD, { staySignedIn: true });
    const ended = new Promise<readonly MessengerError[]>((resolve) => alice.onEnded((_reason, leftBehind) => resolve(leftBehind)));

    const phone = await device().logIn(ALICE, PASSWORD);
    await phone.changePassword(PASSWORD, 'a different horse entirely');
    await alice.sync().catch(() => undefined);

    // Not forgotten as far as anyone can tell: said as such, rather than the app waiting on the store with the session gone.
    await expect(ended).resolves.toMatchObject([{ code: 'sign_in_kept' }]);
  });

  it('logs out within seconds where the device store never answers: the server session ends, logOut resolving with sign_in_kept', async () => {
    const { device } = world();
    await device().register(ALICE, PASSWORD);
    const keeper = new UndeletableSessionKeeper();
    keeper.forget = () => new Promise<void>(() => undefined);
    const alice = await device(keeper).logIn(ALICE, PASSWORD, { staySignedIn: true });

    await expect(alice.logOut()).resolves.toMatchObject([{ code: 'sign_in_kept' }]);
    await expect(alice.sync()).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('ends by itself saying nothing stayed behind where the kept sign-in was forgotten', async () => {
    const { device } = world();
    await device().register(ALICE, PASSWORD);
    const alice = await device().logIn(ALICE, PASSWORD);
    const ended = new Promise<readonly MessengerError[]>((resolve) => alice.onEnded((_reason, leftBehind) => resolve(leftBehind)));

    const phone = await device().logIn(ALICE, PASSWORD);
    await phone.changePassword(PASSWORD, 'a different horse entirely');
    await alice.sync().catch(() => undefined);

    expect(await ended).toEqual([]);
  });

  it('does not make deleting the account fail once the server deleted it: deleteAccount resolving with sign_in_kept', async () => {
    const { device } = world();
    await device().register(ALICE, PASSWORD);
    const alice = await device(new UndeletableSessionKeeper()).logIn(ALICE, PASSWORD, { staySignedIn: true });
    const reported: (Error | null)[] = [];
    alice.onBackgroundError((error) => reported.push(error));

    const leftBehind = await alice.deleteAccount(PASSWORD);

    // Said to the caller, which words it where the user lands, not reported in the session ending, where it would only flash.
    expect(leftBehind).toEqual([expect.any(MessengerError)]);
    expect(leftBehind).toMatchObject([{ code: 'sign_in_kept' }]);
    expect(reported).toEqual([]);
    await expect(device().logIn(ALICE, PASSWORD)).rejects.toMatchObject({ code: 'wrong_password' });
  });

  it('does not keep the user from logging in without staying signed in: the session says sign_in_kept', async () => {
    const { device } = world();
    await device().register(ALICE, PASSWORD);

    const alice = await device(new UndeletableSessionKeeper()).logIn(ALICE, PASSWORD);

    expect(alice.keptSignInFailure).toBeInstanceOf(MessengerError);
    expect(alice.keptSignInFailure).toMatchObject({ code: 'sign_in_kept' });
    await alice.sync();
  });

  it('makes resuming one the server no longer accepts reject with sign_in_kept, not the store’s own error', async () => {
    const { device } = world();
    await device().register(ALICE, PASSWORD);
    const keeper = new UndeletableSessionKeeper();
    const alice = await device(keeper).logIn(ALICE, PASSWORD, { staySignedIn: true });
    const phone = await device().logIn(ALICE, PASSWORD);
    await phone.changePassword(PASSWORD, 'a different horse entirely');
    await alice.sync().catch(() => undefined);

    const resumed = device(keeper).resume();

    await expect(resumed).rejects.toBeInstanceOf(MessengerError);
    await expect(resumed).rejects.toMatchObject({ code: 'sign_in_kept' });
  });
});

/** "Stay signed in" on a device whose storage fails to write or read what it would keep, but deletes. */
class FailingSessionKeeper implements SessionKeeper {
  forgotten = 0;
  constructor(private readonly kept: KeptSession | null = null) {}
  async keep(): Promise<void> {
    throw new Error('the device store failed');
  }
  async recall(): Promise<KeptSession | null> {
    if (this.kept === null) throw new Error('the device store failed');
    return this.kept;
  }
  async forget(): Promise<void> {
    this.forgotten += 1;
  }
}

describe('a sign-in the device fails to keep or read back (the real client core)', () => {
  it('still logs in, for this session only, which says sign_in_not_kept; a sign-in kept before is forgotten', async () => {
    const { device } = world();
    await device().register(ALICE, PASSWORD);
    const keeper = new FailingSessionKeeper();

    const alice = await device(keeper).logIn(ALICE, PASSWORD, { staySignedIn: true });

    expect(alice.keptSignInFailure).toBeInstanceOf(MessengerError);
    expect(alice.keptSignInFailure).toMatchObject({ code: 'sign_in_not_kept' });
    expect(keeper.forgotten).toBe(1);
    await alice.sync();
    await expect(alice.logOut()).resolves.toEqual([]);
  });

  it('says nothing failed when it was kept', async () => {
    const { device } = world();
    await device().register(ALICE, PASSWORD);

    const alice = await device(new UndeletableSessionKeeper()).logIn(ALICE, PASSWORD, { staySignedIn: true });

    expect(alice.keptSignInFailure).toBeNull();
  });

  it('makes resuming reject with sign_in_not_kept when the kept sign-in cannot be read, not the store’s own error', async () => {
    const { device } = world();
    await device().register(ALICE, PASSWORD);

    const resumed = device(new FailingSessionKeeper()).resume();

    await expect(resumed).rejects.toBeInstanceOf(MessengerError);
    await expect(resumed).rejects.toMatchObject({ code: 'sign_in_not_kept' });
  });
});
