import { aDropToken, T0 } from '../../support/storage-fixtures';
import { OpenStorage, times, useAliceAndBob, useFreshStorage } from './storage-under-test';

const byId = <T extends { id: string }>(items: readonly T[]): T[] => [...items].sort((a, b) => a.id.localeCompare(b.id));

export const dropTokenRepositoryContract = (open: OpenStorage): void => {
  describe('DropTokenRepository', () => {
    const subject = useFreshStorage(open);
    const owners = useAliceAndBob(subject);

    it('lists the tokens of one owner exactly as created', async () => {
      const tokens = [aDropToken(owners.alice), aDropToken(owners.alice, { lastUsedAt: T0 + 1, uses: 4 })];
      for (const token of [...tokens, aDropToken(owners.bob)]) await subject.storage.dropTokens.create(token);
      expect(byId(await subject.storage.dropTokens.list(owners.alice))).toEqual(byId(tokens));
    });

    it('lists nothing for an owner without tokens', async () => {
      expect(await subject.storage.dropTokens.list(owners.alice)).toEqual([]);
    });

    it('finds a token by its hash within its owner’s tokens', async () => {
      const token = aDropToken(owners.alice);
      await subject.storage.dropTokens.create(token);
      expect(await subject.storage.dropTokens.findByHash(owners.alice, token.hash)).toEqual(token);
    });

    it('does not find a token by its hash under another owner', async () => {
      const token = aDropToken(owners.alice);
      await subject.storage.dropTokens.create(token);
      expect(await subject.storage.dropTokens.findByHash(owners.bob, token.hash)).toBeNull();
      expect(await subject.storage.dropTokens.findByHash(owners.alice, 'f'.repeat(64))).toBeNull();
    });

    it('finds each owner’s own token when two owners hold the same hash', async () => {
      const hash = 'ab'.repeat(32);
      const ofAlice = aDropToken(owners.alice, { hash });
      const ofBob = aDropToken(owners.bob, { hash });
      await subject.storage.dropTokens.create(ofAlice);
      await subject.storage.dropTokens.create(ofBob);
      expect(await subject.storage.dropTokens.findByHash(owners.alice, hash)).toEqual(ofAlice);
      expect(await subject.storage.dropTokens.findByHash(owners.bob, hash)).toEqual(ofBob);
    });

    it('records a use: one more use and the time of it', async () => {
      const token = aDropToken(owners.alice);
      await subject.storage.dropTokens.create(token);
      await subject.storage.dropTokens.recordUse(token.id, T0 + 10);
      await subject.storage.dropTokens.recordUse(token.id, T0 + 20);
      expect(await subject.storage.dropTokens.findByHash(owners.alice, token.hash)).toEqual({ ...token, uses: 2, lastUsedAt: T0 + 20 });
    });

    it('counts every one of 25 parallel uses', async () => {
      const token = aDropToken(owners.alice);
      const other = aDropToken(owners.alice);
      await subject.storage.dropTokens.create(token);
      await subject.storage.dropTokens.create(other);
      await Promise.all(times(25, () => subject.storage.dropTokens.recordUse(token.id, T0 + 1)));
      expect((await subject.storage.dropTokens.findByHash(owners.alice, token.hash))?.uses).toBe(25);
      expect((await subject.storage.dropTokens.findByHash(owners.alice, other.hash))?.uses).toBe(0);
    });

    it('ignores a use of an unknown token', async () => {
      await subject.storage.dropTokens.recordUse('no-such-token', T0);
      expect(await subject.storage.dropTokens.list(owners.alice)).toEqual([]);
    });

    it('revokes the owner’s token so it is neither found nor listed', async () => {
      const token = aDropToken(owners.alice);
      const kept = aDropToken(owners.alice);
      await subject.storage.dropTokens.create(token);
      await subject.storage.dropTokens.create(kept);
      expect(await subject.storage.dropTokens.revoke(owners.alice, token.id)).toBe(true);
      expect(await subject.storage.dropTokens.findByHash(owners.alice, token.hash)).toBeNull();
      expect(await subject.storage.dropTokens.list(owners.alice)).toEqual([kept]);
    });

    it('does not revoke another owner’s token', async () => {
      const token = aDropToken(owners.alice);
      await subject.storage.dropTokens.create(token);
      expect(await subject.storage.dropTokens.revoke(owners.bob, token.id)).toBe(false);
      expect(await subject.storage.dropTokens.findByHash(owners.alice, token.hash)).toEqual(token);
    });

    it('answers false for an unknown or already revoked token', async () => {
      const token = aDropToken(owners.alice);
      await subject.storage.dropTokens.create(token);
      expect(await subject.storage.dropTokens.revoke(owners.alice, 'no-such-token')).toBe(false);
      expect(await subject.storage.dropTokens.revoke(owners.alice, token.id)).toBe(true);
      expect(await subject.storage.dropTokens.revoke(owners.alice, token.id)).toBe(false);
    });
  });
};
