import { CredentialChange } from '../../../src/application/ports/account-repository';
import { ServerStorage } from '../../../src/application/ports/server-storage';
import { KDF_FLOOR } from '../../../src/domain/protocol/account-rules';
import { anAccount, aDrop, aDropToken, aNewAccount, aSession, bytes, roomyQuotas, T0 } from '../../support/storage-fixtures';
import { countOutcomes, givenAccount, OpenStorage, times, useFreshStorage } from './storage-under-test';

const aCredentialChange = (name: string, overrides: Partial<CredentialChange> = {}): CredentialChange => ({
  name,
  authHash: 'scrypt$16384$8$1$bmV3$bmV3aGFzaA',
  kdf: { algorithm: 'argon2id', salt: 'BBBBBBBBBBBBBBBBBBBBBB', ...KDF_FLOOR },
  expectedBlobVersion: 1,
  blobCiphertext: bytes(9, 9, 9),
  now: T0 + 5000,
  ...overrides,
});

/** Gives an account one of everything an account can own, so cascades have something to remove. */
const givenAccountWithEverything = async (storage: ServerStorage, name: string) => {
  await givenAccount(storage, { name });
  const token = aDropToken(name);
  const session = aSession(name);
  await storage.dropTokens.create(token);
  await storage.sessions.create(session);
  const dropped = await storage.inbox.append(aDrop(name, { tokenId: token.id }), roomyQuotas());
  expect(dropped.ok).toBe(true);
  return { token, session };
};

