import { Captcha } from '../../domain/home-server/captcha';

export interface CaptchaStore {
  save(captcha: Captcha): Promise<void>;
  find(id: string): Promise<Captcha | null>;
  /** Atomically decrements attemptsLeft; returns what is left (deleting it at 0), or null if gone. */
  recordFailedAttempt(id: string): Promise<number | null>;
  /** True only for the one call that actually removed it: this is what makes a captcha single use. */
  consume(id: string): Promise<boolean>;
  purgeExpired(now: number): Promise<number>;
}
