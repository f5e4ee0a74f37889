import { DEFAULT_INBOX_QUOTAS } from '../../../src/domain/home-server/inbox-quota';
import { aMessageEnvelope, API, expectProblem, HttpTestClient, SignedUp } from '../../http/http-test-client';
import { HardeningServer, startHardeningServer } from '../support/hardening-server';

/** PROTOCOL §5: a drop token works only for the account that issued it, until revoked, within its quota. */
describe('drop token abuse', () => {
  let server: HardeningServer;
  let client: HttpTestClient;
  let alice: SignedUp;
  let bob: SignedUp;

  beforeAll(async () => {
    server = await startHardeningServer();
    client = new HttpTestClient(server.app);
    alice = await client.signUp('alice');
    bob = await client.signUp('bob');
  });
  afterAll(() => server.close());

  const drop = (to: string, token: string | undefined) =>
    client.request('POST', `${API}/users/${to}/drops`, { ...(token === undefined ? {} : { token }), body: { envelope: aMessageEnvelope() } });
  const inboxIds = async (owner: SignedUp) =>
    (await client.request('GET', `${API}/inbox?limit=500`, { token: owner.token })).json<{ items: Array<{ id: string }> }>().items.map((item) => item.id);

  it("a token alice issued opens alice's inbox and nobody else's", async () => {
    const forAlice = await client.issueDropToken(alice);
    const bobBefore = await inboxIds(bob);
    expect((await drop('alice', forAlice.token)).statusCode).toBe(202);
    expectProblem(await drop('bob', forAlice.token), 401, 'unauthorized');
    expect(await inboxIds(bob)).toEqual(bobBefore);
  });

  it('a revoked token is refused from then on, and the refusal stores nothing', async () => {
    const token = await client.issueDropToken(alice);
    expect((await drop('alice', token.token)).statusCode).toBe(202);
    expect((await client.request('DELETE', `${API}/drop-tokens/${token.id}`, { token: alice.token })).statusCode).toBe(204);
    const before = await inboxIds(alice);
    expectProblem(await drop('alice', token.token), 401, 'unauthorized');
    expect(await inboxIds(alice)).toEqual(before);
  });

  it("bob cannot revoke or even see alice's tokens", async () => {
    const token = await client.issueDropToken(alice);
    expectProblem(await client.request('DELETE', `${API}/drop-tokens/${token.id}`, { token: bob.token }), 404, 'not_found');
    const bobsList = (await client.request('GET', `${API}/drop-tokens`, { token: bob.token })).json<Array<{ id: string }>>();
    expect(bobsList.map((listed) => listed.id)).not.toContain(token.id);
    expect((await drop('alice', token.token)).statusCode).toBe(202);
  });

  it('the token list never shows a secret', async () => {
    const token = await client.issueDropToken(alice);
    const listing = (await client.request('GET', `${API}/drop-tokens`, { token: alice.token })).body;
    expect(listing).toContain(token.id);
    expect(listing).not.toContain(token.token);
  });

  it('a token in the URL instead of the header is ignored', async () => {
    const token = await client.issueDropToken(alice);
    const answer = await client.request('POST', `${API}/users/alice/drops?token=${token.token}&access_token=${token.token}`, { body: { envelope: aMessageEnvelope() } });
    expect(answer.statusCode).toBeGreaterThanOrEqual(400);
    expect(answer.statusCode).not.toBe(202);
  });

  it(`one token fills at most its own quota (${DEFAULT_INBOX_QUOTAS.maxItemsPerToken} items); other tokens keep working`, async () => {
    const carol = await client.signUp('carol');
    const greedy = await client.issueDropToken(carol);
    const modest = await client.issueDropToken(carol);
    for (let n = 0; n < DEFAULT_INBOX_QUOTAS.maxItemsPerToken; n += 1) {
      const answer = await drop('carol', greedy.token);
      if (answer.statusCode !== 202) throw new Error(`drop ${n}: ${answer.statusCode} ${answer.body}`);
    }
    expectProblem(await drop('carol', greedy.token), 507, 'inbox_full');
    expect((await drop('carol', modest.token)).statusCode).toBe(202);
    // Picking up makes room for the greedy token again.
    const page = (await client.request('GET', `${API}/inbox?limit=10`, { token: carol.token })).json<{ items: Array<{ id: string }> }>();
    await client.request('POST', `${API}/inbox/ack`, { token: carol.token, body: { ids: page.items.map((item) => item.id) } });
    expect((await drop('carol', greedy.token)).statusCode).toBe(202);
  });
});

