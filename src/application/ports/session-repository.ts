import { Session } from '../../domain/home-server/session';

export interface SessionRepository {
  /** Stores nothing when the account no longer exists (deleted since the caller checked). */
  create(session: Session): Promise<void>;
  /** The session if it is recorded and not expired at `now`. */
  findActive(jti: string, now: number): Promise<Session | null>;
  revoke(jti: string): Promise<void>;
  revokeAll(name: string): Promise<number>;
  purgeExpired(now: number): Promise<number>;
}
