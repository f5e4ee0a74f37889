import { SseReader } from '../../http/sse-reader';
import { API, HttpTestClient, SignedUp } from '../../http/http-test-client';
import { HardeningServer, startHardeningServer } from '../support/hardening-server';

const PER_ACCOUNT = 2;
const PER_ADDRESS = 3;

/** PROTOCOL §5 `/inbox/events`: each stream holds a connection and a timer, so neither one session nor one address may open them without end. */
describe('event stream caps', () => {
  let server: HardeningServer;
  let client: HttpTestClient;
  let alice: SignedUp;
  let bob: SignedUp;
  const readers: SseReader[] = [];

  beforeAll(async () => {
    server = await startHardeningServer({
      listen: true,
      clientLimits: { eventStreamsPerAccount: PER_ACCOUNT, eventStreamsPerAddress: PER_ADDRESS },
    });
    client = new HttpTestClient(server.app);
    alice = await client.signUp('alice');
    bob = await client.signUp('bob');
  });
  afterAll(async () => {
    await Promise.all(readers.map((reader) => reader.cancel()));
    await server.close();
  });

  const openStream = async (who: SignedUp): Promise<Response> =>
    fetch(`${server.url}${API}/inbox/events`, { headers: { authorization: `Bearer ${who.token}` } });

  const subscribed = async (who: SignedUp): Promise<SseReader> => {
    const response = await openStream(who);
    expect(response.status).toBe(200);
    const reader = new SseReader(response);
    readers.push(reader);
    await reader.readUntil(': subscribed\n\n');
    return reader;
  };

  const expectRefused = async (who: SignedUp, whose: string): Promise<void> => {
    const refused = await openStream(who);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = (await refused.json()) as { code: string; detail: string };
    expect(body.code).toBe('rate_limited');
    expect(body.detail).toContain(whose);
  };

  it('refuses an account’s stream beyond its cap with 429 problem+json, and takes one again once a stream closes', async () => {
    const first = await subscribed(alice);
    await subscribed(alice);
    await expectRefused(alice, 'this account');

    await first.cancel();
    let reopened: Response | null = null;
    for (let attempt = 0; attempt < 50 && reopened?.status !== 200; attempt += 1) {
      if (reopened) await reopened.body?.cancel();
      reopened = await openStream(alice);
      if (reopened.status !== 200) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(reopened?.status).toBe(200);
    if (reopened) readers.push(new SseReader(reopened));
  });

  it('refuses streams beyond the cap of one client address, whatever the account', async () => {
    // alice still holds two streams from the test above.
    await subscribed(bob);
    await expectRefused(bob, 'this client address');
  });
});
