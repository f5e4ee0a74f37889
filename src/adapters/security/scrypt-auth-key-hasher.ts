import { randomBytes, scrypt, ScryptOptions, timingSafeEqual } from 'node:crypto';
import { AuthKeyHasher } from '../../application/ports/auth-key-hasher';

export interface ScryptCost {
  /** CPU/memory cost, a power of two. */
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/** ≈ 32 MiB and tens of milliseconds per hash: the authKey is already Argon2id output. */
export const DEFAULT_SCRYPT_COST: ScryptCost = { N: 2 ** 15, r: 8, p: 1 };
/** For tests only: fast, and still the real algorithm. */
export const TEST_SCRYPT_COST: ScryptCost = { N: 2 ** 4, r: 8, p: 1 };

const SALT_BYTES = 16;
const HASH_BYTES = 32;
const ENCODED = /^scrypt\$(\d{1,8})\$(\d{1,3})\$(\d{1,3})\$([A-Za-z0-9_-]{16,128})\$([A-Za-z0-9_-]{16,128})$/;

const scryptAsync = (password: Uint8Array, salt: Uint8Array, length: number, cost: ScryptCost): Promise<Buffer> => {
  const options: ScryptOptions = { N: cost.N, r: cost.r, p: cost.p, maxmem: 256 * cost.N * cost.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password, salt, length, options, (error, derived) => (error ? reject(error) : resolve(derived)));
  });
};

/** Slow salted hash of the authKey, stored self-describing as `scrypt$N$r$p$salt$hash` (b64u). */
export class ScryptAuthKeyHasher implements AuthKeyHasher {
  constructor(private readonly cost: ScryptCost = DEFAULT_SCRYPT_COST) {}

  async hash(authKey: Uint8Array): Promise<string> {
    const salt = randomBytes(SALT_BYTES);
    const derived = await scryptAsync(authKey, salt, HASH_BYTES, this.cost);
    const { N, r, p } = this.cost;
    return `scrypt$${N}$${r}$${p}$${salt.toString('base64url')}$${derived.toString('base64url')}`;
  }

  async verify(authKey: Uint8Array, encoded: string): Promise<boolean> {
    const parsed = ENCODED.exec(encoded);
    if (!parsed) throw new Error('stored auth hash is not in scrypt$N$r$p$salt$hash form');
    const [, N, r, p, salt, hash] = parsed as unknown as [string, string, string, string, string, string];
    const expected = Buffer.from(hash, 'base64url');
    const derived = await scryptAsync(authKey, Buffer.from(salt, 'base64url'), expected.length, {
      N: Number(N),
      r: Number(r),
      p: Number(p),
    });
    return timingSafeEqual(derived, expected);
  }
}
