import { ChangeCredentialsInput } from '../../../src/application/server/change-credentials';
import { aCiphertext, aKdf, aKdfSalt, anAuthKey, aRegistration } from '../../support/builders';
import { AUTHORITY, createServerHarness, expectOk, HarnessOptions } from './server-harness';

const aCredentialChange = (overrides: Partial<ChangeCredentialsInput> = {}): ChangeCredentialsInput => ({
  name: 'alice',
  currentAuthKey: anAuthKey(1),
  authKey: anAuthKey(2),
  kdf: aKdf({ salt: aKdfSalt(2) }),
  blob: { version: 1, ciphertext: aCiphertext(64, 9) },
  ...overrides,
});

const registeredAlice = async (options: HarnessOptions = {}) => {
  const server = createServerHarness(options);
  await server.register({ name: 'alice', authKey: anAuthKey(1), kdf: aKdf({ salt: aKdfSalt(1) }) });
  return server;
};

describe('UpdateAccountSettings', () => {
  it('opens and closes the inbox and returns the account view', async () => {
    const server = await registeredAlice();

    const opened = expectOk(await server.updateAccountSettings.execute({ name: 'alice', authority: AUTHORITY, openInbox: true }));
    expect(opened).toMatchObject({ name: 'alice', address: `alice@${AUTHORITY}`, openInbox: true });
    expect(expectOk(await server.getProfile.execute({ name: 'alice', authority: AUTHORITY })).openInbox).toBe(true);

    await server.updateAccountSettings.execute({ name: 'alice', authority: AUTHORITY, openInbox: false });
    expect(expectOk(await server.getProfile.execute({ name: 'alice', authority: AUTHORITY })).openInbox).toBe(false);
  });

  it('answers account/not-found for an unknown account', async () => {
    const server = createServerHarness();
    const result = await server.updateAccountSettings.execute({ name: 'ghost', authority: AUTHORITY, openInbox: true });
    expect(result).toEqual({ ok: false, error: 'account/not-found' });
  });
});

describe('ChangeCredentials', () => {
  it('switches to the new authKey, KDF parameters and blob, and revokes every session', async () => {
    const server = await registeredAlice();
    const { token } = await server.logIn('alice', anAuthKey(1));
    const change = aCredentialChange();

    expect(await server.changeCredentials.execute(change)).toEqual({ ok: true, value: { version: 2 } });

    expect((await server.authenticateSession.execute({ token })).ok).toBe(false);
    expect((await server.openSession.execute({ name: 'alice', authKey: anAuthKey(1) })).ok).toBe(false);
    expect((await server.openSession.execute({ name: 'alice', authKey: anAuthKey(2) })).ok).toBe(true);
    expect(await server.getKdfParams.execute({ name: 'alice' })).toEqual({ ok: true, value: change.kdf });
    expect(await server.readUserBlob.execute({ name: 'alice' })).toEqual({
      ok: true,
      value: { version: 2, ciphertext: change.blob.ciphertext },
    });
  });

  it('refuses a wrong current authKey and changes nothing', async () => {
    const server = await registeredAlice();
    const result = await server.changeCredentials.execute(aCredentialChange({ currentAuthKey: anAuthKey(7) }));

    expect(result).toEqual({ ok: false, error: 'auth/forbidden' });
    expect((await server.openSession.execute({ name: 'alice', authKey: anAuthKey(1) })).ok).toBe(true);
  });

  it('refuses a stale blob version and changes nothing', async () => {
    const server = await registeredAlice();
    expectOk(await server.writeUserBlob.execute({ name: 'alice', session: 'jti-1', ifMatch: 1, ciphertext: aCiphertext(8, 8) }));

    const result = await server.changeCredentials.execute(aCredentialChange({ blob: { version: 1, ciphertext: aCiphertext() } }));

    expect(result).toEqual({ ok: false, error: 'blob/version-conflict' });
    expect((await server.openSession.execute({ name: 'alice', authKey: anAuthKey(1) })).ok).toBe(true);
    expect(expectOk(await server.readUserBlob.execute({ name: 'alice' })).ciphertext).toEqual(aCiphertext(8, 8));
  });

  it.each([
    ['KDF parameters below the floor', aCredentialChange({ kdf: aKdf({ salt: aKdfSalt(2), memoryKiB: 1024 }) })],
    ['the old salt again', aCredentialChange({ kdf: aKdf({ salt: aKdfSalt(1) }) })],
    ['a new authKey of the wrong length', aCredentialChange({ authKey: new Uint8Array(16) })],
  ])('refuses %s', async (_, change) => {
    const server = await registeredAlice();
    expect(await server.changeCredentials.execute(change)).toEqual({ ok: false, error: 'input/invalid' });
  });

  it('refuses a new blob above the size quota', async () => {
    const server = await registeredAlice({ policy: { blobBytes: 100 } });
    const change = aCredentialChange({ blob: { version: 1, ciphertext: aCiphertext(101) } });
    expect(await server.changeCredentials.execute(change)).toEqual({ ok: false, error: 'blob/too-large' });
  });

  it('answers account/not-found for an unknown account', async () => {
    const server = createServerHarness();
    expect(await server.changeCredentials.execute(aCredentialChange({ name: 'ghost' }))).toEqual({
      ok: false,
      error: 'account/not-found',
    });
  });
});

