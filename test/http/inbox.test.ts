import { startTestServer, TestServer } from '../support/test-server';
import { API, aMessageEnvelope, randomB64u, aSealedEnvelope, expectProblem, HttpTestClient, SignedUp } from './http-test-client';
import { SseReader } from './sse-reader';

describe('inbox', () => {
  let server: TestServer;
  let client: HttpTestClient;
  let counter = 0;

  const ownerWithDrops = async (count: number): Promise<{ owner: SignedUp; envelopes: object[]; tokenId: string }> => {
    const owner = await client.signUp(`inbox-${++counter}`);
    const token = await client.issueDropToken(owner);
    const envelopes: object[] = [];
    for (let i = 0; i < count; i++) {
      const envelope = i % 2 === 0 ? aMessageEnvelope() : aSealedEnvelope();
      envelopes.push(envelope);
      const drop = await client.request('POST', `${API}/users/${owner.name}/drops`, { token: token.token, body: { envelope } });
      expect(drop.statusCode).toBe(202);
    }
    return { owner, envelopes, tokenId: token.id };
  };

  beforeAll(async () => {
    server = await startTestServer({ listen: true, eventsHeartbeatMs: 60_000 });
    client = new HttpTestClient(server.app);
  });
  afterAll(() => server.close());

  it('lists items in arrival order, envelopes exactly as dropped, page by page', async () => {
    const { owner, envelopes, tokenId } = await ownerWithDrops(5);
    const first = await client.request('GET', `${API}/inbox?limit=2`, { token: owner.token });
    expect(first.statusCode).toBe(200);
    const page1 = first.json<{ items: Array<{ envelope: object; kind: string; tokenId: string }>; next: string | null }>();
    expect(page1.items.map((item) => item.envelope)).toEqual(envelopes.slice(0, 2));
    expect(page1.items[0]).toEqual({ id: expect.any(String), kind: 'drop', tokenId, receivedAt: expect.any(Number), envelope: envelopes[0] });
    expect(page1.next).not.toBeNull();

    const rest = await client.request('GET', `${API}/inbox?after=${page1.next}&limit=10`, { token: owner.token });
    const page2 = rest.json<{ items: Array<{ envelope: object }>; next: string | null }>();
    expect(page2.items.map((item) => item.envelope)).toEqual(envelopes.slice(2));
    expect(page2.next).toBeNull();
  });

  it('acknowledges idempotently', async () => {
    const { owner } = await ownerWithDrops(3);
    const items = (await client.request('GET', `${API}/inbox`, { token: owner.token })).json<{ items: Array<{ id: string }> }>().items;
    const ids = items.slice(0, 2).map((item) => item.id);
    const ack = await client.request('POST', `${API}/inbox/ack`, { token: owner.token, body: { ids } });
    expect(ack.statusCode).toBe(200);
    expect(ack.json()).toEqual({ deleted: 2 });
    expect((await client.request('POST', `${API}/inbox/ack`, { token: owner.token, body: { ids } })).json()).toEqual({ deleted: 0 });
    const left = (await client.request('GET', `${API}/inbox`, { token: owner.token })).json<{ items: Array<{ id: string }> }>().items;
    expect(left.map((item) => item.id)).toEqual([items[2]!.id]);
  });

  it('keeps owners apart: acking ids of another inbox deletes nothing', async () => {
    const { owner: bob } = await ownerWithDrops(1);
    const { owner: mallory } = await ownerWithDrops(0);
    const ids = (await client.request('GET', `${API}/inbox`, { token: bob.token })).json<{ items: Array<{ id: string }> }>().items.map((item) => item.id);
    expect((await client.request('POST', `${API}/inbox/ack`, { token: mallory.token, body: { ids } })).json()).toEqual({ deleted: 0 });
    expect((await client.request('GET', `${API}/inbox`, { token: bob.token })).json<{ items: unknown[] }>().items).toHaveLength(1);
  });

  it.each(['limit=0', 'limit=abc', 'limit=-1', 'limit=99999', 'limit=1.5', 'after=x%20y', 'after=', 'cursor=1', 'limit=1&limit=2'])(
    'rejects the query %s with 400',
    async (query) => {
      const { owner } = await ownerWithDrops(0);
      expectProblem(await client.request('GET', `${API}/inbox?${query}`, { token: owner.token }), 400, 'validation_failed');
    },
  );

  it('rejects too many ids in one ack', async () => {
    const { owner } = await ownerWithDrops(0);
    const ids = Array.from({ length: 1001 }, (_, i) => `id${i}`);
    expectProblem(await client.request('POST', `${API}/inbox/ack`, { token: owner.token, body: { ids } }), 400, 'validation_failed');
  });

  it('needs a session', async () => {
    expectProblem(await client.request('GET', `${API}/inbox`), 401, 'unauthorized');
    expectProblem(await client.request('POST', `${API}/inbox/ack`, { body: { ids: [] } }), 401, 'unauthorized');
    expectProblem(await client.request('GET', `${API}/inbox/events`), 401, 'unauthorized');
  });

  it('streams an inbox event when an item arrives, to its owner only, with CORS headers', async () => {
    const { owner: bob } = await ownerWithDrops(0);
    const { owner: carol } = await ownerWithDrops(0);
    const token = await client.issueDropToken(bob);
    const bobEvents = await fetch(`${server.url}${API}/inbox/events`, { headers: { authorization: `Bearer ${bob.token}`, origin: 'https://app.example' } });
    const carolEvents = await fetch(`${server.url}${API}/inbox/events`, { headers: { authorization: `Bearer ${carol.token}` } });
    expect(bobEvents.status).toBe(200);
    expect(bobEvents.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(bobEvents.headers.get('access-control-allow-origin')).toBe('*');
    const bobReader = new SseReader(bobEvents);
    const carolReader = new SseReader(carolEvents);
    await bobReader.readUntil(': subscribed\n\n');
    await carolReader.readUntil(': subscribed\n\n');

    const drop = await fetch(`${server.url}${API}/users/${bob.name}/drops`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ envelope: aMessageEnvelope() }),
    });
    expect(drop.status).toBe(202);
    expect(await bobReader.readUntil('\n\n')).toBe('event: inbox\ndata: {}\n\n');

    // Carol's stream sees nothing of Bob's drop: her next message is her own event.
    const carolToken = await client.issueDropToken(carol);
    await client.request('POST', `${API}/users/${carol.name}/drops`, { token: carolToken.token, body: { envelope: aMessageEnvelope() } });
    expect(await carolReader.readUntil('\n\n')).toBe('event: inbox\ndata: {}\n\n');

    await bobReader.cancel();
    await carolReader.cancel();
  });
});

