import { hkdfSync } from 'node:crypto';
import {
  checkOfferedKdfParams,
  createKdfParams,
  deriveAccountKeys,
  OfferedKdfParams,
  sameKdfParams,
} from '../../../../src/application/client/protocol/account-keys';
import { argon2idWithHashWasm } from '../../../../src/adapters/crypto-node/hash-wasm-key-derivation';
import { KDF_DEFAULT, KDF_FLOOR } from '../../../../src/domain/protocol/account-rules';
import { decodeB64u, encodeB64u } from '../../../../src/domain/protocol/encoding/b64u';
import { toHex } from './support/hex';
import { createTestCrypto } from './support/test-crypto';

const crypto = createTestCrypto();
const salt = encodeB64u(Uint8Array.from({ length: 16 }, (_, index) => index * 3));
const atFloor: OfferedKdfParams = { algorithm: 'argon2id', salt, ...KDF_FLOOR };

describe('checkOfferedKdfParams (the KDF-downgrade rule)', () => {
  it('accepts argon2id at the OWASP floor and at the default', () => {
    expect(checkOfferedKdfParams(atFloor)).toEqual({ ok: true, value: atFloor });
    expect(checkOfferedKdfParams({ ...atFloor, ...KDF_DEFAULT }).ok).toBe(true);
  });

  it.each([
    ['another algorithm', { algorithm: 'argon2i' }, 'kdf/unsupported-algorithm'],
    ['scrypt', { algorithm: 'scrypt' }, 'kdf/unsupported-algorithm'],
    ['memory below 19456 KiB', { memoryKiB: KDF_FLOOR.memoryKiB - 1 }, 'kdf/below-floor'],
    ['one iteration', { iterations: 1 }, 'kdf/below-floor'],
    ['zero parallelism', { parallelism: 0 }, 'kdf/below-floor'],
    ['a fractional cost', { memoryKiB: 65536.5 }, 'kdf/below-floor'],
    ['NaN', { iterations: Number.NaN }, 'kdf/below-floor'],
    ['memory beyond the ceiling', { memoryKiB: 8 * 1024 * 1024 }, 'kdf/above-ceiling'],
    ['a short salt', { salt: encodeB64u(new Uint8Array(8)) }, 'kdf/invalid-salt'],
    ['a salt that is not b64u', { salt: 'not base64url!' }, 'kdf/invalid-salt'],
  ])('refuses %s', (_, change, error) => {
    expect(checkOfferedKdfParams({ ...atFloor, ...change })).toEqual({ ok: false, error });
  });
});

describe('deriveAccountKeys', () => {
  it('matches an independent computation: Argon2id(NFKC password) then node:crypto HKDF', async () => {
    const keys = await deriveAccountKeys(crypto, 'pass\u0301word', atFloor);
    const master = await argon2idWithHashWasm({
      password: new TextEncoder().encode('pass\u0301word'.normalize('NFKC')),
      salt: decodeB64u(salt)!,
      ...KDF_FLOOR,
      hashLength: 32,
    });
    const expected = (info: string) => Buffer.from(hkdfSync('sha256', master, new Uint8Array(0), info, 32)).toString('hex');
    expect(keys.ok && toHex(keys.value.authKey)).toBe(expected('starbase/1 auth'));
    expect(keys.ok && toHex(keys.value.blobKey)).toBe(expected('starbase/1 blob'));
  });

  it('normalizes the password with NFKC, so equivalent spellings derive the same keys', async () => {
    const [ligature, plain, different] = await Promise.all([
      deriveAccountKeys(crypto, '\uFB01sh', atFloor),
      deriveAccountKeys(crypto, 'fish', atFloor),
      deriveAccountKeys(crypto, 'fisH', atFloor),
    ]);
    expect(ligature.ok && plain.ok && toHex(ligature.value.authKey) === toHex(plain.value.authKey)).toBe(true);
    expect(different.ok && plain.ok && toHex(different.value.authKey) !== toHex(plain.value.authKey)).toBe(true);
  });

  it('gives distinct auth and blob keys, and depends on the salt', async () => {
    const [one, other] = await Promise.all([
      deriveAccountKeys(crypto, 'password', atFloor),
      deriveAccountKeys(crypto, 'password', { ...atFloor, salt: encodeB64u(new Uint8Array(16).fill(1)) }),
    ]);
    expect(one.ok && toHex(one.value.authKey) !== toHex(one.value.blobKey)).toBe(true);
    expect(one.ok && other.ok && toHex(one.value.authKey) !== toHex(other.value.authKey)).toBe(true);
  });

  it('refuses to derive anything from downgraded parameters', async () => {
    const offered = { ...atFloor, memoryKiB: 1024 };
    expect(await deriveAccountKeys(crypto, 'password', offered)).toEqual({ ok: false, error: 'kdf/below-floor' });
  });
});

describe('createKdfParams', () => {
  it('uses the protocol defaults with a fresh 16-byte salt every time', () => {
    const first = createKdfParams(crypto.random);
    const second = createKdfParams(crypto.random);
    expect(first).toMatchObject({ algorithm: 'argon2id', ...KDF_DEFAULT });
    expect(decodeB64u(first.salt)).toHaveLength(16);
    expect(sameKdfParams(first, second)).toBe(false);
    expect(sameKdfParams(first, { ...first })).toBe(true);
    expect(checkOfferedKdfParams(first).ok).toBe(true);
  });
});
