import { createHash, randomBytes, randomInt } from 'node:crypto';
import { CaptchaChallenge, CaptchaChallenger } from '../../application/ports/captcha-challenger';

export interface PowCaptchaOptions {
  /** Upper bound of the secret number; a browser tries about half of it on average. */
  readonly maxNumber?: number;
}

/** ≈ 50 000 SHA-256 on average: well under a second in a browser. */
export const DEFAULT_POW_MAX_NUMBER = 100_000;

/**
 * The most work a raised difficulty asks for: 32 × the default, below the 4 000 000 clients
 * accept (a larger one is refused by the client, not solved), and seconds of hashing in a browser.
 */
export const MAX_ESCALATED_POW_NUMBER = 3_200_000;

export const powChallengeFor = (salt: string, n: number): string =>
  createHash('sha256').update(`${salt}${n}`, 'utf8').digest('hex');

/** PROTOCOL §5 proof of work: find n ≤ maxNumber with hex(SHA-256(salt + n)) == challenge. */
export class PowCaptchaChallenger implements CaptchaChallenger {
  readonly kind = 'pow' as const;
  private readonly maxNumber: number;

  constructor(options: PowCaptchaOptions = {}) {
    this.maxNumber = options.maxNumber ?? DEFAULT_POW_MAX_NUMBER;
    if (!Number.isSafeInteger(this.maxNumber) || this.maxNumber < 1) throw new Error('maxNumber must be a positive integer');
  }

  async create(difficulty = 1): Promise<{ challenge: CaptchaChallenge; answer: string }> {
    const maxNumber = Math.min(this.maxNumber * Math.max(1, Math.floor(difficulty)), Math.max(this.maxNumber, MAX_ESCALATED_POW_NUMBER));
    const salt = randomBytes(12).toString('base64url');
    const n = randomInt(maxNumber + 1);
    return {
      challenge: { kind: 'pow', algorithm: 'SHA-256', salt, challenge: powChallengeFor(salt, n), maxNumber },
      answer: String(n),
    };
  }

  /** Decimal digits without blanks or leading zeros. */
  normalize(answer: string): string {
    return answer.trim().replace(/^0+(?=\d)/, '');
  }
}
