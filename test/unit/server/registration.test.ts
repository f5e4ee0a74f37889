import { KDF_DEFAULT } from '../../../src/domain/protocol/account-rules';
import { encodeB64u, isCanonicalB64u } from '../../../src/domain/protocol/encoding/b64u';
import { LOW_ORDER_X25519_POINTS_HEX } from '../../../src/domain/protocol/low-order-points';
import { aCiphertext, aKdf, aKdfSalt, anAuthKey, anIdentityKey, aNewAccount, aRegistration } from '../../support/builders';
import { FakeInviteVerifier } from '../../support/fakes';
import { AUTHORITY, createServerHarness, expectOk } from './server-harness';

const hexBytes = (hex: string) => Uint8Array.from(hex.match(/../g)!, (pair) => parseInt(pair, 16));

describe('RegisterAccount', () => {
  it('creates the account with blob version 1 and returns its address', async () => {
    const server = createServerHarness();
    const result = await server.registerAccount.execute(aRegistration({ name: 'alice', authority: AUTHORITY }));

    expect(result).toEqual({ ok: true, value: { address: `alice@${AUTHORITY}` } });
    const blob = expectOk(await server.readUserBlob.execute({ name: 'alice' }));
    expect(blob.version).toBe(1);
    expect(blob.ciphertext).toEqual(aCiphertext());
    const profile = expectOk(await server.getProfile.execute({ name: 'alice', authority: AUTHORITY }));
    expect(profile).toEqual({
      address: `alice@${AUTHORITY}`,
      identityKey: encodeB64u(anIdentityKey()),
      openInbox: false,
    });
  });

  it('lets the registered authKey, and only it, log in', async () => {
    const server = createServerHarness();
    await server.register({ authKey: anAuthKey(1) });

    expect((await server.openSession.execute({ name: 'alice', authKey: anAuthKey(1) })).ok).toBe(true);
    expect(await server.openSession.execute({ name: 'alice', authKey: anAuthKey(2) })).toEqual({
      ok: false,
      error: 'auth/unauthorized',
    });
  });

  it('refuses a name that is taken', async () => {
    const server = createServerHarness();
    await server.register({ name: 'alice' });

    const again = await server.registerAccount.execute(aRegistration({ name: 'alice', identityKey: anIdentityKey(2) }));
    expect(again).toEqual({ ok: false, error: 'account/name-taken' });
  });

  it.each(['a', 'A', '-alice', 'Alice', 'alice!', 'a'.repeat(33), ''])('refuses the invalid name %j', async (name) => {
    const server = createServerHarness();
    expect(await server.registerAccount.execute(aRegistration({ name }))).toEqual({ ok: false, error: 'input/invalid' });
  });

  it.each([
    ['memory below the floor', aKdf({ memoryKiB: 19455 })],
    ['iterations below the floor', aKdf({ iterations: 1 })],
    ['parallelism below the floor', aKdf({ parallelism: 0 })],
    ['another algorithm', { ...aKdf(), algorithm: 'argon2i' as 'argon2id' }],
    ['memory above the ceiling', aKdf({ memoryKiB: 5 * 1024 * 1024 })],
    ['a fractional parameter', aKdf({ iterations: 2.5 })],
    ['a salt of 15 bytes', aKdf({ salt: encodeB64u(new Uint8Array(15).fill(1)) })],
    ['a salt that is not base64url', aKdf({ salt: 'not base64url salt!!!' })],
  ])('refuses KDF parameters with %s', async (_, kdf) => {
    const server = createServerHarness();
    expect(await server.registerAccount.execute(aRegistration({ kdf }))).toEqual({ ok: false, error: 'input/invalid' });
  });

  it('accepts KDF parameters exactly at the floor', async () => {
    const server = createServerHarness();
    const kdf = aKdf({ memoryKiB: 19456, iterations: 2, parallelism: 1 });
    expect((await server.registerAccount.execute(aRegistration({ kdf }))).ok).toBe(true);
  });

  it.each([31, 33, 0])('refuses an authKey of %i bytes', async (length) => {
    const server = createServerHarness();
    const result = await server.registerAccount.execute(aRegistration({ authKey: new Uint8Array(length).fill(9) }));
    expect(result).toEqual({ ok: false, error: 'input/invalid' });
  });

  it.each([31, 33])('refuses an identity key of %i bytes', async (length) => {
    const server = createServerHarness();
    const result = await server.registerAccount.execute(aRegistration({ identityKey: new Uint8Array(length).fill(9) }));
    expect(result).toEqual({ ok: false, error: 'input/invalid' });
  });

  it.each(LOW_ORDER_X25519_POINTS_HEX)('refuses the low-order identity key %s', async (hex) => {
    const server = createServerHarness();
    const result = await server.registerAccount.execute(aRegistration({ identityKey: hexBytes(hex) }));
    expect(result).toEqual({ ok: false, error: 'input/invalid' });
  });

  it('refuses a low-order identity key disguised by setting bit 255', async () => {
    const server = createServerHarness();
    const disguised = hexBytes(LOW_ORDER_X25519_POINTS_HEX[2]!);
    disguised[31] = disguised[31]! | 0x80;
    const result = await server.registerAccount.execute(aRegistration({ identityKey: disguised }));
    expect(result).toEqual({ ok: false, error: 'input/invalid' });
  });

  it('refuses a first blob larger than the quota, and accepts one exactly at it', async () => {
    const server = createServerHarness({ policy: { blobBytes: 100 } });
    const tooLarge = aRegistration({ name: 'alice', blob: { ciphertext: aCiphertext(101) } });
    const atLimit = aRegistration({ name: 'bob', blob: { ciphertext: aCiphertext(100) } });

    expect(await server.registerAccount.execute(tooLarge)).toEqual({ ok: false, error: 'blob/too-large' });
    expect((await server.registerAccount.execute(atLimit)).ok).toBe(true);
  });

  it('refuses everyone when registration is closed', async () => {
    const server = createServerHarness({ policy: { registration: 'closed' } });
    expect(await server.registerAccount.execute(aRegistration())).toEqual({ ok: false, error: 'registration/closed' });
  });

  describe('in invite mode with a verifier', () => {
    const inviteServer = () =>
      createServerHarness({ policy: { registration: 'invite' }, invites: new FakeInviteVerifier(['code-1']) });

    it('registers with a valid code, once', async () => {
      const server = inviteServer();
      expect((await server.registerAccount.execute(aRegistration({ name: 'alice', inviteCode: 'code-1' }))).ok).toBe(true);
      const reused = await server.registerAccount.execute(aRegistration({ name: 'bob', inviteCode: 'code-1' }));
      expect(reused).toEqual({ ok: false, error: 'registration/invite-invalid' });
    });

    it('refuses a missing or unknown code', async () => {
      const server = inviteServer();
      expect(await server.registerAccount.execute(aRegistration())).toEqual({
        ok: false,
        error: 'registration/invite-invalid',
      });
      expect(await server.registerAccount.execute(aRegistration({ inviteCode: 'code-2' }))).toEqual({
        ok: false,
        error: 'registration/invite-invalid',
      });
    });

    it('does not use up the code when the name is taken', async () => {
      const server = inviteServer();
      await server.storage.accounts.create(aNewAccount({ name: 'alice' }));
      const taken = await server.registerAccount.execute(aRegistration({ name: 'alice', inviteCode: 'code-1' }));
      expect(taken).toEqual({ ok: false, error: 'account/name-taken' });
      expect((await server.registerAccount.execute(aRegistration({ name: 'bob', inviteCode: 'code-1' }))).ok).toBe(true);
    });
  });
});

