import { DEFAULT_INBOX_QUOTAS } from '../../../src/domain/dead-drop';
import { aMessageEnvelope, aSealedEnvelope, API, expectProblem, HttpTestClient, SignedUp } from '../../http/http-test-client';
import { HardeningServer, startHardeningServer } from '../support/hardening-server';

const INBOX_ITEMS = 40;

/** PROTOCOL §5/§7: quotas cap what strangers and friends can pile into one inbox, and only that inbox. */
describe('inbox flooding', () => {
  let server: HardeningServer;
  let client: HttpTestClient;

  beforeAll(async () => {
    server = await startHardeningServer({ config: { inboxItems: INBOX_ITEMS } });
    client = new HttpTestClient(server.app);
  });
  afterAll(() => server.close());

  const openInbox = async (name: string): Promise<SignedUp> => {
    const owner = await client.signUp(name);
    await client.request('PATCH', `${API}/account`, { token: owner.token, body: { openInbox: true } });
    return owner;
  };
  const drop = (to: string) => client.request('POST', `${API}/users/${to}/drops`, { body: { envelope: aSealedEnvelope() } });
  const inbox = async (owner: SignedUp) =>
    (await client.request('GET', `${API}/inbox?limit=500`, { token: owner.token })).json<{ items: Array<{ id: string; kind: string }> }>().items;

  it(`a flooded inbox answers 507 inbox_full at ${INBOX_ITEMS} items while other inboxes keep working`, async () => {
    const victim = await openInbox('victim');
    const bystander = await openInbox('bystander');
    for (let n = 0; n < INBOX_ITEMS; n += 1) expect((await drop('victim')).statusCode).toBe(202);

    expectProblem(await drop('victim'), 507, 'inbox_full');
    expect((await inbox(victim)).length).toBe(INBOX_ITEMS);
    expect((await drop('bystander')).statusCode).toBe(202);
    expect((await inbox(bystander)).length).toBe(1);

    // The owner can still read and make room.
    const oldest = (await inbox(victim)).slice(0, 5).map((item) => item.id);
    await client.request('POST', `${API}/inbox/ack`, { token: victim.token, body: { ids: oldest } });
    expect((await drop('victim')).statusCode).toBe(202);
  });
});

describe('friend request queue', () => {
  let server: HardeningServer;
  let client: HttpTestClient;

  beforeAll(async () => {
    server = await startHardeningServer();
    client = new HttpTestClient(server.app);
  });
  afterAll(() => server.close());

  it(`holds at most ${DEFAULT_INBOX_QUOTAS.maxFriendRequests}: the oldest request is evicted, never a friend's drop`, async () => {
    const owner = await client.signUp('popular');
    const friend = await client.issueDropToken(owner);
    expect((await client.request('POST', `${API}/users/popular/drops`, { token: friend.token, body: { envelope: aMessageEnvelope() } })).statusCode).toBe(202);
    const requestIds: string[] = [];
    for (let n = 0; n < DEFAULT_INBOX_QUOTAS.maxFriendRequests + 3; n += 1) {
      const captcha = await client.solvedCaptcha('popular');
      const answer = await client.request('POST', `${API}/users/popular/friend-requests`, { body: { captcha, envelope: aSealedEnvelope() } });
      expect(answer.statusCode).toBe(202);
      requestIds.push(answer.json<{ id: string }>().id);
    }

    const items = (await client.request('GET', `${API}/inbox?limit=500`, { token: owner.token })).json<{ items: Array<{ id: string; kind: string }> }>().items;
    expect(items.filter((item) => item.kind === 'friend-request').map((item) => item.id)).toEqual(requestIds.slice(3));
    expect(items.filter((item) => item.kind === 'drop')).toHaveLength(1);
  });
});
