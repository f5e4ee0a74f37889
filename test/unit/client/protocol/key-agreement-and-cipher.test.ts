import { createTestCrypto } from './support/test-crypto';
import { toHex } from './support/hex';

const crypto = createTestCrypto();

describe('WebCryptoKeyAgreement', () => {
  it('generates raw 32-byte pairs whose public half publicKeyOf recovers', async () => {
    const pair = await crypto.keyAgreement.generateKeyPair();
    expect(pair.privateKey).toHaveLength(32);
    expect(pair.publicKey).toHaveLength(32);
    const recovered = await crypto.keyAgreement.publicKeyOf(pair.privateKey);
    expect(recovered.ok && toHex(recovered.value)).toBe(toHex(pair.publicKey));
  });

  it('gives both sides of a generated exchange the same secret', async () => {
    const [a, b] = await Promise.all([crypto.keyAgreement.generateKeyPair(), crypto.keyAgreement.generateKeyPair()]);
    const ab = await crypto.keyAgreement.deriveShared(a.privateKey, b.publicKey);
    const ba = await crypto.keyAgreement.deriveShared(b.privateKey, a.publicKey);
    expect(ab.ok && ba.ok && toHex(ab.value) === toHex(ba.value)).toBe(true);
  });

  it.each([31, 33, 0])('rejects a %i-byte public or private key', async (length) => {
    const pair = await crypto.keyAgreement.generateKeyPair();
    const wrongSize = new Uint8Array(length).fill(9);
    expect(await crypto.keyAgreement.deriveShared(pair.privateKey, wrongSize)).toEqual({ ok: false, error: 'crypto/invalid-key' });
    expect(await crypto.keyAgreement.deriveShared(wrongSize, pair.publicKey)).toEqual({ ok: false, error: 'crypto/invalid-key' });
    expect(await crypto.keyAgreement.publicKeyOf(wrongSize)).toEqual({ ok: false, error: 'crypto/invalid-key' });
  });
});

describe('WebCryptoCipher', () => {
  const key = new Uint8Array(32).fill(7);
  const nonce = new Uint8Array(12).fill(1);

  it('round-trips and fails on a wrong key, nonce or aad', async () => {
    const sealed = await crypto.cipher.encrypt(key, nonce, Uint8Array.of(1, 2, 3), Uint8Array.of(9));
    expect(await crypto.cipher.decrypt(key, nonce, sealed, Uint8Array.of(9))).toEqual({ ok: true, value: Uint8Array.of(1, 2, 3) });
    const failed = { ok: false, error: 'crypto/decrypt-failed' };
    expect(await crypto.cipher.decrypt(new Uint8Array(32).fill(8), nonce, sealed, Uint8Array.of(9))).toEqual(failed);
    expect(await crypto.cipher.decrypt(key, new Uint8Array(12).fill(2), sealed, Uint8Array.of(9))).toEqual(failed);
    expect(await crypto.cipher.decrypt(key, nonce, sealed, Uint8Array.of(8))).toEqual(failed);
  });

  it('treats impossible nonce and ciphertext sizes on decryption as failures, not crashes', async () => {
    const failed = { ok: false, error: 'crypto/decrypt-failed' };
    expect(await crypto.cipher.decrypt(key, new Uint8Array(11), new Uint8Array(32), new Uint8Array(0))).toEqual(failed);
    expect(await crypto.cipher.decrypt(key, nonce, new Uint8Array(15), new Uint8Array(0))).toEqual(failed);
  });

  it('throws on a key or nonce of the wrong size when encrypting (a caller bug)', async () => {
    await expect(crypto.cipher.encrypt(new Uint8Array(16), nonce, new Uint8Array(1), new Uint8Array(0))).rejects.toThrow(RangeError);
    await expect(crypto.cipher.encrypt(key, new Uint8Array(16), new Uint8Array(1), new Uint8Array(0))).rejects.toThrow(RangeError);
  });
});

describe('WebCryptoRandom', () => {
  it('fills requests larger than one getRandomValues call', () => {
    const bytes = crypto.random.bytes(70000);
    expect(bytes).toHaveLength(70000);
    // A zero-filled tail would mean the second chunk was never written.
    expect(bytes.subarray(65536).some((byte) => byte !== 0)).toBe(true);
  });
});
