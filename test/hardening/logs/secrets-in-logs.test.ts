import { request as httpRequest } from 'node:http';
import { aKdfBody, aMessageEnvelope, aSealedEnvelope, API, HttpTestClient, randomB64u, SignedUp } from '../../http/http-test-client';
import { HardeningServer, startHardeningServer } from '../support/hardening-server';

/**
 * STYLE/PROTOCOL: never log secrets. A whole protocol walk at trace level, including the mistakes
 * clients make (a token in the URL, a mangled Authorization header), must leave no session token,
 * drop token, authKey, stored hash, signing key, blob ciphertext or envelope in the log.
 */
describe('secrets in logs', () => {
  let server: HardeningServer;
  let client: HttpTestClient;
  const lines: string[] = [];
  const secrets = new Map<string, string>();

  /** Remembers a secret (and, for long ones, a tell-tale slice of it) to look for in the log. */
  const secret = (label: string, value: string) => {
    secrets.set(value, label);
    // The tail: a JWT's head is the same for every token, its signature is not.
    if (value.length >= 40) secrets.set(value.slice(-32), `${label} (part)`);
  };
  const secretUser = async (name: string): Promise<SignedUp> => {
    const user = await client.signUp(name);
    secret(`${name}'s session token`, user.token);
    secret(`${name}'s session token signature`, user.token.split('.')[2] ?? '');
    secret(`${name}'s authKey`, user.authKey);
    return user;
  };
  const send = async (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, options: Parameters<HttpTestClient['request']>[2] = {}) => {
    const body = options.body;
    if (body !== undefined) collectBodySecrets(body);
    return client.request(method, url, options);
  };
  const collectBodySecrets = (value: unknown, path = 'body'): void => {
    if (typeof value === 'string' && value.length >= 16) secret(path, value);
    if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) if (key !== 'name' && key !== 'kdf') collectBodySecrets(item, `${path}.${key}`);
    }
  };

  beforeAll(async () => {
    server = await startHardeningServer({
      listen: true,
      config: { logLevel: 'trace' },
      logDestination: { write: (line) => void lines.push(line) },
    });
    client = new HttpTestClient(server.app);

    const alice = await secretUser('alice');
    const bob = await secretUser('bob');
    await send('GET', `${API}/accounts/alice/kdf`);
    const blob = (await send('GET', `${API}/blob`, { token: alice.token })).json<{ version: number; ciphertext: string }>();
    secret('blob ciphertext', blob.ciphertext);
    await send('PUT', `${API}/blob`, { token: alice.token, headers: { 'if-match': `"${blob.version}"` }, body: { ciphertext: randomB64u(120) } });
    await send('PUT', `${API}/blob`, { token: alice.token, headers: { 'if-match': '"1"' }, body: { ciphertext: randomB64u(120) } });
    await send('PATCH', `${API}/account`, { token: alice.token, body: { openInbox: false } });

    const dropToken = await client.issueDropToken(alice);
    secret('drop token', dropToken.token);
    await send('GET', `${API}/drop-tokens`, { token: alice.token });
    await send('POST', `${API}/users/alice/drops`, { token: dropToken.token, body: { envelope: aMessageEnvelope() } });
    await send('POST', `${API}/users/alice/drops`, { token: `${dropToken.token}x`, body: { envelope: aMessageEnvelope() } });
    const captcha = await client.solvedCaptcha('alice');
    await send('POST', `${API}/users/alice/friend-requests`, { body: { captcha: { id: captcha.id, answer: '999999' }, envelope: aSealedEnvelope() } });
    await send('POST', `${API}/users/alice/friend-requests`, { body: { captcha, envelope: aSealedEnvelope() } });
    const page = (await send('GET', `${API}/inbox?limit=50`, { token: alice.token })).json<{ items: Array<{ id: string }> }>();
    await send('POST', `${API}/inbox/ack`, { token: alice.token, body: { ids: page.items.map((item) => item.id) } });
    await send('DELETE', `${API}/drop-tokens/${dropToken.id}`, { token: alice.token });
    await send('POST', `${API}/users/alice/drops`, { token: dropToken.token, body: { envelope: aMessageEnvelope() } });

    // Mistakes clients make: the server must not write down what they expose.
    await send('GET', `${API}/inbox?token=${alice.token}&access_token=${alice.token}`);
    await send('GET', `${API}/blob`, { headers: { authorization: `Bearer ${alice.token} trailing` } });
    await send('GET', `${API}/blob`, { headers: { authorization: `Basic ${alice.token}` } });
    await send('POST', `${API}/sessions`, { body: { name: 'alice', authKey: alice.authKey, password: 'correct horse battery staple' } });
    secret('a password a client sent by mistake', 'correct horse battery staple');
    await send('POST', `${API}/sessions`, { body: { name: 'alice', authKey: `${alice.authKey}A` } });

    await new Promise<void>((resolve, reject) => {
      const call = httpRequest(`${server.url}${API}/inbox/events`, { headers: { authorization: `Bearer ${bob.token}` } }, (response) => {
        response.destroy();
        resolve();
      });
      call.on('error', reject);
      call.end();
    });

    const newKey = randomB64u(32);
    secret('new authKey', newKey);
    const current = (await send('GET', `${API}/blob`, { token: bob.token })).json<{ version: number }>();
    await send('PUT', `${API}/account/credentials`, {
      token: bob.token,
      body: { currentAuthKey: bob.authKey, authKey: newKey, kdf: aKdfBody(), blob: { version: current.version, ciphertext: randomB64u(80) } },
    });
    await send('DELETE', `${API}/sessions/current`, { token: alice.token });
    const again = (await client.login('alice', alice.authKey)).json<{ token: string }>();
    secret('second session token', again.token);
    await send('DELETE', `${API}/account`, { token: again.token, body: { authKey: alice.authKey } });

    // What only the server holds: its signing key and the stored hashes.
    const key = await server.storage.secrets.getOrCreate('session-signing-key', () => new Uint8Array());
    secret('signing key (b64u)', Buffer.from(key).toString('base64url'));
    secret('signing key (hex)', Buffer.from(key).toString('hex'));
    const storedBob = await server.storage.accounts.find('bob');
    secret("bob's stored auth hash", storedBob?.authHash ?? 'missing');
  });
  afterAll(() => server.close());

  it('logged the walk at trace level (the check below looks at real output)', () => {
    expect(server.app.log.level).toBe('trace');
    expect(lines.length).toBeGreaterThan(50);
    expect(lines.join('')).toContain('/api/v1/users/alice/drops');
  });

  it('has no token, key, hash, ciphertext or envelope in any line', () => {
    const log = lines.join('');
    const leaked = [...secrets.entries()].filter(([value]) => value.length > 0 && log.includes(value)).map(([, label]) => label);
    expect(leaked).toEqual([]);
  });
});
