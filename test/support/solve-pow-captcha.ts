import { powChallengeFor } from '../../src/adapters/captcha/pow-captcha-challenger';

/** Brute-forces a proof-of-work captcha (for tests, benchmarks and Node clients). */
export const solvePowCaptcha = (captcha: { salt: string; challenge: string; maxNumber: number }): number => {
  for (let n = 0; n <= captcha.maxNumber; n++) {
    if (powChallengeFor(captcha.salt, n) === captcha.challenge) return n;
  }
  throw new Error('proof-of-work captcha has no solution up to maxNumber');
};