describe('DeleteAccount', () => {
  it('removes the account with its blob, inbox, drop tokens and sessions', async () => {
    const server = await registeredAlice();
    await server.updateAccountSettings.execute({ name: 'alice', authority: AUTHORITY, openInbox: true });
    const { token } = await server.logIn('alice', anAuthKey(1));
    const dropToken = expectOk(await server.issueDropToken.execute({ name: 'alice' }));
    expectOk(await server.dropMessage.execute({ name: 'alice', dropToken: null, envelope: '{"v":1}' }));

    expect(await server.deleteAccount.execute({ name: 'alice', authKey: anAuthKey(1) })).toEqual({ ok: true, value: undefined });

    expect((await server.authenticateSession.execute({ token })).ok).toBe(false);
    expect(await server.readUserBlob.execute({ name: 'alice' })).toEqual({ ok: false, error: 'account/not-found' });
    expect(await server.getProfile.execute({ name: 'alice', authority: AUTHORITY })).toEqual({
      ok: false,
      error: 'account/not-found',
    });
    expect(expectOk(await server.listInbox.execute({ name: 'alice' })).items).toEqual([]);
    expect(expectOk(await server.listDropTokens.execute({ name: 'alice' }))).toEqual([]);
    expect(await server.storage.dropTokens.findByHash('alice', server.deps.tokenHasher.sha256Hex(dropToken.token))).toBeNull();
  });

  it('frees the name for a new registration', async () => {
    const server = await registeredAlice();
    expectOk(await server.deleteAccount.execute({ name: 'alice', authKey: anAuthKey(1) }));
    expect((await server.registerAccount.execute(aRegistration({ name: 'alice' }))).ok).toBe(true);
  });

  it('refuses a wrong authKey and keeps the account', async () => {
    const server = await registeredAlice();
    expect(await server.deleteAccount.execute({ name: 'alice', authKey: anAuthKey(2) })).toEqual({
      ok: false,
      error: 'auth/forbidden',
    });
    expect((await server.readUserBlob.execute({ name: 'alice' })).ok).toBe(true);
  });

  it('answers account/not-found for an unknown account', async () => {
    const server = createServerHarness();
    expect(await server.deleteAccount.execute({ name: 'ghost', authKey: anAuthKey() })).toEqual({
      ok: false,
      error: 'account/not-found',
    });
  });
});

describe('GetProfile', () => {
  it('hides a disabled account and answers not-found for an unknown one', async () => {
    const server = await registeredAlice();
    await server.storage.accounts.setDisabled('alice', true);
    expect(await server.getProfile.execute({ name: 'alice', authority: AUTHORITY })).toEqual({
      ok: false,
      error: 'account/not-found',
    });
    expect(await server.getProfile.execute({ name: 'ghost', authority: AUTHORITY })).toEqual({
      ok: false,
      error: 'account/not-found',
    });
  });
});
