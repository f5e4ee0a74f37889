import { isCanonicalB64u } from './encoding/b64u';
import { err, ok, Result } from './result';

/** PROTOCOL §2: `^[a-z0-9][a-z0-9._-]{1,31}$`. */
export const ACCOUNT_NAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,31}$/;

export const isValidAccountName = (name: string): boolean => ACCOUNT_NAME_PATTERN.test(name);

export interface KdfParams {
  readonly algorithm: 'argon2id';
  /** b64u, 16 random bytes chosen by the client. */
  readonly salt: string;
  readonly memoryKiB: number;
  readonly iterations: number;
  readonly parallelism: number;
}

/** PROTOCOL §4: the OWASP floor for Argon2id; servers reject registrations below it. */
export const KDF_FLOOR = { memoryKiB: 19456, iterations: 2, parallelism: 1 } as const;
/** PROTOCOL §4 default parameters (also used for decoys). */
export const KDF_DEFAULT = { memoryKiB: 65536, iterations: 3, parallelism: 1 } as const;
/**
 * Upper bounds: what a browser tab computes in a few seconds. A server offering more could hang the
 * tab (argon2 in WASM is single-threaded: 64 MiB × 3 passes take about 0.4 s warm, so the work cap
 * of 256 MiB × 8 passes is about 5 s). Clients refuse more before deriving; servers refuse to register it.
 */
export const KDF_CEILING = { memoryKiB: 256 * 1024, iterations: 16, parallelism: 4 } as const;
/** memoryKiB × iterations: the work a tab does, whichever of the two a server raises. */
export const KDF_MAX_WORK = 256 * 1024 * 8;

export const isWithinKdfCeiling = (cost: { readonly memoryKiB: number; readonly iterations: number; readonly parallelism: number }): boolean =>
  cost.memoryKiB <= KDF_CEILING.memoryKiB &&
  cost.iterations <= KDF_CEILING.iterations &&
  cost.parallelism <= KDF_CEILING.parallelism &&
  cost.memoryKiB * cost.iterations <= KDF_MAX_WORK;

export const KDF_SALT_BYTES = 16;

export const checkKdfParams = (kdf: KdfParams): Result<KdfParams, 'input/invalid'> => {
  const wellFormed =
    isCanonicalB64u(kdf.salt, KDF_SALT_BYTES) &&
    Number.isInteger(kdf.memoryKiB) &&
    Number.isInteger(kdf.iterations) &&
    Number.isInteger(kdf.parallelism);
  const withinFloor =
    kdf.algorithm === 'argon2id' &&
    kdf.memoryKiB >= KDF_FLOOR.memoryKiB &&
    kdf.iterations >= KDF_FLOOR.iterations &&
    kdf.parallelism >= KDF_FLOOR.parallelism;
  const withinCeiling = isWithinKdfCeiling(kdf);
  if (!(wellFormed && withinFloor && withinCeiling)) return err('input/invalid');
  // A clean copy, so nothing but the known fields is ever stored.
  const { salt, memoryKiB, iterations, parallelism } = kdf;
  return ok({ algorithm: 'argon2id', salt, memoryKiB, iterations, parallelism });
};

/** HKDF output length of `authKey` (PROTOCOL §4). */
export const AUTH_KEY_BYTES = 32;

/** `name@authority`, canonical: lowercase, no default port (PROTOCOL §2, §4.2). */
export interface Address {
  readonly name: string;
  /** host, IPv4 or [IPv6], with a port unless it is 443. */
  readonly authority: string;
}

export const formatAddress = (address: Address): string => `${address.name}@${address.authority}`;
