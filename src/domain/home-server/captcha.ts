/** A challenge bound to one recipient, single use, short-lived, with few attempts. */
export type CaptchaKind = 'image' | 'pow';

export const CAPTCHA_TTL_MS = 5 * 60 * 1000;
export const CAPTCHA_MAX_ATTEMPTS = 3;

export interface Captcha {
  readonly id: string;
  /** The account the captcha was issued for. */
  readonly name: string;
  readonly kind: CaptchaKind;
  /** The expected answer, normalized; stays on the server. */
  readonly answer: string;
  readonly expiresAt: number;
  readonly attemptsLeft: number;
}

export const isCaptchaExpired = (captcha: Captcha, now: number): boolean => now >= captcha.expiresAt;
