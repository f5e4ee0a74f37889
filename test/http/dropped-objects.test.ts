import { randomBytes } from 'node:crypto';
import { API, aMessageEnvelope, expectProblem, randomB64u, SignedUp } from './http-test-client';
import { useTestServer } from './use-test-server';

const OCTETS = { 'content-type': 'application/octet-stream' };

describe('dropped objects (PROTOCOL §9.2)', () => {
  // Small limits so quotas are reached with small bodies: a token may hold 4 KiB, the inbox 8 KiB.
  const served = useTestServer({ config: { objectBytes: 2048, inboxBytes: 8192, tokenBytes: 4096, storeBytes: 8192 } });
  let counter = 0;
  const fresh = (): Promise<SignedUp> => served.client.signUp(`dropee-${++counter}`);
  const dropObject = (recipient: string, token: string | undefined, bytes: Buffer, headers: Record<string, string> = OCTETS) =>
    served.client.request('POST', `${API}/users/${recipient}/objects`, { ...(token === undefined ? {} : { token }), payload: bytes, headers });
  const dropped = async (recipient: string, token: string, bytes: Buffer): Promise<string> => {
    const response = await dropObject(recipient, token, bytes);
    expect(response.statusCode).toBe(202);
    return response.json<{ id: string }>().id;
  };
  const writeHead = (owner: SignedUp, version: number, objects: unknown) =>
    served.client.request('PUT', `${API}/blob`, {
      token: owner.token,
      body: { ciphertext: randomB64u(80), objects },
      headers: { 'if-match': `"${version}"` },
    });
  const getObject = (owner: SignedUp, id: string) => served.client.request('GET', `${API}/store/objects/${id}`, { token: owner.token });
  const ack = (owner: SignedUp, body: unknown) => served.client.request('POST', `${API}/inbox/ack`, { token: owner.token, body });

  describe('POST /users/{name}/objects', () => {
    it('takes raw bytes with a friend’s drop token: 202 with a fresh 22-character id, unreadable until claimed', async () => {
      const bob = await fresh();
      const { token } = await served.client.issueDropToken(bob);
      const bytes = randomBytes(1500);
      const first = await dropObject(bob.name, token, bytes);
      expect(first.statusCode).toBe(202);
      const { id } = first.json<{ id: string }>();
      expect(first.json()).toEqual({ id: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/) });
      expect(await dropped(bob.name, token, bytes)).not.toBe(id);

      expectProblem(await getObject(bob, id), 404, 'not_found');
      const listed = await served.client.request('GET', `${API}/store/objects`, { token: bob.token });
      expect(listed.json()).toEqual({ items: [], next: null });

      const claimed = await writeHead(bob, 1, { claim: [id] });
      expect(claimed.statusCode).toBe(200);
      const read = await getObject(bob, id);
      expect(read.statusCode).toBe(200);
      expect(Buffer.compare(read.rawPayload, bytes)).toBe(0);
      const committed = await served.client.request('GET', `${API}/store/objects?state=committed`, { token: bob.token });
      expect(committed.json()).toEqual({ items: [expect.objectContaining({ id, bytes: 1500, state: 'committed' })], next: null });
    });

    it('answers 401 without a token, even into an open inbox, and for a token that is not the recipient’s', async () => {
      const bob = await fresh();
      const carol = await fresh();
      const carolsToken = await served.client.issueDropToken(carol);
      await served.client.request('PATCH', `${API}/account`, { token: bob.token, body: { openInbox: true } });
      expectProblem(await dropObject(bob.name, undefined, randomBytes(10)), 401, 'unauthorized');
      expectProblem(await dropObject(bob.name, carolsToken.token, randomBytes(10)), 401, 'unauthorized');
      expectProblem(await dropObject(bob.name, 'not-a-token', randomBytes(10)), 401, 'unauthorized');
      // A session token is no drop token either.
      expectProblem(await dropObject(bob.name, bob.token, randomBytes(10)), 401, 'unauthorized');
    });

    it('answers 401 for a revoked token and 404 for an account that does not exist', async () => {
      const bob = await fresh();
      const issued = await served.client.issueDropToken(bob);
      await served.client.request('DELETE', `${API}/drop-tokens/${issued.id}`, { token: bob.token });
      expectProblem(await dropObject(bob.name, issued.token, randomBytes(10)), 401, 'unauthorized');
      expectProblem(await dropObject('nobody-here', issued.token, randomBytes(10)), 404, 'not_found');
    });

    it('answers 413 payload_too_large past objectBytes', async () => {
      const bob = await fresh();
      const { token } = await served.client.issueDropToken(bob);
      expectProblem(await dropObject(bob.name, token, randomBytes(2049)), 413, 'payload_too_large');
      expect((await dropObject(bob.name, token, randomBytes(2048))).statusCode).toBe(202);
    });

    it.each([
      ['application/json', JSON.stringify({ bytes: 'AAAA' })],
      ['text/plain', 'hello'],
    ])('answers %s with 415 unsupported_media_type', async (type, body) => {
      const bob = await fresh();
      const { token } = await served.client.issueDropToken(bob);
      expectProblem(await dropObject(bob.name, token, Buffer.from(body), { 'content-type': type }), 415, 'unsupported_media_type');
    });

    it('answers a POST without a body or content type with 415', async () => {
      const bob = await fresh();
      const { token } = await served.client.issueDropToken(bob);
      expectProblem(await served.client.request('POST', `${API}/users/${bob.name}/objects`, { token }), 415, 'unsupported_media_type');
    });

    it('answers 507 inbox_full past the token’s bytes, envelopes and objects together, while another token still fits', async () => {
      const bob = await fresh();
      const first = await served.client.issueDropToken(bob);
      const second = await served.client.issueDropToken(bob);
      await dropped(bob.name, first.token, randomBytes(2048));
      await dropped(bob.name, first.token, randomBytes(1900));
      expectProblem(await dropObject(bob.name, first.token, randomBytes(200)), 507, 'inbox_full');
      const drop = await served.client.request('POST', `${API}/users/${bob.name}/drops`, {
        token: first.token,
        body: { envelope: aMessageEnvelope(200) },
      });
      expectProblem(drop, 507, 'inbox_full');
      expect((await dropObject(bob.name, second.token, randomBytes(2048))).statusCode).toBe(202);
      // 4096 + 2048 of 8192 held: the inbox itself refuses past its bytes.
      await dropped(bob.name, second.token, randomBytes(1900));
      expectProblem(await dropObject(bob.name, (await served.client.issueDropToken(bob)).token, randomBytes(300)), 507, 'inbox_full');
    });

    it('gives the token its bytes back once the objects are claimed', async () => {
      const bob = await fresh();
      const { token } = await served.client.issueDropToken(bob);
      const ids = [await dropped(bob.name, token, randomBytes(2048)), await dropped(bob.name, token, randomBytes(2048))];
      expectProblem(await dropObject(bob.name, token, randomBytes(1)), 507, 'inbox_full');
      expect((await writeHead(bob, 1, { claim: ids })).statusCode).toBe(200);
      expect((await dropObject(bob.name, token, randomBytes(2048))).statusCode).toBe(202);
    });

    it('answers 507 store_full for a claim past storeBytes, and the object stays claimable', async () => {
      const bob = await fresh();
      const dropWithFreshToken = async () => dropped(bob.name, (await served.client.issueDropToken(bob)).token, randomBytes(2000));
      const ids = [await dropWithFreshToken(), await dropWithFreshToken(), await dropWithFreshToken()];
      expect((await writeHead(bob, 1, { claim: ids })).statusCode).toBe(200);
      const more = [await dropWithFreshToken(), await dropWithFreshToken()];
      // 80 (head) + 5 × 2000 > 8192.
      expectProblem(await writeHead(bob, 2, { claim: more }), 507, 'store_full');
      expect((await writeHead(bob, 2, { claim: [more[0]] })).statusCode).toBe(200);
    });
  });

  describe('POST /inbox/ack with objects', () => {
    it('deletes dropped objects the client will not claim, and `deleted` counts inbox items only', async () => {
      const bob = await fresh();
      const { token } = await served.client.issueDropToken(bob);
      const item = await served.client.request('POST', `${API}/users/${bob.name}/drops`, { token, body: { envelope: aMessageEnvelope() } });
      const itemId = item.json<{ id: string }>().id;
      const unwanted = await dropped(bob.name, token, randomBytes(100));
      const wanted = await dropped(bob.name, token, randomBytes(100));

      const acked = await ack(bob, { ids: [itemId], objects: [unwanted] });
      expect(acked.statusCode).toBe(200);
      expect(acked.json()).toEqual({ deleted: 1 });
      expect((await ack(bob, { ids: [], objects: [unwanted] })).json()).toEqual({ deleted: 0 });

      expect(expectProblem(await writeHead(bob, 1, { claim: [unwanted, wanted] }), 409, 'object_missing')).toMatchObject({ missing: [unwanted] });
      expect((await writeHead(bob, 1, { claim: [wanted] })).statusCode).toBe(200);
      // An object of the store is never deleted through the inbox.
      expect((await ack(bob, { ids: [], objects: [wanted] })).json()).toEqual({ deleted: 0 });
      expect((await getObject(bob, wanted)).statusCode).toBe(200);
    });

    it.each([
      ['an object id that is not 22 characters of b64u', { ids: [], objects: ['short'] }],
      ['objects that is not a list', { ids: [], objects: 'x' }],
      ['objects without ids', { objects: [] }],
      ['more than 1000 objects', { ids: [], objects: Array.from({ length: 1001 }, () => 'A'.repeat(22)) }],
    ])('answers %s with 400', async (_what, body) => {
      const bob = await fresh();
      expectProblem(await ack(bob, body), 400, 'validation_failed');
    });
  });
});
