import { SessionRepository } from '../../src/application/ports/session-repository';
import { Session } from '../../src/domain/home-server/session';
import { TestServer } from '../support/test-server';

/** Liveness bound, not a timing claim: a close with nothing left open takes milliseconds. */
export const CLOSE_HANGS_AFTER_MS = 20_000;

export interface HeldSessionCheck {
  /** Resolves once a request reached the session check. */
  readonly reached: Promise<void>;
  /** Lets that check (and any later one) go on. */
  finish(): void;
}

/** Holds every session check of `sessions` until `finish`, so a test can act while a request is mid-way. */
export const holdSessionChecks = (sessions: SessionRepository): HeldSessionCheck => {
  const findActive = sessions.findActive.bind(sessions);
  let reachedCheck!: () => void;
  const reached = new Promise<void>((resolve) => (reachedCheck = resolve));
  let finish!: () => void;
  const mayFinish = new Promise<void>((resolve) => (finish = resolve));
  sessions.findActive = async (jti: string, now: number): Promise<Session | null> => {
    reachedCheck();
    await mayFinish;
    return findActive(jti, now);
  };
  return { reached, finish };
};

/** Once the server has begun closing (its preClose hooks ran, it no longer listens). */
export const untilNoLongerListening = async (server: TestServer): Promise<void> => {
  while (server.app.server.listening) await new Promise((resolve) => setImmediate(resolve));
};

/** 'closed', or 'still closing' when `closed` took longer than the liveness bound. */
export const closeOutcome = async (closed: Promise<void>): Promise<string> => {
  let bound: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    closed.then(() => 'closed'),
    new Promise<string>((resolve) => (bound = setTimeout(resolve, CLOSE_HANGS_AFTER_MS, 'still closing'))),
  ]);
  clearTimeout(bound);
  return outcome;
};
