import { Session } from '../../src/domain/home-server/session';
import { startTestServer } from '../support/test-server';
import { API, HttpTestClient } from './http-test-client';

/** Liveness bound, not a timing claim: a close with nothing left open takes milliseconds. */
const CLOSE_HANGS_AFTER_MS = 20_000;

describe('closing the server while a request on a keep-alive connection is being answered', () => {
  it('closes that connection once the answer is sent, so the close does not wait for its idle timeout', async () => {
    const server = await startTestServer({ listen: true });
    const owner = await new HttpTestClient(server.app).signUp('closing-mid-answer');
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

    // fetch keeps the connection alive after the answer, as browsers and the client library do.
    const reading = fetch(`${server.url}${API}/blob`, { headers: { authorization: `Bearer ${owner.token}` } });
    await atCheck;
    const closed = server.close();
    // Node closes the connections idle at this moment, once; this one is still answering.
    while (server.app.server.listening) await new Promise((resolve) => setImmediate(resolve));
    finishCheck();
    const response = await reading;
    expect(response.ok).toBe(true);
    await response.arrayBuffer();

    let bound: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      closed.then(() => 'closed'),
      new Promise((resolve) => (bound = setTimeout(resolve, CLOSE_HANGS_AFTER_MS, 'still closing'))),
    ]);
    clearTimeout(bound);
    expect(outcome).toBe('closed');
  }, 2 * CLOSE_HANGS_AFTER_MS);
});
