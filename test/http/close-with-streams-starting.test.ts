import { Session } from '../../src/domain/home-server/session';
import { startTestServer } from '../support/test-server';
import { API, HttpTestClient } from './http-test-client';

/** Liveness bound, not a timing claim: a close with nothing left open takes milliseconds. */
const CLOSE_HANGS_AFTER_MS = 20_000;

describe('closing the server while an /inbox/events request is being authenticated', () => {
  it('ends that stream too, so the close finishes', async () => {
    const server = await startTestServer({ listen: true });
    const owner = await new HttpTestClient(server.app).signUp('closing-while-subscribing');
    const sessions = server.storage.sessions;
    const findActive = sessions.findActive.bind(sessions);
    let reachedCheck!: () => void;
    const atCheck = new Promise<void>((resolve) => (reachedCheck = resolve));
    let finishCheck!: () => void;
    const checkMayFinish = new Promise<void>((resolve) => (finishCheck = resolve));
    sessions.findActive = async (jti: string, now: number): Promise<Session | null> => {
      reachedCheck();
      await checkMayFinish;
      return findActive(jti, now);
    };

    const subscribing = fetch(`${server.url}${API}/inbox/events`, { headers: { authorization: `Bearer ${owner.token}` } });
    await atCheck;
    const closed = server.close();
    // Fastify runs its preClose hooks (which end every open stream) before it stops listening.
    while (server.app.server.listening) await new Promise((resolve) => setImmediate(resolve));
    finishCheck();

    let bound: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      closed.then(() => 'closed'),
      new Promise((resolve) => (bound = setTimeout(resolve, CLOSE_HANGS_AFTER_MS, 'still closing'))),
    ]);
    clearTimeout(bound);
    expect(outcome).toBe('closed');
    const response = await subscribing;
    expect(response.status).toBe(200);
    await response.text();
  }, 2 * CLOSE_HANGS_AFTER_MS);
});