describe('GetKdfParams', () => {
  it('returns the stored parameters of an existing account', async () => {
    const server = createServerHarness();
    const kdf = aKdf({ salt: aKdfSalt(5), memoryKiB: 32768, iterations: 4 });
    await server.register({ kdf });

    expect(await server.getKdfParams.execute({ name: 'alice' })).toEqual({ ok: true, value: kdf });
  });

  it('returns a decoy for an unknown name: default parameters and a well-formed salt', async () => {
    const server = createServerHarness();
    const decoy = expectOk(await server.getKdfParams.execute({ name: 'nobody' }));

    expect(decoy).toMatchObject({ algorithm: 'argon2id', ...KDF_DEFAULT });
    expect(isCanonicalB64u(decoy.salt, 16)).toBe(true);
  });

  it('stores only the known KDF fields', async () => {
    const server = createServerHarness();
    const kdf = aKdf();
    await server.register({ kdf: { ...kdf, note: 'smuggled' } as typeof kdf });

    expect(await server.getKdfParams.execute({ name: 'alice' })).toEqual({ ok: true, value: kdf });
  });

  it('keeps a decoy stable per name and different between names', async () => {
    const server = createServerHarness();
    const first = expectOk(await server.getKdfParams.execute({ name: 'nobody' }));
    const again = expectOk(await server.getKdfParams.execute({ name: 'nobody' }));
    const other = expectOk(await server.getKdfParams.execute({ name: 'somebody' }));

    expect(again.salt).toBe(first.salt);
    expect(other.salt).not.toBe(first.salt);
  });

  it('derives the decoy salt from the first 16 bytes of the keyring MAC', async () => {
    const server = createServerHarness();
    const mac = await server.deps.keyring.mac('kdf-decoy', 'nobody');
    const decoy = expectOk(await server.getKdfParams.execute({ name: 'nobody' }));
    expect(decoy.salt).toBe(encodeB64u(mac.slice(0, 16)));
  });
});
