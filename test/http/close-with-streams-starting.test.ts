import { startTestServer } from '../support/test-server';
import { CLOSE_HANGS_AFTER_MS, closeOutcome, holdSessionChecks, untilNoLongerListening } from './closing-mid-request';
import { API, HttpTestClient } from './http-test-client';

describe('closing the server while an /inbox/events request is being authenticated', () => {
  it('ends that stream too, so the close finishes', async () => {
    const server = await startTestServer({ listen: true });
    const owner = await new HttpTestClient(server.app).signUp('closing-while-subscribing');
    const check = holdSessionChecks(server.storage.sessions);

    const subscribing = fetch(`${server.url}${API}/inbox/events`, { headers: { authorization: `Bearer ${owner.token}` } });
    await check.reached;
    const closed = server.close();
    // Fastify runs its preClose hooks (which end every open stream) before it stops listening.
    await untilNoLongerListening(server);
    check.finish();

    expect(await closeOutcome(closed)).toBe('closed');
    const response = await subscribing;
    expect(response.status).toBe(200);
    await response.text();
  }, 2 * CLOSE_HANGS_AFTER_MS);
});
