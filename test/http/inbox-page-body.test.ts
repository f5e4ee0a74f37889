import { Value } from '@sinclair/typebox/value';
import { InboxPage } from '../../src/domain/protocol/wire/inbox';
import { useTestServer } from './use-test-server';
import { API, aMessageEnvelope, aSealedEnvelope } from './http-test-client';

describe('GET /inbox body', () => {
  const served = useTestServer();

  it('is JSON that conforms to the wire InboxPage, with both envelope kinds as dropped', async () => {
    const owner = await served.client.signUp('page-body');
    const token = await served.client.issueDropToken(owner);
    const envelopes = [aMessageEnvelope(), aSealedEnvelope(300), aMessageEnvelope(1000)];
    for (const envelope of envelopes) {
      expect((await served.client.request('POST', `${API}/users/${owner.name}/drops`, { token: token.token, body: { envelope } })).statusCode).toBe(202);
    }

    const page = await served.client.request('GET', `${API}/inbox?limit=2`, { token: owner.token });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('application/json; charset=utf-8');
    const body = page.json<InboxPage>();
    expect(Value.Check(InboxPage, body)).toBe(true);
    expect(body.items.map((item) => item.envelope)).toEqual(envelopes.slice(0, 2));
    expect(body.items.every((item) => item.tokenId === token.id && item.kind === 'drop')).toBe(true);

    const rest = await served.client.request('GET', `${API}/inbox?after=${body.next}`, { token: owner.token });
    expect(rest.json()).toEqual({ items: [expect.objectContaining({ envelope: envelopes[2] })], next: null });
  });

  it('is an empty page for an empty inbox', async () => {
    const owner = await served.client.signUp('page-body-empty');
    const page = await served.client.request('GET', `${API}/inbox`, { token: owner.token });
    expect(page.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(page.body).toBe('{"items":[],"next":null}');
  });
});

describe.each(['memory', 'sqlite'] as const)('GET /inbox of an inbox read before (%s)', (storage) => {
  const served = useTestServer({ storage });

  const envelopesOf = async (token: string, query = ''): Promise<unknown[]> => {
    const page = await served.client.request('GET', `${API}/inbox${query}`, { token });
    expect(page.statusCode).toBe(200);
    return page.json<InboxPage>().items.map((item) => item.envelope);
  };

  it('answers the same page while nothing changed, and a new one after every drop and ack', async () => {
    const owner = await served.client.signUp(`page-again-${storage}`);
    const token = await served.client.issueDropToken(owner);
    const drop = async (envelope: object): Promise<void> => {
      expect((await served.client.request('POST', `${API}/users/${owner.name}/drops`, { token: token.token, body: { envelope } })).statusCode).toBe(202);
    };
    const [first, second] = [aMessageEnvelope(), aMessageEnvelope(200)];
    await drop(first);
    expect(await envelopesOf(owner.token)).toEqual([first]);
    expect(await envelopesOf(owner.token)).toEqual([first]);
    expect(await envelopesOf(owner.token, '?limit=1')).toEqual([first]);

    await drop(second);
    expect(await envelopesOf(owner.token)).toEqual([first, second]);
    expect(await envelopesOf(owner.token, '?limit=1')).toEqual([first]);

    const ids = (await served.client.request('GET', `${API}/inbox`, { token: owner.token })).json<InboxPage>().items.map((item) => item.id);
    await served.client.request('POST', `${API}/inbox/ack`, { token: owner.token, body: { ids: ids.slice(0, 1) } });
    expect(await envelopesOf(owner.token)).toEqual([second]);
    expect(await envelopesOf(owner.token, '?limit=1')).toEqual([second]);
  });

  it('answers each owner their own page', async () => {
    const alice = await served.client.signUp(`page-alice-${storage}`);
    const bob = await served.client.signUp(`page-bob-${storage}`);
    const token = await served.client.issueDropToken(alice);
    const envelope = aSealedEnvelope(100);
    expect((await served.client.request('POST', `${API}/users/${alice.name}/drops`, { token: token.token, body: { envelope } })).statusCode).toBe(202);
    expect(await envelopesOf(alice.token)).toEqual([envelope]);
    expect(await envelopesOf(bob.token)).toEqual([]);
  });
});
