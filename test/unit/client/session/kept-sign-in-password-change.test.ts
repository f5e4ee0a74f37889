import { MemorySessionKeeper } from '../../../support/memory-session-keeper';
import type { KeptSession, SessionKeeper } from '../../../../src/application/ports/session-keeper';
import { FakeClock } from '../../../support/fakes';
import { InProcessHomeServers } from '../../../support/in-process-home-server-gateway';
import { PASSWORD, testDevice } from '../../../support/session-world';
import { createServerHarness } from '../../server/server-harness';

const ALICE = 'alice@home.example';
const BOB = 'bob@home.example';
const NEW_PASSWORD = 'a different horse entirely';

/** A browser whose storage stops taking writes (a full disk, a quota reached) once `full`, while reads and deletes go on. */
class FillingSessionKeeper extends MemorySessionKeeper {
  full = false;
  override async keep(session: KeptSession): Promise<void> {
    if (this.full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    return super.keep(session);
  }
}

const world = () => {
  const servers = new InProcessHomeServers();
  servers.add('home.example', createServerHarness().deps);
  const clock = new FakeClock();
  /** A browser tab: what "Stay signed in" kept outlives it in `keeper`. */
  const tab = (keeper: SessionKeeper) => testDevice({ servers, clock }, { sessionKeeper: keeper });
  return { tab };
};

describe('"Stay signed in" and a password changed (the real client core)', () => {
  it('signs in again after a reload with the new keys, where the server refused the old ones and the password was asked', async () => {
    const { tab } = world();
    const keeper = new MemorySessionKeeper();
    await (await tab(keeper).register(ALICE, PASSWORD)).logOut();
    const signedIn = await tab(keeper).logIn(ALICE, PASSWORD, { staySignedIn: true });

    await signedIn.changePassword(PASSWORD, NEW_PASSWORD);

    const resumed = await tab(keeper).resume();
    expect(resumed?.address).toBe(ALICE);
  });

  it('says at once when the storage fails to keep the new keys, and forgets the old ones, so a reload asks for the password without blaming another device', async () => {
    const { tab } = world();
    const keeper = new FillingSessionKeeper();
    await (await tab(keeper).register(ALICE, PASSWORD)).logOut();
    const signedIn = await tab(keeper).logIn(ALICE, PASSWORD, { staySignedIn: true });
    keeper.full = true;

    await expect(signedIn.changePassword(PASSWORD, NEW_PASSWORD)).resolves.toMatchObject([{ code: 'sign_in_not_kept' }]);

    expect(keeper.kept).toBeNull();
    await expect(tab(keeper).resume()).resolves.toBeNull();
    await expect(signedIn.sync()).resolves.toBeUndefined();
  });

  it('leaves the sign-in another tab kept for another account as it was', async () => {
    const { tab } = world();
    const keeper = new MemorySessionKeeper();
    await (await tab(keeper).register(BOB, PASSWORD)).logOut();
    await (await tab(keeper).register(ALICE, PASSWORD)).logOut();
    const alice = await tab(keeper).logIn(ALICE, PASSWORD);
    await tab(keeper).logIn(BOB, PASSWORD, { staySignedIn: true });
    const keptForBob = keeper.kept;

    await alice.changePassword(PASSWORD, NEW_PASSWORD);

    expect(keeper.kept).toBe(keptForBob);
    expect((await tab(keeper).resume())?.address).toBe(BOB);
  });

  it('says the sign-in kept was refused when the password changed on another device, and forgets it', async () => {
    const { tab } = world();
    const keeper = new MemorySessionKeeper();
    await (await tab(keeper).register(ALICE, PASSWORD)).logOut();
    await tab(keeper).logIn(ALICE, PASSWORD, { staySignedIn: true });
    await (await tab(new MemorySessionKeeper()).logIn(ALICE, PASSWORD)).changePassword(PASSWORD, NEW_PASSWORD);

    await expect(tab(keeper).resume()).rejects.toMatchObject({ code: 'sign_in_outdated' });
    expect(keeper.kept).toBeNull();
  });
});
