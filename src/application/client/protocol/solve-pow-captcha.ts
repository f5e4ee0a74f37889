import { bytesToHex } from '../../../domain/protocol/encoding/bytes';
import { encodeUtf8 } from '../../../domain/protocol/encoding/utf8';
import { Digest } from '../../ports/client-crypto';
import type { PowCaptchaBody } from '../../../domain/protocol/wire';

/** Hashes in flight at once: WebCrypto digests are async, so batching keeps the CPU busy. */
const BATCH = 512;

/**
 * PROTOCOL §5: the number n ≤ maxNumber with hex(SHA-256(salt + n)) == challenge, or null when
 * there is none (a broken or hostile server). Reports the share of the range searched.
 */
export const solvePowCaptcha = async (
  digest: Digest,
  captcha: Pick<PowCaptchaBody, 'salt' | 'challenge' | 'maxNumber'>,
  onProgress: (fraction: number) => void = () => undefined,
): Promise<number | null> => {
  const challenge = captcha.challenge.toLowerCase();
  for (let start = 0; start <= captcha.maxNumber; start += BATCH) {
    const end = Math.min(start + BATCH - 1, captcha.maxNumber);
    const candidates = Array.from({ length: end - start + 1 }, (_, index) => start + index);
    const hashes = await Promise.all(candidates.map((n) => digest.sha256(encodeUtf8(`${captcha.salt}${n}`))));
    const found = hashes.findIndex((hash) => bytesToHex(hash) === challenge);
    if (found >= 0) return start + found;
    onProgress(Math.min(1, (end + 1) / (captcha.maxNumber + 1)));
  }
  return null;
};
