import { CaptchaStore } from '../../../application/ports/captcha-store';
import { Captcha, isCaptchaExpired } from '../../../domain/home-server/captcha';
import { MemoryState } from './memory-state';

export class MemoryCaptchaStore implements CaptchaStore {
  constructor(private readonly state: MemoryState) {}

  async save(captcha: Captcha): Promise<void> {
    this.state.captchas.set(captcha.id, { ...captcha });
  }

  async find(id: string): Promise<Captcha | null> {
    const captcha = this.state.captchas.get(id);
    return captcha ? { ...captcha } : null;
  }

  async recordFailedAttempt(id: string): Promise<number | null> {
    const captcha = this.state.captchas.get(id);
    if (!captcha) return null;
    const attemptsLeft = Math.max(0, captcha.attemptsLeft - 1);
    if (attemptsLeft === 0) this.state.captchas.delete(id);
    else this.state.captchas.set(id, { ...captcha, attemptsLeft });
    return attemptsLeft;
  }

  async consume(id: string): Promise<boolean> {
    return this.state.captchas.delete(id);
  }

  async purgeExpired(now: number): Promise<number> {
    let deleted = 0;
    for (const [id, captcha] of this.state.captchas) {
      if (isCaptchaExpired(captcha, now)) {
        this.state.captchas.delete(id);
        deleted++;
      }
    }
    return deleted;
  }
}
