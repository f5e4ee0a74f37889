import { CaptchaStore } from '../../../application/ports/captcha-store';
import { Captcha } from '../../../domain/home-server/captcha';
import { MongoContext } from './mongo-context';
import { fromCaptchaDocument, toCaptchaDocument } from './mongo-documents';

/**
 * Each operation is one single-document write. The TTL index on `expiresAt` removes expired
 * captchas within about a minute, so `find` may answer null where SQLite still returns the
 * expired record (the use case then says "invalid" rather than "expired").
 */
export class MongoCaptchaStore implements CaptchaStore {
  constructor(private readonly context: MongoContext) {}

  async save(captcha: Captcha): Promise<void> {
    await this.context.collections.captchas.replaceOne({ _id: captcha.id }, toCaptchaDocument(captcha), { upsert: true });
  }

  async find(id: string): Promise<Captcha | null> {
    const document = await this.context.collections.captchas.findOne({ _id: id });
    return document ? fromCaptchaDocument(document) : null;
  }

  /**
   * Above one attempt left, one conditional `$inc`. The last attempt (or a captcha stored with
   * none) is a delete instead, so among concurrent callers exactly one sees 0 and the rest null.
   */
  async recordFailedAttempt(id: string): Promise<number | null> {
    const { captchas } = this.context.collections;
    const decremented = await captchas.findOneAndUpdate(
      { _id: id, attemptsLeft: { $gt: 1 } },
      { $inc: { attemptsLeft: -1 } },
      { returnDocument: 'after' },
    );
    if (decremented) return decremented.attemptsLeft;
    const spent = await captchas.deleteOne({ _id: id });
    return spent.deletedCount === 1 ? 0 : null;
  }

  /** `deletedCount` is 1 for exactly one of any number of concurrent calls: that is single use. */
  async consume(id: string): Promise<boolean> {
    const removed = await this.context.collections.captchas.deleteOne({ _id: id });
    return removed.deletedCount === 1;
  }

  async purgeExpired(now: number): Promise<number> {
    const removed = await this.context.collections.captchas.deleteMany({ expiresAt: { $lte: new Date(now) } });
    return removed.deletedCount;
  }
}
