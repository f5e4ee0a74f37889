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

/**
 * The largest proof-of-work `maxNumber` a client agrees to search (about 2 million SHA-256 on
 * average, seconds in a browser tab). A server asking for more is refused, not obeyed: otherwise
 * a hostile server could keep a client hashing forever. Servers raising the work under load stay
 * at or below it.
 */
export const POW_MAX_NUMBER_CEILING = 4_000_000;
