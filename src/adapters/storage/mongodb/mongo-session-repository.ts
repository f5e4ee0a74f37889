import { SessionRepository } from '../../../application/ports/session-repository';
import { Session } from '../../../domain/home-server/session';
import { MongoContext } from './mongo-context';
import { fromSessionDocument, toSessionDocument } from './mongo-documents';

/** The TTL index on `expiresAt` removes expired sessions even when nobody calls purgeExpired. */
export class MongoSessionRepository implements SessionRepository {
  constructor(private readonly context: MongoContext) {}

  async create(session: Session): Promise<void> {
    await this.context.collections.sessions.insertOne(toSessionDocument(session));
  }

  async findActive(jti: string, now: number): Promise<Session | null> {
    const document = await this.context.collections.sessions.findOne({ _id: jti, expiresAt: { $gt: new Date(now) } });
    return document ? fromSessionDocument(document) : null;
  }

  async revoke(jti: string): Promise<void> {
    await this.context.collections.sessions.deleteOne({ _id: jti });
  }

  async revokeAll(name: string): Promise<number> {
    const removed = await this.context.collections.sessions.deleteMany({ name });
    return removed.deletedCount;
  }

  async purgeExpired(now: number): Promise<number> {
    const removed = await this.context.collections.sessions.deleteMany({ expiresAt: { $lte: new Date(now) } });
    return removed.deletedCount;
  }
}
