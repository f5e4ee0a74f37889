import { aCaptcha, T0 } from '../../support/storage-fixtures';
import { OpenStorage, times, useFreshStorage } from './storage-under-test';

export const captchaStoreContract = (open: OpenStorage): void => {
  describe('CaptchaStore', () => {
    const subject = useFreshStorage(open);

    it('finds a saved captcha exactly as saved', async () => {
      const captcha = aCaptcha('alice', { kind: 'pow', answer: '4242', attemptsLeft: 3 });
      await subject.storage.captchas.save(captcha);
      expect(await subject.storage.captchas.find(captcha.id)).toEqual(captcha);
    });

    it('does not find an unknown captcha', async () => {
      expect(await subject.storage.captchas.find('no-such-captcha')).toBeNull();
    });

    it('is consumed exactly once', async () => {
      const captcha = aCaptcha('alice');
      await subject.storage.captchas.save(captcha);
      expect(await subject.storage.captchas.consume(captcha.id)).toBe(true);
      expect(await subject.storage.captchas.consume(captcha.id)).toBe(false);
      expect(await subject.storage.captchas.find(captcha.id)).toBeNull();
    });

    it('is consumed by exactly one of 20 parallel calls', async () => {
      const captcha = aCaptcha('alice');
      const other = aCaptcha('alice');
      await subject.storage.captchas.save(captcha);
      await subject.storage.captchas.save(other);
      const results = await Promise.all(times(20, () => subject.storage.captchas.consume(captcha.id)));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await subject.storage.captchas.find(other.id)).toEqual(other);
    });

    it('cannot consume an unknown captcha', async () => {
      expect(await subject.storage.captchas.consume('no-such-captcha')).toBe(false);
    });

    it('counts failed attempts down and deletes the captcha when none are left', async () => {
      const captcha = aCaptcha('alice', { attemptsLeft: 3 });
      await subject.storage.captchas.save(captcha);

      expect(await subject.storage.captchas.recordFailedAttempt(captcha.id)).toBe(2);
      expect(await subject.storage.captchas.find(captcha.id)).toEqual({ ...captcha, attemptsLeft: 2 });
      expect(await subject.storage.captchas.recordFailedAttempt(captcha.id)).toBe(1);
      expect(await subject.storage.captchas.recordFailedAttempt(captcha.id)).toBe(0);
      expect(await subject.storage.captchas.find(captcha.id)).toBeNull();
      expect(await subject.storage.captchas.recordFailedAttempt(captcha.id)).toBeNull();
      expect(await subject.storage.captchas.consume(captcha.id)).toBe(false);
    });

    it('counts every one of several parallel failed attempts exactly once', async () => {
      const captcha = aCaptcha('alice', { attemptsLeft: 3 });
      await subject.storage.captchas.save(captcha);
      const results = await Promise.all(times(6, () => subject.storage.captchas.recordFailedAttempt(captcha.id)));
      const remaining = results.filter((left): left is number => left !== null).sort();
      expect(remaining).toEqual([0, 1, 2]);
      expect(await subject.storage.captchas.find(captcha.id)).toBeNull();
    });

    it('answers null for a failed attempt on an unknown captcha', async () => {
      expect(await subject.storage.captchas.recordFailedAttempt('no-such-captcha')).toBeNull();
    });

    it('purges the captchas expired at the given time, counting them, and keeps the rest', async () => {
      const expired = [aCaptcha('alice', { expiresAt: T0 - 1 }), aCaptcha('bob', { expiresAt: T0 })];
      const alive = aCaptcha('alice', { expiresAt: T0 + 1 });
      for (const captcha of [...expired, alive]) await subject.storage.captchas.save(captcha);

      expect(await subject.storage.captchas.purgeExpired(T0)).toBe(2);
      for (const captcha of expired) expect(await subject.storage.captchas.find(captcha.id)).toBeNull();
      expect(await subject.storage.captchas.find(alive.id)).toEqual(alive);
      expect(await subject.storage.captchas.purgeExpired(T0)).toBe(0);
    });
  });
};
