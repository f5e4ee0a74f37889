import { argon2idWithArgon2Browser } from '../../../../src/adapters/crypto/argon2-browser-key-derivation';
import '../../../../src/adapters/crypto-node/argon2-node-loader';
import { hex, toHex } from './support/hex';
import { computePrimitiveReport, expectedPrimitiveReport } from './support/primitive-report';
import { createTestCrypto } from './support/test-crypto';
import { VECTORS } from './support/vectors';

const crypto = createTestCrypto();

describe('HKDF-SHA-256 (RFC 5869)', () => {
  it.each(VECTORS.hkdf.cases)('$name', async (testCase) => {
    const okm = await crypto.hkdf.derive(hex(testCase.ikm), hex(testCase.salt), hex(testCase.info), testCase.length);
    expect(toHex(okm)).toBe(testCase.okm);
  });

  it('refuses output lengths HKDF-SHA-256 cannot produce', async () => {
    await expect(crypto.hkdf.derive(new Uint8Array(32), new Uint8Array(0), new Uint8Array(0), 255 * 32 + 1)).rejects.toThrow(
      RangeError,
    );
    await expect(crypto.hkdf.derive(new Uint8Array(32), new Uint8Array(0), new Uint8Array(0), 0)).rejects.toThrow(RangeError);
  });
});

describe('SHA-2 and HMAC-SHA-256', () => {
  it('hashes the FIPS 180 "abc" examples', async () => {
    expect(toHex(await crypto.digest.sha256(hex(VECTORS.shaHmac.sha256[0]!.message)))).toBe(VECTORS.shaHmac.sha256[0]!.digest);
    expect(toHex(await crypto.digest.sha512(hex(VECTORS.shaHmac.sha512[0]!.message)))).toBe(VECTORS.shaHmac.sha512[0]!.digest);
  });

  it.each(VECTORS.shaHmac.hmacSha256)('$name', async (testCase) => {
    expect(toHex(await crypto.digest.hmacSha256(hex(testCase.key), hex(testCase.data)))).toBe(testCase.mac);
  });
});

describe('X25519 (RFC 7748)', () => {
  it.each(VECTORS.x25519.scalarMultiplication)('$name', async (testCase) => {
    const shared = await crypto.keyAgreement.deriveShared(hex(testCase.scalar), hex(testCase.u));
    expect(shared.ok && toHex(shared.value)).toBe(testCase.output);
  });

  it('§6.1: Alice and Bob get the published public keys and the same shared secret', async () => {
    const dh = VECTORS.x25519.diffieHellman;
    const alicePublic = await crypto.keyAgreement.publicKeyOf(hex(dh.alicePrivate));
    const bobPublic = await crypto.keyAgreement.publicKeyOf(hex(dh.bobPrivate));
    expect(alicePublic.ok && toHex(alicePublic.value)).toBe(dh.alicePublic);
    expect(bobPublic.ok && toHex(bobPublic.value)).toBe(dh.bobPublic);
    const aliceShared = await crypto.keyAgreement.deriveShared(hex(dh.alicePrivate), hex(dh.bobPublic));
    const bobShared = await crypto.keyAgreement.deriveShared(hex(dh.bobPrivate), hex(dh.alicePublic));
    expect(aliceShared.ok && toHex(aliceShared.value)).toBe(dh.shared);
    expect(bobShared.ok && toHex(bobShared.value)).toBe(dh.shared);
  });

  it.each(VECTORS.x25519.lowOrderPublicKeys.keys)('rejects the low-order public key $name ($publicKey)', async ({ publicKey }) => {
    const shared = await crypto.keyAgreement.deriveShared(hex(VECTORS.x25519.diffieHellman.alicePrivate), hex(publicKey));
    expect(shared).toEqual({ ok: false, error: 'crypto/invalid-key' });
  });
});

describe('AES-256-GCM', () => {
  it.each(VECTORS.aesGcm.valid)('$name encrypts and decrypts', async (testCase) => {
    const [key, nonce, aad] = [hex(testCase.key), hex(testCase.nonce), hex(testCase.aad)];
    expect(toHex(await crypto.cipher.encrypt(key, nonce, hex(testCase.plaintext), aad))).toBe(testCase.ciphertext + testCase.tag);
    const decrypted = await crypto.cipher.decrypt(key, nonce, hex(testCase.ciphertext + testCase.tag), aad);
    expect(decrypted.ok && toHex(decrypted.value)).toBe(testCase.plaintext);
  });

  it.each(VECTORS.aesGcm.invalid)('$name fails to decrypt', async (testCase) => {
    const decrypted = await crypto.cipher.decrypt(
      hex(testCase.key),
      hex(testCase.nonce),
      hex(testCase.ciphertext + testCase.tag),
      hex(testCase.aad),
    );
    expect(decrypted).toEqual({ ok: false, error: 'crypto/decrypt-failed' });
  });
});

describe('the whole primitive report (the same code runs in Chromium)', () => {
  it('equals the published answers in Node', async () => {
    const report = await computePrimitiveReport(crypto, argon2idWithArgon2Browser);
    expect(report).toEqual(expectedPrimitiveReport());
  });
});
