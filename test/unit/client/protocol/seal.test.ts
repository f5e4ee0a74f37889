import { ephemeralKeyMatches, openSealed, seal, SealPurpose } from '../../../../src/application/client/protocol/seal';
import { isCanonicalX25519Key } from '../../../../src/domain/protocol/low-order-points';
import { decodeB64u, encodeB64u } from '../../../../src/domain/protocol/encoding/b64u';
import { hex } from './support/hex';
import { createTestCrypto } from './support/test-crypto';
import { VECTORS } from './support/vectors';

const crypto = createTestCrypto();
const lowOrderKeys = VECTORS.x25519.lowOrderPublicKeys.keys.map((key) => hex(key.publicKey));
const purposes: SealPurpose[] = ['friend-request', 'friend-accept', 'open-drop'];
const decryptFailed = { ok: false, error: 'crypto/decrypt-failed' };

const sealTo = async (purpose: SealPurpose, recipientPublicKey: Uint8Array, plaintext = '{"type":"friend-request"}') => {
  const sealed = await seal(crypto, { purpose, recipientPublicKey, plaintext });
  if (!sealed.ok) throw new Error(sealed.error);
  return sealed.value;
};

describe('seal and openSealed', () => {
  it.each(purposes)('round-trip for %s, reporting the envelope ephemeral key', async (purpose) => {
    const bob = await crypto.keyAgreement.generateKeyPair();
    const envelope = await sealTo(purpose, bob.publicKey, 'hello ✓');
    expect(Object.keys(envelope).sort()).toEqual(['ct', 'epk', 'nonce', 'v']);
    expect(envelope.v).toBe(1);
    const opened = await openSealed(crypto, { purpose, recipient: bob, envelope });
    expect(opened).toEqual({ ok: true, value: { plaintext: 'hello ✓', ephemeralPublicKey: decodeB64u(envelope.epk) } });
  });

  it('uses a fresh ephemeral key for every seal unless one is supplied', async () => {
    const bob = await crypto.keyAgreement.generateKeyPair();
    const [first, second] = await Promise.all([sealTo('open-drop', bob.publicKey), sealTo('open-drop', bob.publicKey)]);
    expect(first.epk).not.toBe(second.epk);
  });

  it('seals with a supplied ephemeral pair, so a friend request binds epk to ephemeralKey', async () => {
    const [bob, ephemeral] = await Promise.all([crypto.keyAgreement.generateKeyPair(), crypto.keyAgreement.generateKeyPair()]);
    const sealed = await seal(crypto, { purpose: 'friend-request', recipientPublicKey: bob.publicKey, plaintext: '{}', ephemeral });
    if (!sealed.ok) throw new Error(sealed.error);
    expect(sealed.value.epk).toBe(encodeB64u(ephemeral.publicKey));
    const opened = await openSealed(crypto, { purpose: 'friend-request', recipient: bob, envelope: sealed.value });
    expect(opened.ok && ephemeralKeyMatches(opened.value, encodeB64u(ephemeral.publicKey))).toBe(true);
    const someoneElse = await crypto.keyAgreement.generateKeyPair();
    expect(opened.ok && ephemeralKeyMatches(opened.value, encodeB64u(someoneElse.publicKey))).toBe(false);
    expect(opened.ok && ephemeralKeyMatches(opened.value, 'not a key')).toBe(false);
  });

  it('does not open for another purpose', async () => {
    const bob = await crypto.keyAgreement.generateKeyPair();
    const envelope = await sealTo('friend-request', bob.publicKey);
    expect(await openSealed(crypto, { purpose: 'open-drop', recipient: bob, envelope })).toEqual(decryptFailed);
    expect(await openSealed(crypto, { purpose: 'friend-accept', recipient: bob, envelope })).toEqual(decryptFailed);
  });

  it('does not open for another recipient', async () => {
    const [bob, carol] = await Promise.all([crypto.keyAgreement.generateKeyPair(), crypto.keyAgreement.generateKeyPair()]);
    const envelope = await sealTo('open-drop', bob.publicKey);
    expect(await openSealed(crypto, { purpose: 'open-drop', recipient: carol, envelope })).toEqual(decryptFailed);
  });

  it('does not open when the recipient public key given does not match its private key (the salt binds P)', async () => {
    const [bob, carol] = await Promise.all([crypto.keyAgreement.generateKeyPair(), crypto.keyAgreement.generateKeyPair()]);
    const envelope = await sealTo('open-drop', bob.publicKey);
    const mismatched = { privateKey: bob.privateKey, publicKey: carol.publicKey };
    expect(await openSealed(crypto, { purpose: 'open-drop', recipient: mismatched, envelope })).toEqual(decryptFailed);
  });

  it('does not open when epk is replaced by another valid key (epk mismatch)', async () => {
    const [bob, mallory] = await Promise.all([crypto.keyAgreement.generateKeyPair(), crypto.keyAgreement.generateKeyPair()]);
    const envelope = await sealTo('open-drop', bob.publicKey);
    const swapped = { ...envelope, epk: encodeB64u(mallory.publicKey) };
    expect(await openSealed(crypto, { purpose: 'open-drop', recipient: bob, envelope: swapped })).toEqual(decryptFailed);
  });

  it.each(['nonce', 'ct'] as const)('does not open when a bit of %s is flipped', async (member) => {
    const bob = await crypto.keyAgreement.generateKeyPair();
    const envelope = await sealTo('open-drop', bob.publicKey);
    const bytes = decodeB64u(envelope[member])!;
    bytes[bytes.length - 1]! ^= 0x80;
    const tampered = { ...envelope, [member]: encodeB64u(bytes) };
    expect(await openSealed(crypto, { purpose: 'open-drop', recipient: bob, envelope: tampered })).toEqual(decryptFailed);
  });

  it.each(lowOrderKeys.map((key, index) => [index, key] as const))(
    'refuses low-order point #%i as epk when opening and as recipient when sealing',
    async (_, lowOrder) => {
      const bob = await crypto.keyAgreement.generateKeyPair();
      const envelope = await sealTo('open-drop', bob.publicKey);
      const withLowOrderEpk = { ...envelope, epk: encodeB64u(lowOrder) };
      // The non-canonical spellings among them (bit 255 set, u ≥ p) are refused as malformed before any DH.
      expect(await openSealed(crypto, { purpose: 'open-drop', recipient: bob, envelope: withLowOrderEpk })).toEqual({
        ok: false,
        error: isCanonicalX25519Key(lowOrder) ? 'crypto/invalid-key' : 'crypto/malformed',
      });
      expect(await seal(crypto, { purpose: 'open-drop', recipientPublicKey: lowOrder, plaintext: 'x' })).toEqual({
        ok: false,
        error: 'crypto/invalid-key',
      });
    },
  );

  it('refuses a recipient key of the wrong size', async () => {
    expect(await seal(crypto, { purpose: 'open-drop', recipientPublicKey: new Uint8Array(33), plaintext: 'x' })).toEqual({
      ok: false,
      error: 'crypto/invalid-key',
    });
  });

  it.each([
    ['an extra member', (e: Record<string, unknown>) => ({ ...e, from: 'mallory' })],
    ['a missing member', ({ nonce: _nonce, ...rest }: Record<string, unknown>) => rest],
    ['another version', (e: Record<string, unknown>) => ({ ...e, v: 2 })],
    ['a short nonce', (e: Record<string, unknown>) => ({ ...e, nonce: encodeB64u(new Uint8Array(8)) })],
    ['an epk that is not 32 bytes', (e: Record<string, unknown>) => ({ ...e, epk: encodeB64u(new Uint8Array(31)) })],
    ['a ct that is not b64u', (e: Record<string, unknown>) => ({ ...e, ct: 'a+b/' })],
    ['a ct too short to hold padding', (e: Record<string, unknown>) => ({ ...e, ct: encodeB64u(new Uint8Array(16)) })],
    ['null', () => null],
    ['a string', () => 'envelope'],
  ])('reports an envelope with %s as malformed', async (_, change) => {
    const bob = await crypto.keyAgreement.generateKeyPair();
    const envelope = change({ ...(await sealTo('open-drop', bob.publicKey)) });
    // The gateway's schema normally prevents these; openSealed must not rely on it.
    const opened = await openSealed(crypto, { purpose: 'open-drop', recipient: bob, envelope: envelope as never });
    expect(opened).toEqual({ ok: false, error: 'crypto/malformed' });
  });
});
