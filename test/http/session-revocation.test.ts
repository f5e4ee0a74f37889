import { openSqliteStorage, sqliteFileIn } from '../../src/adapters/storage/sqlite/sqlite-storage';
import { SetAccountDisabled } from '../../src/application/server/admin/set-account-disabled';
import { aKdfBody, API, expectProblem, randomB64u, SignedUp } from './http-test-client';
import { useTestServer } from './use-test-server';

/*
 * The server remembers verified session tokens (their signature is checked once), so each case
 * first uses the token — it is then known — and revokes it afterwards: the very next request must
 * be refused, also when the revocation came from another process sharing the database.
 */
describe('session revocation takes effect on the next request', () => {
  const served = useTestServer({ storage: 'sqlite' });
  let counter = 0;
  const signedUpAndKnown = async (): Promise<SignedUp> => {
    const owner = await served.client.signUp(`revoked-${++counter}`);
    for (let i = 0; i < 3; i++) expect((await readInbox(owner)).statusCode).toBe(200);
    return owner;
  };
  const readInbox = (owner: SignedUp) => served.client.request('GET', `${API}/inbox`, { token: owner.token });

  it('after logout', async () => {
    const owner = await signedUpAndKnown();
    expect((await served.client.request('DELETE', `${API}/sessions/current`, { token: owner.token })).statusCode).toBe(204);
    expectProblem(await readInbox(owner), 401, 'unauthorized');
  });

  it('after a password change, for every session of the account', async () => {
    const owner = await signedUpAndKnown();
    const otherDevice = { ...owner, token: (await served.client.login(owner.name, owner.authKey)).json<{ token: string }>().token };
    expect((await readInbox(otherDevice)).statusCode).toBe(200);
    const changed = await served.client.request('PUT', `${API}/account/credentials`, {
      token: owner.token,
      body: { currentAuthKey: owner.authKey, authKey: randomB64u(32), kdf: aKdfBody(), blob: { version: 1, ciphertext: randomB64u(64) } },
    });
    expect(changed.statusCode).toBe(200);
    expectProblem(await readInbox(owner), 401, 'unauthorized');
    expectProblem(await readInbox(otherDevice), 401, 'unauthorized');
  });

  it('after the account is deleted', async () => {
    const owner = await signedUpAndKnown();
    const deleted = await served.client.request('DELETE', `${API}/account`, { token: owner.token, body: { authKey: owner.authKey } });
    expect(deleted.statusCode).toBe(204);
    expectProblem(await readInbox(owner), 401, 'unauthorized');
  });

  it('after an operator disables the account from another process (starbase admin on the same file)', async () => {
    const owner = await signedUpAndKnown();
    const operator = openSqliteStorage({ file: sqliteFileIn(served.server.config.dataDir) });
    try {
      const disabled = await new SetAccountDisabled(operator).execute({ name: owner.name, disabled: true });
      expect(disabled.ok).toBe(true);
    } finally {
      await operator.close();
    }
    expectProblem(await readInbox(owner), 401, 'unauthorized');
  });
});