/** PROTOCOL §10 STARBASE_TOKEN_BYTES: one friend's token holds at most a quarter of the inbox's bytes. */
describe('drop token byte share', () => {
  const INBOX_BYTES = 1024 * 1024;
  let server: HardeningServer;
  let client: HttpTestClient;

  beforeAll(async () => {
    server = await startHardeningServer({ config: { inboxBytes: INBOX_BYTES } });
    client = new HttpTestClient(server.app);
  });
  afterAll(() => server.close());

  const bigDrop = (token: string) =>
    client.request('POST', `${API}/users/dave/drops`, { token, body: { envelope: aMessageEnvelope(30_000) } });

  it('one token filling its share with large drops leaves room for every other token', async () => {
    const dave = await client.signUp('dave');
    const greedy = await client.issueDropToken(dave);
    const others = [await client.issueDropToken(dave), await client.issueDropToken(dave), await client.issueDropToken(dave)];
    let accepted = 0;
    for (let n = 0; n < 100; n += 1) {
      const answer = await bigDrop(greedy.token);
      if (answer.statusCode === 507) break;
      expect(answer.statusCode).toBe(202);
      accepted += 1;
    }
    expectProblem(await bigDrop(greedy.token), 507, 'inbox_full');
    const held = (await client.request('GET', `${API}/inbox?limit=500`, { token: dave.token })).json<{ items: unknown[] }>().items;
    expect(held).toHaveLength(accepted);
    const heldBytes = held.reduce<number>((sum, item) => sum + JSON.stringify((item as { envelope: unknown }).envelope).length, 0);
    expect(heldBytes).toBeLessThanOrEqual(INBOX_BYTES / 4);
    expect(heldBytes).toBeGreaterThan(INBOX_BYTES / 4 - 45_000);

    for (const other of others) expect((await bigDrop(other.token)).statusCode).toBe(202);
  });
});

/** PROTOCOL §9.2: dropped file chunks come only with a friend's token and share its quota with its messages. */
describe('dropped objects within a token’s share', () => {
  const INBOX_BYTES = 1024 * 1024;
  const CHUNK_BYTES = 64 * 1024;
  let server: HardeningServer;
  let client: HttpTestClient;

  beforeAll(async () => {
    server = await startHardeningServer({ config: { inboxBytes: INBOX_BYTES, objectBytes: CHUNK_BYTES } });
    client = new HttpTestClient(server.app);
  });
  afterAll(() => server.close());

  const dropChunk = (to: string, token: string | undefined) =>
    client.request('POST', `${API}/users/${to}/objects`, {
      ...(token === undefined ? {} : { token }),
      payload: Buffer.alloc(CHUNK_BYTES, 1),
      headers: { 'content-type': 'application/octet-stream' },
    });

  it('one token filling its share with chunks leaves room for every other token, and its own messages wait too', async () => {
    const erin = await client.signUp('erin');
    const greedy = await client.issueDropToken(erin);
    const others = [await client.issueDropToken(erin), await client.issueDropToken(erin), await client.issueDropToken(erin)];
    let accepted = 0;
    for (let n = 0; n < 100; n += 1) {
      const answer = await dropChunk('erin', greedy.token);
      if (answer.statusCode === 507) break;
      expect(answer.statusCode).toBe(202);
      accepted += 1;
    }
    expect(accepted).toBe(INBOX_BYTES / 4 / CHUNK_BYTES);
    expectProblem(await dropChunk('erin', greedy.token), 507, 'inbox_full');
    const message = await client.request('POST', `${API}/users/erin/drops`, { token: greedy.token, body: { envelope: aMessageEnvelope() } });
    expectProblem(message, 507, 'inbox_full');
    for (const other of others) expect((await dropChunk('erin', other.token)).statusCode).toBe(202);
  });

  it('a stranger drops no chunk, not even into an open inbox', async () => {
    const frank = await client.signUp('frank');
    await client.request('PATCH', `${API}/account`, { token: frank.token, body: { openInbox: true } });
    expectProblem(await dropChunk('frank', undefined), 401, 'unauthorized');
    expect((await client.request('POST', `${API}/users/frank/drops`, { body: { envelope: aMessageEnvelope() } })).statusCode).toBe(202);
  });
});
