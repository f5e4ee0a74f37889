import { AdminDependencies } from '../../../src/application/server/admin/admin-dependencies';
import { ListAccountSummaries } from '../../../src/application/server/admin/list-account-summaries';
import { RemoveAccount } from '../../../src/application/server/admin/remove-account';
import { SetAccountDisabled } from '../../../src/application/server/admin/set-account-disabled';
import { ShowAccount } from '../../../src/application/server/admin/show-account';
import { StorageTotals } from '../../../src/application/server/admin/storage-totals';
import { anAuthKey, anEnvelope } from '../../support/builders';
import { createServerHarness, expectOk } from './server-harness';

/** alice (blob, one drop token, one dropped message and object, one store object, one session) and bob (nothing else). */
const adminWorld = async () => {
  const server = createServerHarness();
  await server.register({ name: 'alice', authKey: anAuthKey(1) });
  await server.register({ name: 'bob', authKey: anAuthKey(2) });
  const session = await server.logIn('alice', anAuthKey(1));
  const token = expectOk(await server.issueDropToken.execute({ name: 'alice' }));
  expectOk(await server.dropMessage.execute({ name: 'alice', dropToken: token.token, envelope: anEnvelope() }));
  expectOk(await server.putStoreObject.execute({ name: 'alice', id: 'an-object-of-alice-001', data: new Uint8Array(300) }));
  expectOk(await server.dropObject.execute({ name: 'alice', dropToken: token.token, data: new Uint8Array(40) }));
  const admin: AdminDependencies = { ...server.storage, inviteRepository: server.storage.invites, clock: server.clock };
  return { server, admin, session };
};

describe('admin use cases', () => {
  it('summarize every account by name with sizes and counts only', async () => {
    const { admin, server } = await adminWorld();
    const summaries = expectOk(await new ListAccountSummaries(admin).execute());
    expect(summaries.map((summary) => summary.name)).toEqual(['alice', 'bob']);
    expect(summaries[0]).toEqual({
      name: 'alice',
      createdAt: server.clock.now(),
      lastSeenAt: expect.any(Number),
      disabled: false,
      openInbox: false,
      blobVersion: 1,
      blobBytes: 64,
      inboxItems: 1,
      inboxBytes: anEnvelope().length,
      dropTokens: 1,
      storeObjects: 1,
      storeObjectBytes: 300,
      droppedObjects: 1,
      droppedObjectBytes: 40,
    });
  });

  it('show one account without its auth hash or KDF salt', async () => {
    const { admin } = await adminWorld();
    const details = expectOk(await new ShowAccount(admin).execute({ name: 'alice' }));
    expect(details.dropTokenList).toEqual([expect.objectContaining({ uses: 2 })]);
    expect(Object.keys(details)).not.toContain('authHash');
    expect(JSON.stringify(details)).not.toMatch(/salt|hash/i);
    expect(await new ShowAccount(admin).execute({ name: 'nobody' })).toEqual({ ok: false, error: 'account/not-found' });
  });

  it('disable an account, ending its sessions, and enable it again', async () => {
    const { admin, server, session } = await adminWorld();
    const disable = new SetAccountDisabled(admin);
    expect(await disable.execute({ name: 'alice', disabled: true })).toEqual({ ok: true, value: { name: 'alice', disabled: true, sessionsRevoked: 1 } });
    expect((await server.authenticateSession.execute({ token: session.token })).ok).toBe(false);
    expect((await server.openSession.execute({ name: 'alice', authKey: anAuthKey(1) })).ok).toBe(false);

    expect(await disable.execute({ name: 'alice', disabled: false })).toEqual({ ok: true, value: { name: 'alice', disabled: false, sessionsRevoked: 0 } });
    expect((await server.openSession.execute({ name: 'alice', authKey: anAuthKey(1) })).ok).toBe(true);
    expect(await disable.execute({ name: 'nobody', disabled: true })).toEqual({ ok: false, error: 'account/not-found' });
  });

  it('remove an account with everything it owns, without its key', async () => {
    const { admin } = await adminWorld();
    expect(await new RemoveAccount(admin).execute({ name: 'alice' })).toEqual({ ok: true, value: undefined });
    expect(await admin.blobs.find('alice')).toBeNull();
    expect(await admin.inbox.stats('alice')).toEqual({ items: 0, bytes: 0 });
    expect(await admin.objects.usage('alice')).toEqual({ objects: 0, bytes: 0 });
    expect(await admin.inbox.droppedStats('alice')).toEqual({ objects: 0, bytes: 0 });
    expect(await new RemoveAccount(admin).execute({ name: 'alice' })).toEqual({ ok: false, error: 'account/not-found' });
  });

  it('total what storage holds', async () => {
    const { admin } = await adminWorld();
    await new SetAccountDisabled(admin).execute({ name: 'bob', disabled: true });
    expect(expectOk(await new StorageTotals(admin).execute())).toEqual({
      accounts: 2,
      disabledAccounts: 1,
      blobBytes: 128,
      inboxItems: 1,
      inboxBytes: anEnvelope().length,
      dropTokens: 1,
      storeObjects: 1,
      storeObjectBytes: 300,
      droppedObjects: 1,
      droppedObjectBytes: 40,
      unusedInvites: 0,
    });
  });
});
