import { API, aMessageEnvelope, expectProblem } from './http-test-client';
import { useTestServer } from './use-test-server';

describe('drop tokens', () => {
  const served = useTestServer();

  it('issues a token once, lists it without its secret, counts its uses, and revokes it', async () => {
    const bob = await served.client.signUp('tokens-bob');
    const issued = await served.client.issueDropToken(bob);
    expect(issued.token).toMatch(/^[A-Za-z0-9_-]{22,}$/);

    const drop = await served.client.request('POST', `${API}/users/tokens-bob/drops`, { token: issued.token, body: { envelope: aMessageEnvelope() } });
    expect(drop.statusCode).toBe(202);

    const list = await served.client.request('GET', `${API}/drop-tokens`, { token: bob.token });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual([{ id: issued.id, createdAt: expect.any(Number), lastUsedAt: expect.any(Number), uses: 1 }]);
    expect(list.body).not.toContain(issued.token);

    expect((await served.client.request('DELETE', `${API}/drop-tokens/${issued.id}`, { token: bob.token })).statusCode).toBe(204);
    const after = await served.client.request('POST', `${API}/users/tokens-bob/drops`, { token: issued.token, body: { envelope: aMessageEnvelope() } });
    expectProblem(after, 401, 'unauthorized');
  });

  it('accepts a POST without a body as {}', async () => {
    const bob = await served.client.signUp('tokens-carol');
    const response = await served.client.request('POST', `${API}/drop-tokens`, { token: bob.token });
    expect(response.statusCode).toBe(201);
  });

  it('rejects fields in the empty body', async () => {
    const bob = await served.client.signUp('tokens-dave');
    expectProblem(await served.client.request('POST', `${API}/drop-tokens`, { token: bob.token, body: { label: 'x' } }), 400, 'validation_failed');
  });

  it('answers 404 for revoking an unknown or someone else\'s token', async () => {
    const bob = await served.client.signUp('tokens-erin');
    const mallory = await served.client.signUp('tokens-mallory');
    const issued = await served.client.issueDropToken(bob);
    expectProblem(await served.client.request('DELETE', `${API}/drop-tokens/${issued.id}`, { token: mallory.token }), 404, 'not_found');
    expectProblem(await served.client.request('DELETE', `${API}/drop-tokens/unknown-id`, { token: bob.token }), 404, 'not_found');
  });

  it('needs a session', async () => {
    expectProblem(await served.client.request('GET', `${API}/drop-tokens`), 401, 'unauthorized');
    expectProblem(await served.client.request('POST', `${API}/drop-tokens`, { body: {} }), 401, 'unauthorized');
  });

  it('a token works only for the account it was issued by', async () => {
    const bob = await served.client.signUp('tokens-frank');
    await served.client.signUp('tokens-gina');
    const issued = await served.client.issueDropToken(bob);
    const elsewhere = await served.client.request('POST', `${API}/users/tokens-gina/drops`, { token: issued.token, body: { envelope: aMessageEnvelope() } });
    expectProblem(elsewhere, 401, 'unauthorized');
  });
});
