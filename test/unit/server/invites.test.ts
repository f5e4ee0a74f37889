import { createMemoryStorage } from '../../../src/adapters/storage/memory/memory-storage';
import { ListInvites } from '../../../src/application/server/admin/list-invites';
import { CreateInvites } from '../../../src/application/server/create-invites';
import { RedeemInvite } from '../../../src/application/server/redeem-invite';
import { CountingIdGenerator, DeterministicRandom, FakeClock, Sha256TokenHasher } from '../../support/fakes';
import { createServerHarness } from './server-harness';
import { aRegistration } from '../../support/builders';

const HOUR = 3_600_000;

const inviteWorld = () => {
  const storage = createMemoryStorage();
  const clock = new FakeClock();
  const deps = {
    inviteRepository: storage.invites,
    clock,
    ids: new CountingIdGenerator('invite'),
    random: new DeterministicRandom(),
    tokenHasher: new Sha256TokenHasher(),
  };
  return { storage, clock, create: new CreateInvites(deps), redeem: new RedeemInvite(deps), list: new ListInvites(deps) };
};

const codesOf = async (world: ReturnType<typeof inviteWorld>, count: number, validForMs: number | null): Promise<string[]> => {
  const created = await world.create.execute({ count, validForMs });
  if (!created.ok) throw new Error(`could not create invites: ${created.error}`);
  return created.value.map((invite) => invite.code);
};

describe('invite codes', () => {
  it('hands out distinct codes and stores only their hashes', async () => {
    const world = inviteWorld();
    const codes = await codesOf(world, 3, null);
    expect(new Set(codes).size).toBe(3);
    const stored = JSON.stringify(await world.storage.invites.list());
    for (const code of codes) expect(stored).not.toContain(code);
    expect((await world.storage.invites.list()).map((invite) => invite.codeHash)).toEqual(codes.map((code) => new Sha256TokenHasher().sha256Hex(code)));
  });

  it('redeems each code once', async () => {
    const world = inviteWorld();
    const [code = ''] = await codesOf(world, 1, null);
    expect(await world.redeem.redeem(code)).toBe(true);
    expect(await world.redeem.redeem(code)).toBe(false);
    expect(await world.redeem.redeem('not-a-code')).toBe(false);
  });

  it('stops redeeming a code once its time is up, and lists it as expired', async () => {
    const world = inviteWorld();
    const [code = ''] = await codesOf(world, 1, 2 * HOUR);
    world.clock.advance(2 * HOUR);
    expect(await world.redeem.redeem(code)).toBe(false);
    const listed = await world.list.execute();
    expect(listed.ok && listed.value.map((invite) => invite.status)).toEqual(['expired']);
  });

  it('lists unused and redeemed invites with their dates', async () => {
    const world = inviteWorld();
    const created = world.clock.now();
    const [kept = '', used = ''] = await codesOf(world, 2, HOUR);
    world.clock.advance(10);
    await world.redeem.redeem(used);
    const listed = await world.list.execute();
    expect(listed).toEqual({
      ok: true,
      value: [
        { id: 'invite-1', createdAt: created, expiresAt: created + HOUR, redeemedAt: null, status: 'unused' },
        { id: 'invite-2', createdAt: created, expiresAt: created + HOUR, redeemedAt: created + 10, status: 'redeemed' },
      ],
    });
    expect(kept).not.toBe(used);
  });

  it.each([
    [0, null],
    [1001, null],
    [1.5, null],
    [1, 0],
    [1, -5],
  ])('refuses count %p with validity %p', async (count, validForMs) => {
    const world = inviteWorld();
    expect(await world.create.execute({ count, validForMs })).toEqual({ ok: false, error: 'input/invalid' });
    expect(await world.storage.invites.list()).toEqual([]);
  });

  it('lets RegisterAccount in invite mode through with a stored code, once', async () => {
    const world = inviteWorld();
    const [code = ''] = await codesOf(world, 1, null);
    const server = createServerHarness({ policy: { registration: 'invite' }, invites: world.redeem });
    expect((await server.registerAccount.execute(aRegistration({ name: 'alice', inviteCode: code }))).ok).toBe(true);
    expect(await server.registerAccount.execute(aRegistration({ name: 'bob', inviteCode: code }))).toEqual({
      ok: false,
      error: 'registration/invite-invalid',
    });
  });
});
