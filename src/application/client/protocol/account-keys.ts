import { KeyDerivation, Hkdf, SecureRandom } from '../../ports/client-crypto';
import { isWithinKdfCeiling, KDF_DEFAULT, KDF_FLOOR, KDF_SALT_BYTES, KdfParams } from '../../../domain/protocol/account-rules';
import { decodeB64u, encodeB64u } from '../../../domain/protocol/encoding/b64u';
import { encodeUtf8 } from '../../../domain/protocol/encoding/utf8';
import { err, ok, Result } from '../../../domain/protocol/result';
import { EMPTY_SALT, LABELS, SYMMETRIC_KEY_BYTES } from './protocol-labels';

/** KDF parameters as a server hands them out (`GET /accounts/{name}/kdf`): nothing in them is trusted yet. */
export interface OfferedKdfParams {
  readonly algorithm: string;
  readonly salt: string;
  readonly memoryKiB: number;
  readonly iterations: number;
  readonly parallelism: number;
}

export type KdfRejection =
  | 'kdf/unsupported-algorithm'
  | 'kdf/below-floor'
  | 'kdf/above-ceiling'
  | 'kdf/invalid-salt';

export interface AccountKeys {
  /** Sent to the home server to authenticate. */
  readonly authKey: Uint8Array;
  /** Encrypts the user blob; never leaves the client. */
  readonly blobKey: Uint8Array;
}

const isWholeNumber = (value: number): boolean => Number.isSafeInteger(value) && value > 0;

/**
 * PROTOCOL §4 "KDF downgrade": a malicious server could offer cheap parameters to make the
 * password cheap to guess from the authKey it receives, or absurd ones to hang the client, so
 * anything but argon2id between the OWASP floor and the ceiling is refused before deriving.
 */
export const checkOfferedKdfParams = (offered: OfferedKdfParams): Result<KdfParams, KdfRejection> => {
  const accepted = acceptOffered(offered);
  return accepted.ok ? ok(accepted.value.kdf) : accepted;
};

const acceptOffered = (offered: OfferedKdfParams): Result<{ kdf: KdfParams; salt: Uint8Array }, KdfRejection> => {
  if (offered.algorithm !== 'argon2id') return err('kdf/unsupported-algorithm');
  const salt = decodeB64u(offered.salt);
  if (salt === null || salt.length !== KDF_SALT_BYTES) return err('kdf/invalid-salt');
  const { memoryKiB, iterations, parallelism } = offered;
  if (![memoryKiB, iterations, parallelism].every(isWholeNumber)) return err('kdf/below-floor');
  if (memoryKiB < KDF_FLOOR.memoryKiB || iterations < KDF_FLOOR.iterations || parallelism < KDF_FLOOR.parallelism) {
    return err('kdf/below-floor');
  }
  if (!isWithinKdfCeiling({ memoryKiB, iterations, parallelism })) return err('kdf/above-ceiling');
  return ok({ kdf: { algorithm: 'argon2id', salt: offered.salt, memoryKiB, iterations, parallelism }, salt });
};

/** Fresh parameters for registration and every password change: the defaults and a new random salt. */
export const createKdfParams = (random: SecureRandom): KdfParams => ({
  algorithm: 'argon2id',
  salt: encodeB64u(random.bytes(KDF_SALT_BYTES)),
  ...KDF_DEFAULT,
});

/** For the "remember per address, warn loudly if they change" rule. */
export const sameKdfParams = (a: KdfParams, b: KdfParams): boolean =>
  a.algorithm === b.algorithm &&
  a.salt === b.salt &&
  a.memoryKiB === b.memoryKiB &&
  a.iterations === b.iterations &&
  a.parallelism === b.parallelism;

/**
 * masterKey = Argon2id(NFKC(password), salt, params); authKey and blobKey are HKDF expansions of
 * it. NFKC so the same password typed on different keyboards or systems gives the same keys.
 */
export const deriveAccountKeys = async (
  ports: { readonly keyDerivation: KeyDerivation; readonly hkdf: Hkdf },
  password: string,
  offered: OfferedKdfParams,
): Promise<Result<AccountKeys, KdfRejection>> => {
  const accepted = acceptOffered(offered);
  if (!accepted.ok) return accepted;
  const { kdf, salt } = accepted.value;
  const masterKey = await ports.keyDerivation.argon2id(encodeUtf8(password.normalize('NFKC')), salt, kdf);
  const [authKey, blobKey] = await Promise.all([
    ports.hkdf.derive(masterKey, EMPTY_SALT, encodeUtf8(LABELS.auth), SYMMETRIC_KEY_BYTES),
    ports.hkdf.derive(masterKey, EMPTY_SALT, encodeUtf8(LABELS.blob), SYMMETRIC_KEY_BYTES),
  ]);
  masterKey.fill(0);
  return ok({ authKey, blobKey });
};
