import { randomBytes } from 'node:crypto';
import { aMessageEnvelope, aSealedEnvelope, API, expectProblem, HttpTestClient, SignedUp } from '../../http/http-test-client';
import { HardeningServer, startHardeningServer } from '../support/hardening-server';
import { StorageTrap } from '../support/trap';

/**
 * An account deleted (or its password changed) between a use case's check and its write. SQLite's
 * foreign keys used to turn these races into 500s; in every adapter nothing may be left behind that
 * a later account of the same name would inherit.
 */
describe.each(['memory', 'sqlite'] as const)('an account that disappears mid-request (%s)', (storage) => {
  let server: HardeningServer;
  let client: HttpTestClient;
  const trap = new StorageTrap();
  let sprungBefore: number;

  beforeEach(async () => {
    server = await startHardeningServer({ storage, afterStorageCall: trap.hook });
    client = new HttpTestClient(server.app);
    sprungBefore = trap.timesSprung;
  });
  afterEach(async () => {
    expect(trap.timesSprung).toBe(sprungBefore + 1);
    await server.close();
  });

  const deleteAccount = (name: string) => () => server.storage.accounts.delete(name);
  const forName = (name: string) => (args: unknown[]) => args[0] === name;

  /** A new account under the same name must start empty: no inbox items, no working old credentials. */
  const expectCleanSlate = async (name: string) => {
    const again = await client.signUp(name);
    const inbox = await client.request('GET', `${API}/inbox`, { token: again.token });
    expect(inbox.json()).toEqual({ items: [], next: null });
    const tokens = await client.request('GET', `${API}/drop-tokens`, { token: again.token });
    expect(tokens.json()).toEqual([]);
  };

  it('login: 401, and no session is left for the name', async () => {
    const alice = await client.signUp('alice');
    trap.arm('accounts', 'find', deleteAccount('alice'), forName('alice'));
    const login = await client.login('alice', alice.authKey);
    expectProblem(login, 401, 'unauthorized');
    await expectCleanSlate('alice');
  });

  it('login while the password changes: 401, the old key never yields a working session', async () => {
    const alice = await client.signUp('alice');
    trap.arm(
      'accounts',
      'find',
      async () => {
        const account = await server.storage.accounts.find('alice');
        const blob = await server.storage.blobs.find('alice');
        await server.storage.accounts.changeCredentials({
          name: 'alice',
          authHash: `${account?.authHash ?? ''}-changed`,
          kdf: account!.kdf,
          expectedBlobVersion: blob!.version,
          blobCiphertext: new Uint8Array(randomBytes(40)),
          now: Date.now(),
        });
      },
      forName('alice'),
    );
    const login = await client.login('alice', alice.authKey);
    expectProblem(login, 401, 'unauthorized');
  });

  it('issuing a drop token: 404, and no token is left behind', async () => {
    const alice = await client.signUp('alice');
    trap.arm('accounts', 'find', deleteAccount('alice'), forName('alice'));
    const issued = await client.request('POST', `${API}/drop-tokens`, { token: alice.token, body: {} });
    expectProblem(issued, 404, 'not_found');
    await expectCleanSlate('alice');
  });

  it('a drop with a token: 404, and nothing lands in a later inbox of the same name', async () => {
    const bob = await client.signUp('bob');
    const token = await client.issueDropToken(bob);
    trap.arm('dropTokens', 'findByHash', deleteAccount('bob'), forName('bob'));
    const drop = await client.request('POST', `${API}/users/bob/drops`, { token: token.token, body: { envelope: aMessageEnvelope() } });
    expectProblem(drop, 404, 'not_found');
    await expectCleanSlate('bob');
  });

  it('a drop into an open inbox: 404, and nothing lands in a later inbox of the same name', async () => {
    const bob: SignedUp = await client.signUp('bob');
    await client.request('PATCH', `${API}/account`, { token: bob.token, body: { openInbox: true } });
    trap.arm('accounts', 'find', deleteAccount('bob'), forName('bob'));
    const drop = await client.request('POST', `${API}/users/bob/drops`, { body: { envelope: aSealedEnvelope() } });
    expectProblem(drop, 404, 'not_found');
    await expectCleanSlate('bob');
  });

  it('a friend request: 404, and nothing lands in a later inbox of the same name', async () => {
    await client.signUp('bob');
    const captcha = await client.solvedCaptcha('bob');
    trap.arm('captchas', 'consume', deleteAccount('bob'));
    const request = await client.request('POST', `${API}/users/bob/friend-requests`, { body: { captcha, envelope: aSealedEnvelope() } });
    expectProblem(request, 404, 'not_found');
    await expectCleanSlate('bob');
  });
});
