import { startTestServer } from '../support/test-server';
import { CLOSE_HANGS_AFTER_MS, closeOutcome, holdSessionChecks, untilNoLongerListening } from './closing-mid-request';
import { API, HttpTestClient } from './http-test-client';

describe('closing the server while a request on a keep-alive connection is being answered', () => {
  it('closes that connection once the answer is sent, so the close does not wait for its idle timeout', async () => {
    const server = await startTestServer({ listen: true });
    const owner = await new HttpTestClient(server.app).signUp('closing-mid-answer');
    const check = holdSessionChecks(server.storage.sessions);

    // fetch keeps the connection alive after the answer, as browsers and the client library do.
    const reading = fetch(`${server.url}${API}/blob`, { headers: { authorization: `Bearer ${owner.token}` } });
    await check.reached;
    const closed = server.close();
    // Node closes the connections idle at this moment, once; this one is still answering.
    await untilNoLongerListening(server);
    check.finish();
    const response = await reading;
    expect(response.ok).toBe(true);
    await response.arrayBuffer();

    expect(await closeOutcome(closed)).toBe('closed');
  }, 2 * CLOSE_HANGS_AFTER_MS);
});
