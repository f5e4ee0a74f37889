import { SessionRepository } from '../../../application/ports/session-repository';
import { Session } from '../../../domain/home-server/session';
import { MemoryState } from './memory-state';

export class MemorySessionRepository implements SessionRepository {
  constructor(private readonly state: MemoryState) {}

  async create(session: Session): Promise<void> {
    if (!this.state.accounts.has(session.name)) return;
    this.state.sessions.set(session.jti, { ...session });
  }

  async findActive(jti: string, now: number): Promise<Session | null> {
    const session = this.state.sessions.get(jti);
    return session && now < session.expiresAt ? { ...session } : null;
  }

  async revoke(jti: string): Promise<void> {
    this.state.sessions.delete(jti);
  }

  async revokeAll(name: string): Promise<number> {
    return this.deleteWhere((session) => session.name === name);
  }

  async purgeExpired(now: number): Promise<number> {
    return this.deleteWhere((session) => now >= session.expiresAt);
  }

  private deleteWhere(predicate: (session: Session) => boolean): number {
    let deleted = 0;
    for (const [jti, session] of this.state.sessions) {
      if (predicate(session)) {
        this.state.sessions.delete(jti);
        deleted++;
      }
    }
    return deleted;
  }
}
