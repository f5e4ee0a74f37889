import { ServerStorage } from '../../../src/application/ports/server-storage';
import { aDrop, aFriendRequest, roomyQuotas, T0 } from '../../support/storage-fixtures';
import { appended, givenAccount, OpenStorage, useFreshStorage } from './storage-under-test';

interface Seen {
  readonly step: string;
  readonly version: string | null;
  readonly listing: string;
}

/** The version, then the listing it was read before, as ListInbox reads them. */
const look = async (storage: ServerStorage, owner: string, step: string): Promise<Seen> => {
  const version = await storage.inbox.listingVersion(owner);
  const listing = JSON.stringify(await storage.inbox.list(owner, 0, 1_000));
  return { step, version, listing };
};

/** A page kept under a version is only ever right if no other listing was seen under that version. */
const expectNoVersionWithTwoListings = (seen: readonly Seen[]): void => {
  const clashes = seen.flatMap((a, i) =>
    seen.slice(i + 1).filter((b) => a.version !== null && a.version === b.version && a.listing !== b.listing).map((b) => `${a.step} / ${b.step}`),
  );
  expect(clashes).toEqual([]);
};

export const inboxListingVersionContract = (open: OpenStorage): void => {
  describe('InboxRepository.listingVersion', () => {
    const subject = useFreshStorage(open);

    it('stays the same while nothing changes the owner’s inbox', async () => {
      const storage = subject.storage;
      const bob = await givenAccount(storage, { name: 'bob' });
      const alice = await givenAccount(storage, { name: 'alice' });
      await appended(storage, aDrop(bob), aFriendRequest(bob));
      const before = await storage.inbox.listingVersion(bob);
      await storage.inbox.list(bob, 0, 10);
      await appended(storage, aDrop(alice));
      expect(await storage.inbox.append(aDrop(bob), roomyQuotas({ maxItems: 2 }))).toEqual({ ok: false, error: 'inbox/full' });
      expect(await storage.inbox.ack(bob, ['no-such-item'])).toBe(0);
      expect(await storage.inbox.listingVersion(bob)).toBe(before);
    });

    it('never shows one version with two different listings: appends, evictions, acks, purges', async () => {
      const storage = subject.storage;
      const bob = await givenAccount(storage, { name: 'bob' });
      const seen = [await look(storage, bob, 'empty')];
      const [first, second] = await appended(storage, aDrop(bob, { tokenId: 'token-1', receivedAt: T0 }), aDrop(bob, { tokenId: null, receivedAt: T0 + 10 }));
      seen.push(await look(storage, bob, 'two drops'));
      const evicting = await storage.inbox.append(aDrop(bob, { tokenId: null, receivedAt: T0 + 20 }), roomyQuotas({ maxOpenInboxItems: 1 }));
      expect(evicting.ok).toBe(true);
      seen.push(await look(storage, bob, 'an open-inbox drop evicting the other'));
      await storage.inbox.ack(bob, [first!.id, second!.id]);
      seen.push(await look(storage, bob, 'both acked'));
      await appended(storage, aDrop(bob, { receivedAt: T0 + 30 }));
      seen.push(await look(storage, bob, 'one more'));
      await storage.inbox.purgeOlderThan(T0 + 25);
      seen.push(await look(storage, bob, 'purged'));
      expect(new Set(seen.map((entry) => entry.listing)).size).toBe(seen.length);
      expectNoVersionWithTwoListings(seen);
    });

    it('never gives again a version read before a change, also once the inbox is emptied or its account deleted', async () => {
      const storage = subject.storage;
      const versions: Record<string, string | null> = {};
      const readVersion = async (step: string): Promise<void> => {
        versions[step] = await storage.inbox.listingVersion('bob');
      };
      await readVersion('no account yet');
      const bob = await givenAccount(storage, { name: 'bob' });
      const [a] = await appended(storage, aDrop(bob));
      await readVersion('A');
      await storage.inbox.ack(bob, [a!.id]);
      await readVersion('A acked');
      await appended(storage, aDrop(bob));
      await readVersion('B');
      expect(await storage.accounts.delete(bob)).toBe(true);
      await readVersion('deleted');
      await givenAccount(storage, { name: 'bob' });
      const [c] = await appended(storage, aDrop(bob));
      await readVersion('made again, C');
      await storage.inbox.ack(bob, [c!.id]);
      await readVersion('C acked');
      const read = Object.entries(versions).filter(([, version]) => version !== null);
      // Each step changed the listing (an empty inbox and no inbox list the same), so no two may share a version.
      expect(new Set(read.map(([, version]) => version)).size).toBe(read.length);
    });
  });
};
