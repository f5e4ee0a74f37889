import { powChallengeFor } from '../../src/adapters/captcha/pow-captcha-challenger';

/** Brute-forces a proof-of-work captcha by trying every number with the server's own hash (for tests). */
export const bruteForcePowCaptcha = (captcha: { salt: string; challenge: string; maxNumber: number }): number => {
  for (let n = 0; n <= captcha.maxNumber; n++) {
    if (powChallengeFor(captcha.salt, n) === captcha.challenge) return n;
  }
  throw new Error('proof-of-work captcha has no solution up to maxNumber');
};
