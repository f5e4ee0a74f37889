import { Digest } from '../../ports/client-crypto';
import { concatBytes } from '../../../domain/protocol/encoding/bytes';
import { encodeUtf8 } from '../../../domain/protocol/encoding/utf8';
import { LABELS } from './protocol-labels';

/*
 * PROTOCOL §4.1 step 9, Signal's numeric fingerprint: h0 = "starbase/1 fp" || IK || address,
 * h(i+1) = SHA-512(h(i) || IK) for 5200 rounds (to make finding a colliding key costly); then
 * six 5-byte big-endian chunks of the result, each mod 100000, as five digits: 30 digits.
 */

export const FINGERPRINT_ITERATIONS = 5200;
const FINGERPRINT_CHUNKS = 6;
const CHUNK_BYTES = 5;
const DIGITS_PER_CHUNK = 5;
const SAFETY_NUMBER_GROUPS = 12;

export interface SafetyNumberParty {
  readonly identityKey: Uint8Array;
  /** Canonical address, e.g. `alice@chat.example.org`. */
  readonly address: string;
}

const chunkDigits = (hash: Uint8Array, index: number): string => {
  let value = 0;
  for (let k = 0; k < CHUNK_BYTES; k++) value = value * 256 + (hash[index * CHUNK_BYTES + k] ?? 0);
  return String(value % 100000).padStart(DIGITS_PER_CHUNK, '0');
};

/** 30 digits. */
export const computeFingerprint = async (
  ports: { readonly digest: Digest },
  { identityKey, address }: SafetyNumberParty,
): Promise<string> => {
  let hash = concatBytes(encodeUtf8(LABELS.fingerprint), identityKey, encodeUtf8(address));
  for (let round = 0; round < FINGERPRINT_ITERATIONS; round++) {
    hash = await ports.digest.sha512(concatBytes(hash, identityKey));
  }
  return Array.from({ length: FINGERPRINT_CHUNKS }, (_, index) => chunkDigits(hash, index)).join('');
};

/** 60 digits: both fingerprints in ascending order, so both parties see the same number. */
export const computeSafetyNumber = async (
  ports: { readonly digest: Digest },
  one: SafetyNumberParty,
  other: SafetyNumberParty,
): Promise<string> => {
  const fingerprints = await Promise.all([computeFingerprint(ports, one), computeFingerprint(ports, other)]);
  return fingerprints.sort().join('');
};

/** Twelve groups of five digits, for display. */
export const formatSafetyNumber = (digits: string): string[] =>
  Array.from({ length: SAFETY_NUMBER_GROUPS }, (_, index) =>
    digits.slice(index * DIGITS_PER_CHUNK, (index + 1) * DIGITS_PER_CHUNK),
  );
