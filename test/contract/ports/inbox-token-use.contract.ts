import { aDrop, aDropToken, roomyQuotas, T0 } from '../../support/storage-fixtures';
import { givenAccount, OpenStorage, times, useFreshStorage } from './storage-under-test';

/** InboxRepository.append with a token use: the drop and the token's use stored as one write. */
export const inboxTokenUseContract = (open: OpenStorage): void => {
  describe('InboxRepository.append recording a drop token use', () => {
    const subject = useFreshStorage(open);
    let owner: string;
    beforeEach(async () => {
      owner = await givenAccount(subject.storage, { name: 'bob' });
    });

    const tokenOf = async (id: string) => (await subject.storage.dropTokens.list(owner)).find((token) => token.id === id);

    it('counts the use and sets the last-used time when the item is stored', async () => {
      const token = aDropToken(owner, { uses: 3, lastUsedAt: T0 });
      await subject.storage.dropTokens.create(token);
      const appended = await subject.storage.inbox.append(aDrop(owner, { tokenId: token.id }), roomyQuotas(), { id: token.id, at: T0 + 50 });
      expect(appended.ok).toBe(true);
      expect(await tokenOf(token.id)).toEqual({ ...token, uses: 4, lastUsedAt: T0 + 50 });
    });

    it('records nothing on the token when the item is refused', async () => {
      const token = aDropToken(owner);
      await subject.storage.dropTokens.create(token);
      const quotas = roomyQuotas({ maxItemsPerToken: 1 });
      await subject.storage.inbox.append(aDrop(owner, { tokenId: token.id }), quotas, { id: token.id, at: T0 + 1 });
      const refused = await subject.storage.inbox.append(aDrop(owner, { tokenId: token.id }), quotas, { id: token.id, at: T0 + 2 });
      expect(refused).toEqual({ ok: false, error: 'inbox/full' });
      expect(await tokenOf(token.id)).toEqual({ ...token, uses: 1, lastUsedAt: T0 + 1 });
    });

    it('stores the item when its token was revoked meanwhile', async () => {
      const token = aDropToken(owner);
      await subject.storage.dropTokens.create(token);
      await subject.storage.dropTokens.revoke(owner, token.id);
      const appended = await subject.storage.inbox.append(aDrop(owner, { tokenId: token.id }), roomyQuotas(), { id: token.id, at: T0 });
      expect(appended.ok).toBe(true);
      expect(await subject.storage.dropTokens.list(owner)).toEqual([]);
    });

    it('touches no token without a token use', async () => {
      const token = aDropToken(owner);
      await subject.storage.dropTokens.create(token);
      expect((await subject.storage.inbox.append(aDrop(owner, { tokenId: token.id }), roomyQuotas())).ok).toBe(true);
      expect(await tokenOf(token.id)).toEqual(token);
    });

    it('loses no use under 30 parallel drops with the same token', async () => {
      const token = aDropToken(owner);
      await subject.storage.dropTokens.create(token);
      const results = await Promise.all(
        times(30, (i) => subject.storage.inbox.append(aDrop(owner, { tokenId: token.id }), roomyQuotas(), { id: token.id, at: T0 + i })),
      );
      expect(results.every((result) => result.ok)).toBe(true);
      expect((await tokenOf(token.id))?.uses).toBe(30);
    });
  });
};
