import { aSession, T0 } from '../../support/storage-fixtures';
import { OpenStorage, times, useAliceAndBob, useFreshStorage } from './storage-under-test';

export const sessionRepositoryContract = (open: OpenStorage): void => {
  describe('SessionRepository', () => {
    const subject = useFreshStorage(open);
    const owners = useAliceAndBob(subject);

    it('finds a recorded session before it expires, exactly as created', async () => {
      const session = aSession(owners.alice, { createdAt: T0, expiresAt: T0 + 1000 });
      await subject.storage.sessions.create(session);
      expect(await subject.storage.sessions.findActive(session.jti, T0)).toEqual(session);
      expect(await subject.storage.sessions.findActive(session.jti, T0 + 999)).toEqual(session);
    });

    it('does not find a session from its expiry on', async () => {
      const session = aSession(owners.alice, { expiresAt: T0 + 1000 });
      await subject.storage.sessions.create(session);
      expect(await subject.storage.sessions.findActive(session.jti, T0 + 1000)).toBeNull();
      expect(await subject.storage.sessions.findActive(session.jti, T0 + 5000)).toBeNull();
    });

    it('does not find an unknown session', async () => {
      expect(await subject.storage.sessions.findActive('no-such-jti', T0)).toBeNull();
    });

    it('revokes one session and keeps the others', async () => {
      const revoked = aSession(owners.alice);
      const kept = aSession(owners.alice);
      await subject.storage.sessions.create(revoked);
      await subject.storage.sessions.create(kept);
      await subject.storage.sessions.revoke(revoked.jti);
      expect(await subject.storage.sessions.findActive(revoked.jti, T0)).toBeNull();
      expect(await subject.storage.sessions.findActive(kept.jti, T0)).toEqual(kept);
    });

    it('accepts revoking an unknown or already revoked session', async () => {
      const session = aSession(owners.alice);
      await subject.storage.sessions.create(session);
      await subject.storage.sessions.revoke(session.jti);
      await expect(subject.storage.sessions.revoke(session.jti)).resolves.toBeUndefined();
      await expect(subject.storage.sessions.revoke('no-such-jti')).resolves.toBeUndefined();
    });

    it('revokes every session of one account only, counting them', async () => {
      const ofAlice = times(3, () => aSession(owners.alice));
      const ofBob = aSession(owners.bob);
      for (const session of [...ofAlice, ofBob]) await subject.storage.sessions.create(session);

      expect(await subject.storage.sessions.revokeAll(owners.alice)).toBe(3);
      for (const session of ofAlice) expect(await subject.storage.sessions.findActive(session.jti, T0)).toBeNull();
      expect(await subject.storage.sessions.findActive(ofBob.jti, T0)).toEqual(ofBob);
      expect(await subject.storage.sessions.revokeAll(owners.alice)).toBe(0);
    });

    it('purges the sessions expired at the given time, counting them, and keeps the rest', async () => {
      const expired = [aSession(owners.alice, { expiresAt: T0 - 1 }), aSession(owners.bob, { expiresAt: T0 })];
      const alive = aSession(owners.alice, { expiresAt: T0 + 1 });
      for (const session of [...expired, alive]) await subject.storage.sessions.create(session);

      expect(await subject.storage.sessions.purgeExpired(T0)).toBe(2);
      expect(await subject.storage.sessions.findActive(alive.jti, T0)).toEqual(alive);
      expect(await subject.storage.sessions.purgeExpired(T0)).toBe(0);
    });
  });
};
