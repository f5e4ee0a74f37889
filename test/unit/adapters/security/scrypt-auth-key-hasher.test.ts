import { ScryptAuthKeyHasher, TEST_SCRYPT_COST } from '../../../../src/adapters/security/scrypt-auth-key-hasher';

describe('ScryptAuthKeyHasher', () => {
  const hasher = new ScryptAuthKeyHasher(TEST_SCRYPT_COST);
  const key = new Uint8Array(32).fill(7);

  it('verifies the key it hashed and nothing else', async () => {
    const encoded = await hasher.hash(key);
    expect(await hasher.verify(key, encoded)).toBe(true);
    expect(await hasher.verify(new Uint8Array(32).fill(8), encoded)).toBe(false);
  });

  it('salts every hash, in a self-describing encoding', async () => {
    const first = await hasher.hash(key);
    const second = await hasher.hash(key);
    expect(first).not.toBe(second);
    expect(first).toMatch(/^scrypt\$16\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
  });

  it('verifies with the parameters stored in the hash, so the cost can be raised later', async () => {
    const cheap = await hasher.hash(key);
    const stronger = new ScryptAuthKeyHasher({ N: 2 ** 6, r: 8, p: 1 });
    expect(await stronger.verify(key, cheap)).toBe(true);
  });

  it('treats a corrupt stored hash as a bug', async () => {
    await expect(hasher.verify(key, 'bcrypt$whatever')).rejects.toThrow(/scrypt/);
  });
});
