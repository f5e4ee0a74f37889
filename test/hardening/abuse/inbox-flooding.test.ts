import { DEFAULT_INBOX_QUOTAS } from '../../../src/domain/home-server/inbox-quota';
import { aMessageEnvelope, aSealedEnvelope, API, expectProblem, HttpTestClient, SignedUp } from '../../http/http-test-client';
import { HardeningServer, startHardeningServer } from '../support/hardening-server';

const INBOX_ITEMS = 40;

/** PROTOCOL §5/§7/§10: quotas cap what strangers and friends can pile into one inbox, and only that inbox. */
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

  it(`strangers flooding an open inbox hold at most 1/16 of it, newest first, and never lock out friends`, async () => {
    const victim = await openInbox('victim');
    const bystander = await openInbox('bystander');
    const openShare = Math.floor(INBOX_ITEMS / 16);
    const strangers: string[] = [];
    for (let n = 0; n < INBOX_ITEMS * 2; n += 1) {
      const answer = await drop('victim');
      expect(answer.statusCode).toBe(202);
      strangers.push(answer.json<{ id: string }>().id);
    }
    expect((await inbox(victim)).map((item) => item.id)).toEqual(strangers.slice(-openShare));
    expect((await drop('bystander')).statusCode).toBe(202);
    expect((await inbox(bystander)).length).toBe(1);

    // A friend's token fills the rest, up to the inbox's own limit.
    const friend = await client.issueDropToken(victim);
    const friendDrop = () => client.request('POST', `${API}/users/victim/drops`, { token: friend.token, body: { envelope: aMessageEnvelope() } });
    for (let n = openShare; n < INBOX_ITEMS; n += 1) expect((await friendDrop()).statusCode).toBe(202);
    expectProblem(await friendDrop(), 507, 'inbox_full');
    expect((await inbox(victim)).length).toBe(INBOX_ITEMS);

    // The owner can still read and make room.
    const oldest = (await inbox(victim)).slice(0, 5).map((item) => item.id);
    await client.request('POST', `${API}/inbox/ack`, { token: victim.token, body: { ids: oldest } });
    expect((await friendDrop()).statusCode).toBe(202);
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
