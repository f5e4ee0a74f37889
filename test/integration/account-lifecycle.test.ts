import { befriend, startTwoServers, TwoServers, userOf } from './two-server-fixture';

describe('account settings, export and deletion', () => {
  let servers: TwoServers;

  beforeAll(async () => {
    servers = await startTwoServers();
  });
  afterAll(async () => {
    await servers.close();
  });

  it('opens the inbox, exports the decrypted data, and deletes the account for good', async () => {
    const address = `alice@${servers.authority2}`;
    const alice = await userOf().messenger.register(address, 'alice password');
    await expect(userOf().messenger.register(address, 'another password')).rejects.toMatchObject({ code: 'name_taken' });
    await expect(userOf().messenger.register('not an address', 'x')).rejects.toMatchObject({ code: 'invalid_address' });
    const bob = await userOf().messenger.register(`bob@${servers.authority1}`, 'bob password');
    await befriend(bob, alice, () => Promise.reject(new Error('pow expected')));
    await bob.sendMessage(address, 'keep this for your records');
    await alice.sync();

    expect(alice.overview().openInbox).toBe(false);
    await alice.setOpenInbox(true);
    expect(alice.overview().openInbox).toBe(true);
    expect((await userOf().messenger.logIn(address, 'alice password')).overview().openInbox).toBe(true);

    const exported = JSON.parse(await alice.exportData()) as {
      format: string;
      warning: string;
      address: string;
      blob: { identity: { privateKey: string }; messages: Record<string, { body: string }> };
    };
    expect(exported).toMatchObject({ format: 'starbase-export/1', address });
    expect(exported.warning).toMatch(/PRIVATE/);
    expect(exported.blob.identity.privateKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Object.values(exported.blob.messages).map((message) => message.body)).toEqual(['keep this for your records']);

    await expect(alice.deleteAccount('not the password')).rejects.toMatchObject({ code: 'wrong_password' });
    await alice.sync();
    await alice.deleteAccount('alice password');
    await expect(alice.sync()).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(userOf().messenger.logIn(address, 'alice password')).rejects.toMatchObject({ code: 'wrong_password' });
    await expect(bob.sendMessage(address, 'anyone there?')).rejects.toMatchObject({ code: expect.stringMatching(/^(unauthorized|not_found)$/) });
  });
});