export const accountRepositoryContract = (open: OpenStorage): void => {
  describe('AccountRepository', () => {
    const subject = useFreshStorage(open);

    describe('create', () => {
      it('stores the account exactly as given and finds it by name', async () => {
        const input = aNewAccount({ name: 'alice', openInbox: true, lastSeenAt: T0 + 1 });
        expect(await subject.storage.accounts.create(input)).toEqual({ ok: true, value: undefined });
        expect(await subject.storage.accounts.find('alice')).toEqual(input.account);
      });

      it('creates blob version 1 with the given ciphertext together with the account', async () => {
        await subject.storage.accounts.create(aNewAccount({ name: 'alice', createdAt: T0 + 7 }, bytes(4, 5, 6)));
        const blob = await subject.storage.blobs.find('alice');
        expect(blob).toEqual({ name: 'alice', version: 1, ciphertext: bytes(4, 5, 6), updatedAt: T0 + 7 });
      });

      it('refuses a taken name and leaves the existing account and blob untouched', async () => {
        const original = aNewAccount({ name: 'alice', authHash: 'original-hash' }, bytes(1));
        await subject.storage.accounts.create(original);
        const intruder = aNewAccount({ name: 'alice', authHash: 'intruder-hash' }, bytes(2));

        expect(await subject.storage.accounts.create(intruder)).toEqual({ ok: false, error: 'account/name-taken' });
        expect(await subject.storage.accounts.find('alice')).toEqual(original.account);
        expect((await subject.storage.blobs.find('alice'))?.ciphertext).toEqual(bytes(1));
      });

      it('lets exactly one of many parallel registrations of the same name win', async () => {
        const attempts = times(10, (i) => aNewAccount({ name: 'alice', authHash: `hash-${i}` }, bytes(i)));
        const results = await Promise.all(attempts.map((input) => subject.storage.accounts.create(input)));

        expect(countOutcomes(results)).toEqual({ ok: 1, failed: 9 });
        const winner = attempts[results.findIndex((result) => result.ok)]!;
        expect(await subject.storage.accounts.find('alice')).toEqual(winner.account);
        expect((await subject.storage.blobs.find('alice'))?.ciphertext).toEqual(winner.blobCiphertext);
      });
    });

    describe('find and list', () => {
      it('finds nothing for an unknown name', async () => {
        expect(await subject.storage.accounts.find('nobody')).toBeNull();
      });

      it('lists every account', async () => {
        await givenAccount(subject.storage, { name: 'carol' });
        await givenAccount(subject.storage, { name: 'alice' });
        await givenAccount(subject.storage, { name: 'bob' });
        const names = (await subject.storage.accounts.list()).map((account) => account.name);
        expect([...names].sort()).toEqual(['alice', 'bob', 'carol']);
      });

      it('lists nothing when there are no accounts', async () => {
        expect(await subject.storage.accounts.list()).toEqual([]);
      });
    });

    describe('flags and last seen', () => {
      it('sets and clears the open-inbox flag, returning the updated account', async () => {
        await givenAccount(subject.storage, { name: 'alice', openInbox: false });
        expect((await subject.storage.accounts.setOpenInbox('alice', true))?.openInbox).toBe(true);
        expect((await subject.storage.accounts.find('alice'))?.openInbox).toBe(true);
        expect((await subject.storage.accounts.setOpenInbox('alice', false))?.openInbox).toBe(false);
        expect((await subject.storage.accounts.find('alice'))?.openInbox).toBe(false);
      });

      it('sets and clears the disabled flag, returning the updated account', async () => {
        await givenAccount(subject.storage, { name: 'alice' });
        const disabled = await subject.storage.accounts.setDisabled('alice', true);
        expect(disabled).toEqual({ ...anAccount({ name: 'alice' }), disabled: true });
        expect((await subject.storage.accounts.find('alice'))?.disabled).toBe(true);
        expect((await subject.storage.accounts.setDisabled('alice', false))?.disabled).toBe(false);
      });

      it('answers null when changing flags of an unknown account, creating nothing', async () => {
        expect(await subject.storage.accounts.setOpenInbox('nobody', true)).toBeNull();
        expect(await subject.storage.accounts.setDisabled('nobody', true)).toBeNull();
        expect(await subject.storage.accounts.find('nobody')).toBeNull();
      });

      it('records when the account was last seen', async () => {
        await givenAccount(subject.storage, { name: 'alice', lastSeenAt: null });
        await subject.storage.accounts.touchLastSeen('alice', T0 + 42);
        expect((await subject.storage.accounts.find('alice'))?.lastSeenAt).toBe(T0 + 42);
      });

      it('ignores last-seen updates for an unknown account', async () => {
        await subject.storage.accounts.touchLastSeen('nobody', T0);
        expect(await subject.storage.accounts.find('nobody')).toBeNull();
      });

      it('changes only the account it was asked to', async () => {
        await givenAccount(subject.storage, { name: 'alice' });
        await givenAccount(subject.storage, { name: 'bob' });
        await subject.storage.accounts.setOpenInbox('alice', true);
        await subject.storage.accounts.setDisabled('alice', true);
        await subject.storage.accounts.touchLastSeen('alice', T0 + 1);
        expect(await subject.storage.accounts.find('bob')).toEqual(anAccount({ name: 'bob' }));
      });
    });

    describe('changeCredentials', () => {
      it('writes auth hash, KDF params and the next blob version, and returns that version', async () => {
        await givenAccount(subject.storage, { name: 'alice' });
        const change = aCredentialChange('alice');

        expect(await subject.storage.accounts.changeCredentials(change)).toEqual({ ok: true, value: { version: 2 } });
        const account = await subject.storage.accounts.find('alice');
        expect(account?.authHash).toBe(change.authHash);
        expect(account?.kdf).toEqual(change.kdf);
        expect(await subject.storage.blobs.find('alice')).toEqual({
          name: 'alice',
          version: 2,
          ciphertext: change.blobCiphertext,
          updatedAt: change.now,
        });
      });

      it('revokes every session of that account and no other', async () => {
        await givenAccount(subject.storage, { name: 'alice' });
        await givenAccount(subject.storage, { name: 'bob' });
        const aliceSessions = times(3, () => aSession('alice'));
        const bobSession = aSession('bob');
        for (const session of [...aliceSessions, bobSession]) await subject.storage.sessions.create(session);

        await subject.storage.accounts.changeCredentials(aCredentialChange('alice'));

        for (const session of aliceSessions) expect(await subject.storage.sessions.findActive(session.jti, T0)).toBeNull();
        expect(await subject.storage.sessions.findActive(bobSession.jti, T0)).toEqual(bobSession);
      });

      it('changes nothing at all when the blob version moved on', async () => {
        const name = await givenAccount(subject.storage, { name: 'alice' }, bytes(1));
        const before = await subject.storage.accounts.find(name);
        const session = aSession(name);
        await subject.storage.sessions.create(session);

        const stale = aCredentialChange(name, { expectedBlobVersion: 7 });
        expect(await subject.storage.accounts.changeCredentials(stale)).toEqual({
          ok: false,
          error: 'blob/version-conflict',
        });
        expect(await subject.storage.accounts.find(name)).toEqual(before);
        expect(await subject.storage.blobs.find(name)).toEqual(expect.objectContaining({ version: 1, ciphertext: bytes(1) }));
        expect(await subject.storage.sessions.findActive(session.jti, T0)).toEqual(session);
      });

      it('reports an unknown account', async () => {
        expect(await subject.storage.accounts.changeCredentials(aCredentialChange('nobody'))).toEqual({
          ok: false,
          error: 'account/not-found',
        });
        expect(await subject.storage.accounts.find('nobody')).toBeNull();
      });

      it('lets exactly one of many parallel changes from the same version win', async () => {
        await givenAccount(subject.storage, { name: 'alice' });
        const changes = times(10, (i) => aCredentialChange('alice', { authHash: `hash-${i}`, blobCiphertext: bytes(i) }));
        const results = await Promise.all(changes.map((change) => subject.storage.accounts.changeCredentials(change)));

        expect(countOutcomes(results)).toEqual({ ok: 1, failed: 9 });
        const winner = changes[results.findIndex((result) => result.ok)]!;
        expect((await subject.storage.accounts.find('alice'))?.authHash).toBe(winner.authHash);
        expect(await subject.storage.blobs.find('alice')).toEqual(
          expect.objectContaining({ version: 2, ciphertext: winner.blobCiphertext }),
        );
      });

      it('conflicts with a blob save that got there first, and vice versa', async () => {
        await givenAccount(subject.storage, { name: 'alice' });
        expect((await subject.storage.blobs.save('alice', bytes(5), 1, T0)).ok).toBe(true);
        expect((await subject.storage.accounts.changeCredentials(aCredentialChange('alice'))).ok).toBe(false);

        expect((await subject.storage.accounts.changeCredentials(aCredentialChange('alice', { expectedBlobVersion: 2 }))).ok).toBe(
          true,
        );
        expect(await subject.storage.blobs.save('alice', bytes(6), 2, T0)).toEqual({
          ok: false,
          error: { code: 'blob/version-conflict', currentVersion: 3 },
        });
      });
    });

    describe('delete', () => {
      it('removes the account with its blob, inbox, drop tokens and sessions', async () => {
        const { token, session } = await givenAccountWithEverything(subject.storage, 'alice');

        expect(await subject.storage.accounts.delete('alice')).toBe(true);

        expect(await subject.storage.accounts.find('alice')).toBeNull();
        expect(await subject.storage.blobs.find('alice')).toBeNull();
        expect(await subject.storage.inbox.list('alice', 0, 100)).toEqual({ items: [], nextAfterSeq: null });
        expect(await subject.storage.inbox.stats('alice')).toEqual({ items: 0, bytes: 0 });
        expect(await subject.storage.dropTokens.list('alice')).toEqual([]);
        expect(await subject.storage.dropTokens.findByHash('alice', token.hash)).toBeNull();
        expect(await subject.storage.sessions.findActive(session.jti, T0)).toBeNull();
        expect((await subject.storage.accounts.list()).map((account) => account.name)).not.toContain('alice');
      });

      it('leaves every other account and what it owns untouched', async () => {
        await givenAccountWithEverything(subject.storage, 'alice');
        const bob = await givenAccountWithEverything(subject.storage, 'bob');
        const bobInbox = await subject.storage.inbox.list('bob', 0, 100);

        await subject.storage.accounts.delete('alice');

        expect(await subject.storage.accounts.find('bob')).toEqual(anAccount({ name: 'bob' }));
        expect((await subject.storage.blobs.find('bob'))?.version).toBe(1);
        expect(await subject.storage.inbox.list('bob', 0, 100)).toEqual(bobInbox);
        expect(await subject.storage.dropTokens.findByHash('bob', bob.token.hash)).toEqual(bob.token);
        expect(await subject.storage.sessions.findActive(bob.session.jti, T0)).toEqual(bob.session);
      });

      it('answers false for an unknown account', async () => {
        await givenAccount(subject.storage, { name: 'alice' });
        expect(await subject.storage.accounts.delete('nobody')).toBe(false);
        expect(await subject.storage.accounts.find('alice')).not.toBeNull();
      });

      it('answers true only once when deleted twice', async () => {
        await givenAccount(subject.storage, { name: 'alice' });
        expect(await subject.storage.accounts.delete('alice')).toBe(true);
        expect(await subject.storage.accounts.delete('alice')).toBe(false);
      });

      it('frees the name: a new account under it starts from scratch', async () => {
        await givenAccountWithEverything(subject.storage, 'alice');
        await subject.storage.accounts.delete('alice');

        const fresh = aNewAccount({ name: 'alice', authHash: 'fresh-hash' }, bytes(8));
        expect((await subject.storage.accounts.create(fresh)).ok).toBe(true);
        expect(await subject.storage.accounts.find('alice')).toEqual(fresh.account);
        expect(await subject.storage.blobs.find('alice')).toEqual(expect.objectContaining({ version: 1, ciphertext: bytes(8) }));
        expect(await subject.storage.inbox.stats('alice')).toEqual({ items: 0, bytes: 0 });
        expect(await subject.storage.dropTokens.list('alice')).toEqual([]);
      });
    });
  });
};
