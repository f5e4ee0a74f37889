import { aKdfBody, API, expectProblem, randomB64u, SignedUp } from './http-test-client';
import { useTestServer } from './use-test-server';

describe('blob and own account', () => {
  const served = useTestServer({ config: { blobBytes: 4096 } });
  let counter = 0;
  const fresh = (): Promise<SignedUp> => served.client.signUp(`owner-${++counter}`);

  describe('GET/PUT /blob', () => {
    it('reads version 1 with a strong ETag after registration', async () => {
      const alice = await fresh();
      const response = await served.client.request('GET', `${API}/blob`, { token: alice.token });
      expect(response.statusCode).toBe(200);
      expect(response.headers.etag).toBe('"1"');
      expect(response.json()).toEqual({ version: 1, ciphertext: expect.stringMatching(/^[A-Za-z0-9_-]+$/) });
    });

    it('writes with If-Match and bumps the version', async () => {
      const alice = await fresh();
      const ciphertext = randomB64u(100);
      const write = await served.client.request('PUT', `${API}/blob`, { token: alice.token, body: { ciphertext }, headers: { 'if-match': '"1"' } });
      expect(write.statusCode).toBe(200);
      expect(write.json()).toEqual({ version: 2 });
      const read = await served.client.request('GET', `${API}/blob`, { token: alice.token });
      expect(read.json()).toEqual({ version: 2, ciphertext });
      expect(read.headers.etag).toBe('"2"');
    });

    it('answers a stale If-Match with 412 version_conflict and the current version', async () => {
      const alice = await fresh();
      await served.client.request('PUT', `${API}/blob`, { token: alice.token, body: { ciphertext: randomB64u(10) }, headers: { 'if-match': '"1"' } });
      const stale = await served.client.request('PUT', `${API}/blob`, { token: alice.token, body: { ciphertext: randomB64u(10) }, headers: { 'if-match': '"1"' } });
      const problem = expectProblem(stale, 412, 'version_conflict');
      expect(problem.currentVersion).toBe(2);
    });

    it('answers a write without If-Match with 428 precondition_required', async () => {
      const alice = await fresh();
      expectProblem(await served.client.request('PUT', `${API}/blob`, { token: alice.token, body: { ciphertext: randomB64u(10) } }), 428, 'precondition_required');
    });

    it.each(['1', 'W/"1"', '"1", "2"', '*', '"-1"', '"0x1"'])('rejects If-Match %s with 400', async (ifMatch) => {
      const alice = await fresh();
      const response = await served.client.request('PUT', `${API}/blob`, { token: alice.token, body: { ciphertext: randomB64u(10) }, headers: { 'if-match': ifMatch } });
      expectProblem(response, 400, 'validation_failed');
    });

    it('answers a blob over the limit with 413 payload_too_large', async () => {
      const alice = await fresh();
      const response = await served.client.request('PUT', `${API}/blob`, { token: alice.token, body: { ciphertext: randomB64u(4097) }, headers: { 'if-match': '"1"' } });
      expectProblem(response, 413, 'payload_too_large');
    });

    it('rejects unknown fields in the write', async () => {
      const alice = await fresh();
      const response = await served.client.request('PUT', `${API}/blob`, {
        token: alice.token,
        body: { ciphertext: randomB64u(10), version: 5 },
        headers: { 'if-match': '"1"' },
      });
      expectProblem(response, 400, 'validation_failed');
    });
  });

  describe('PATCH /account', () => {
    it('opens the inbox and answers with the account view', async () => {
      const alice = await fresh();
      const response = await served.client.request('PATCH', `${API}/account`, { token: alice.token, body: { openInbox: true }, headers: { host: 'chat.example.org' } });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({
        name: alice.name,
        address: `${alice.name}@chat.example.org`,
        identityKey: expect.any(String),
        openInbox: true,
        createdAt: expect.any(Number),
      });
      const profile = await served.client.request('GET', `${API}/users/${alice.name}/profile`);
      expect(profile.json()).toMatchObject({ openInbox: true });
    });

    it('does not coerce "true" into a boolean', async () => {
      const alice = await fresh();
      expectProblem(await served.client.request('PATCH', `${API}/account`, { token: alice.token, body: { openInbox: 'true' } }), 400, 'validation_failed');
    });
  });

  describe('PUT /account/credentials', () => {
    const change = (owner: SignedUp, overrides: Record<string, unknown> = {}) => ({
      currentAuthKey: owner.authKey,
      authKey: randomB64u(32),
      kdf: aKdfBody(),
      blob: { version: 1, ciphertext: randomB64u(64) },
      ...overrides,
    });

    it('changes the password atomically and revokes every session', async () => {
      const alice = await fresh();
      const body = change(alice);
      const response = await served.client.request('PUT', `${API}/account/credentials`, { token: alice.token, body });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ version: 2 });
      expectProblem(await served.client.request('GET', `${API}/blob`, { token: alice.token }), 401, 'unauthorized');
      expectProblem(await served.client.login(alice.name, alice.authKey), 401, 'unauthorized');
      const login = await served.client.login(alice.name, body.authKey);
      expect(login.statusCode).toBe(201);
      const kdf = await served.client.request('GET', `${API}/accounts/${alice.name}/kdf`);
      expect(kdf.json()).toEqual(body.kdf);
    });

    it('answers a wrong current key with 403 forbidden and changes nothing', async () => {
      const alice = await fresh();
      const response = await served.client.request('PUT', `${API}/account/credentials`, { token: alice.token, body: change(alice, { currentAuthKey: randomB64u(32) }) });
      expectProblem(response, 403, 'forbidden');
      expect((await served.client.login(alice.name, alice.authKey)).statusCode).toBe(201);
    });

    it('answers a stale blob version with 412', async () => {
      const alice = await fresh();
      const response = await served.client.request('PUT', `${API}/account/credentials`, {
        token: alice.token,
        body: change(alice, { blob: { version: 7, ciphertext: randomB64u(10) } }),
      });
      expectProblem(response, 412, 'version_conflict');
    });
  });

  describe('DELETE /account', () => {
    it('needs the authKey again', async () => {
      const alice = await fresh();
      expectProblem(await served.client.request('DELETE', `${API}/account`, { token: alice.token, body: { authKey: randomB64u(32) } }), 403, 'forbidden');
      expectProblem(await served.client.request('DELETE', `${API}/account`, { token: alice.token, body: {} }), 400, 'validation_failed');
    });

    it('removes the account, its sessions and its public profile', async () => {
      const alice = await fresh();
      const response = await served.client.request('DELETE', `${API}/account`, { token: alice.token, body: { authKey: alice.authKey } });
      expect(response.statusCode).toBe(204);
      expectProblem(await served.client.request('GET', `${API}/blob`, { token: alice.token }), 401, 'unauthorized');
      expectProblem(await served.client.request('GET', `${API}/users/${alice.name}/profile`), 404, 'not_found');
      expectProblem(await served.client.login(alice.name, alice.authKey), 401, 'unauthorized');
    });
  });
});
