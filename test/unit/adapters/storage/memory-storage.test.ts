import { roomyQuotas } from '../../../support/storage-fixtures';
import { createMemoryStorage } from '../../../../src/adapters/storage/memory/memory-storage';
import { aCiphertext, anInboxItem, aDropToken, aFriendRequestDrop, aNewAccount, aSession } from '../../../support/builders';

const quotas = roomyQuotas({ maxItems: 10, maxBytes: 1 << 20, maxItemsPerToken: 10, maxFriendRequests: 10 });

/** What the memory adapter promises beyond the shared contract suite: isolation of stored bytes. */
describe('memory storage', () => {
  it('is not affected by callers mutating bytes they passed in or got back', async () => {
    const storage = createMemoryStorage();
    const original = aCiphertext(16);
    const passedIn = new Uint8Array(original);
    await storage.accounts.create(aNewAccount({ name: 'alice' }, passedIn));
    passedIn.fill(0);

    const readBack = (await storage.blobs.find('alice'))!.ciphertext;
    readBack.fill(1);

    expect((await storage.blobs.find('alice'))!.ciphertext).toEqual(original);
  });

  it('keeps secrets safe from mutation of the returned copy', async () => {
    const storage = createMemoryStorage();
    const secret = await storage.secrets.getOrCreate('jwt', () => new Uint8Array([1, 2, 3]));
    secret.fill(0);
    expect(await storage.secrets.getOrCreate('jwt', () => new Uint8Array([9]))).toEqual(new Uint8Array([1, 2, 3]));
  });

  it('deletes everything of an account, and nothing of another', async () => {
    const storage = createMemoryStorage();
    await storage.accounts.create(aNewAccount({ name: 'alice' }));
    await storage.accounts.create(aNewAccount({ name: 'bob' }));
    const alicesToken = aDropToken({ owner: 'alice' });
    const bobsToken = aDropToken({ owner: 'bob' });
    await storage.dropTokens.create(alicesToken);
    await storage.dropTokens.create(bobsToken);
    const alicesSession = aSession({ name: 'alice' });
    const bobsSession = aSession({ name: 'bob' });
    await storage.sessions.create(alicesSession);
    await storage.sessions.create(bobsSession);
    await storage.inbox.append(anInboxItem({ owner: 'alice' }), quotas);
    await storage.inbox.append(anInboxItem({ owner: 'bob' }), quotas);

    expect(await storage.accounts.delete('alice')).toBe(true);

    expect(await storage.accounts.find('alice')).toBeNull();
    expect(await storage.blobs.find('alice')).toBeNull();
    expect(await storage.dropTokens.list('alice')).toEqual([]);
    expect(await storage.sessions.findActive(alicesSession.jti, 0)).toBeNull();
    expect(await storage.inbox.stats('alice')).toEqual({ items: 0, bytes: 0 });
    expect(await storage.dropTokens.list('bob')).toEqual([bobsToken]);
    expect(await storage.sessions.findActive(bobsSession.jti, 0)).toEqual(bobsSession);
    expect((await storage.inbox.stats('bob')).items).toBe(1);
    expect(await storage.accounts.delete('alice')).toBe(false);
  });

  it('stores nothing for an owner that does not exist (deleted since the caller checked)', async () => {
    const storage = createMemoryStorage();
    await storage.dropTokens.create(aDropToken({ owner: 'ghost' }));
    const session = aSession({ name: 'ghost' });
    await storage.sessions.create(session);

    expect(await storage.inbox.append(anInboxItem({ owner: 'ghost' }), quotas)).toEqual({ ok: false, error: 'account/not-found' });
    expect(await storage.dropTokens.list('ghost')).toEqual([]);
    expect(await storage.sessions.findActive(session.jti, 0)).toBeNull();
  });

  it('does not evict a friend request when the new one is refused anyway', async () => {
    const storage = createMemoryStorage();
    await storage.accounts.create(aNewAccount({ name: 'alice' }));
    const tight = roomyQuotas({ maxItems: 10, maxBytes: 1 << 20, maxItemsPerToken: 10, maxFriendRequests: 1 });
    const kept = aFriendRequestDrop({ owner: 'alice', envelope: 'x'.repeat(10) });
    await storage.inbox.append(kept, tight);

    const tooBig = await storage.inbox.append(aFriendRequestDrop({ owner: 'alice', envelope: 'y'.repeat(30) }), {
      ...tight,
      maxBytes: 25,
    });

    expect(tooBig).toEqual({ ok: false, error: 'inbox/full' });
    expect((await storage.inbox.list('alice', 0, 10)).items.map((item) => item.id)).toEqual([kept.id]);
  });

  it('numbers items with strictly increasing seq, never reusing one after an ack', async () => {
    const storage = createMemoryStorage();
    await storage.accounts.create(aNewAccount({ name: 'alice' }));
    const first = await storage.inbox.append(anInboxItem({ owner: 'alice' }), quotas);
    if (!first.ok) throw new Error('append failed');
    await storage.inbox.ack('alice', [first.value.id]);
    const second = await storage.inbox.append(anInboxItem({ owner: 'alice' }), quotas);
    if (!second.ok) throw new Error('append failed');
    expect(second.value.seq).toBeGreaterThan(first.value.seq);
  });
});