describe('blob events', () => {
  it("tell the account's other sessions the new blob version, and neither the writing session nor other accounts", async () => {
    const server = await startTestServer({ listen: true, eventsHeartbeatMs: 60_000 });
    try {
      const client = new HttpTestClient(server.app);
      const phone = await client.signUp('blob-alice');
      const desktop = (await client.login(phone.name, phone.authKey)).json<{ token: string }>().token;
      const stranger = await client.signUp('blob-bob');
      const open = async (token: string) => {
        const reader = new SseReader(await fetch(`${server.url}${API}/inbox/events`, { headers: { authorization: `Bearer ${token}` } }));
        await reader.readUntil(': subscribed\n\n');
        return reader;
      };
      const [phoneStream, desktopStream, strangerStream] = [await open(phone.token), await open(desktop), await open(stranger.token)];

      const written = await client.request('PUT', `${API}/blob`, {
        token: phone.token,
        headers: { 'if-match': '"1"' },
        body: { ciphertext: randomB64u(64) },
      });
      expect(written.statusCode).toBe(200);

      expect(await desktopStream.readUntil('\n\n')).toBe('event: blob\ndata: {"version":2}\n\n');
      // The phone's own stream and the stranger's hear the next thing that concerns them, not the write.
      const strangerToken = await client.issueDropToken(stranger);
      await client.request('POST', `${API}/users/${stranger.name}/drops`, { token: strangerToken.token, body: { envelope: aMessageEnvelope() } });
      expect(await strangerStream.readUntil('\n\n')).toBe('event: inbox\ndata: {}\n\n');
      const phoneToken = await client.issueDropToken(phone);
      await client.request('POST', `${API}/users/${phone.name}/drops`, { token: phoneToken.token, body: { envelope: aMessageEnvelope() } });
      expect(await phoneStream.readUntil('\n\n')).toBe('event: inbox\ndata: {}\n\n');
      for (const stream of [phoneStream, desktopStream, strangerStream]) await stream.cancel();
    } finally {
      await server.close();
    }
  });
});

describe('inbox events stream lifecycle', () => {
  it('ends when the session is revoked (checked on the heartbeat) and when the server closes', async () => {
    const server = await startTestServer({ listen: true, eventsHeartbeatMs: 50 });
    const client = new HttpTestClient(server.app);
    const alice = await client.signUp('life-alice');
    const bob = await client.signUp('life-bob');
    const headers = (token: string) => ({ authorization: `Bearer ${token}` });

    const aliceStream = new SseReader(await fetch(`${server.url}${API}/inbox/events`, { headers: headers(alice.token) }));
    await aliceStream.readUntil(': heartbeat\n\n');
    await client.request('DELETE', `${API}/sessions/current`, { token: alice.token });
    expect(await aliceStream.ended()).toBe(true);

    const bobStream = new SseReader(await fetch(`${server.url}${API}/inbox/events`, { headers: headers(bob.token) }));
    await bobStream.readUntil(': subscribed\n\n');
    await server.close();
    expect(await bobStream.ended()).toBe(true);
  });
});
