import { Invite } from '../../../src/application/ports/invite-repository';
import { T0 } from '../../support/storage-fixtures';
import { OpenStorage, times, useFreshStorage } from './storage-under-test';

const anInvite = (overrides: Partial<Invite> = {}): Invite => ({
  id: 'invite-1',
  codeHash: 'a'.repeat(64),
  createdAt: T0,
  expiresAt: null,
  redeemedAt: null,
  ...overrides,
});

export const inviteRepositoryContract = (open: OpenStorage): void => {
  describe('InviteRepository', () => {
    const subject = useFreshStorage(open);

    it('lists created invites oldest first', async () => {
      await subject.storage.invites.create(anInvite({ id: 'later', codeHash: 'b'.repeat(64), createdAt: T0 + 5 }));
      await subject.storage.invites.create(anInvite({ id: 'first', createdAt: T0, expiresAt: T0 + 100 }));
      expect(await subject.storage.invites.list()).toEqual([
        anInvite({ id: 'first', createdAt: T0, expiresAt: T0 + 100 }),
        anInvite({ id: 'later', codeHash: 'b'.repeat(64), createdAt: T0 + 5 }),
      ]);
    });

    it('redeems a code once and records when', async () => {
      await subject.storage.invites.create(anInvite());
      expect(await subject.storage.invites.redeem('a'.repeat(64), T0 + 1)).toBe(true);
      expect(await subject.storage.invites.redeem('a'.repeat(64), T0 + 2)).toBe(false);
      expect(await subject.storage.invites.list()).toEqual([anInvite({ redeemedAt: T0 + 1 })]);
    });

    it('refuses unknown and expired codes', async () => {
      await subject.storage.invites.create(anInvite({ expiresAt: T0 + 10 }));
      expect(await subject.storage.invites.redeem('c'.repeat(64), T0)).toBe(false);
      expect(await subject.storage.invites.redeem('a'.repeat(64), T0 + 10)).toBe(false);
      expect(await subject.storage.invites.list()).toEqual([anInvite({ expiresAt: T0 + 10 })]);
    });

    it('lets exactly one of many parallel registrations use a code', async () => {
      await subject.storage.invites.create(anInvite());
      const results = await Promise.all(times(8, (i) => subject.storage.invites.redeem('a'.repeat(64), T0 + i)));
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('deletes an invite by id, which then no longer redeems', async () => {
      await subject.storage.invites.create(anInvite());
      expect(await subject.storage.invites.delete('invite-1')).toBe(true);
      expect(await subject.storage.invites.delete('invite-1')).toBe(false);
      expect(await subject.storage.invites.redeem('a'.repeat(64), T0)).toBe(false);
      expect(await subject.storage.invites.list()).toEqual([]);
    });
  });
};
