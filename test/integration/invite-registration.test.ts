import { createInviteCodes } from '../support/invite-codes';
import { authorityOf, createNodeMessenger } from '../support/node-messenger';
import { startTestServer, TestServer } from '../support/test-server';

describe('registering on a server whose registration is by invite or closed', () => {
  let inviteServer: TestServer;
  let closedServer: TestServer;

  beforeAll(async () => {
    inviteServer = await startTestServer({ listen: true, config: { registration: 'invite' } });
    closedServer = await startTestServer({ listen: true, config: { registration: 'closed' } });
  });
  afterAll(async () => {
    await Promise.all([inviteServer.close(), closedServer.close()]);
  });

  it('registers with a code created on the server, which then works only once', async () => {
    const [code] = await createInviteCodes(inviteServer, 1);
    const authority = authorityOf(inviteServer.url);
    const alice = await createNodeMessenger().messenger.register(`alice@${authority}`, 'alice password', { inviteCode: code! });
    expect(alice.address).toBe(`alice@${authority}`);
    expect((await createNodeMessenger().messenger.logIn(`alice@${authority}`, 'alice password')).address).toBe(alice.address);

    await expect(createNodeMessenger().messenger.register(`bob@${authority}`, 'bob password', { inviteCode: code! })).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('did not accept this invite code'),
    });
  });

  it('refuses without a code before deriving keys, and refuses a made-up code', async () => {
    const authority = authorityOf(inviteServer.url);
    const messenger = createNodeMessenger().messenger;
    const stages: string[] = [];
    await expect(messenger.register(`carol@${authority}`, 'carol password', { onProgress: (stage) => stages.push(stage) })).rejects.toMatchObject({
      code: 'invite_required',
      message: `${authority} accepts new accounts only with an invite code.`,
    });
    expect(stages).not.toContain('deriving-keys');
    await expect(messenger.register(`carol@${authority}`, 'carol password', { inviteCode: '   ' })).rejects.toMatchObject({ code: 'invite_required' });
    await expect(messenger.register(`carol@${authority}`, 'carol password', { inviteCode: 'made-up-code' })).rejects.toMatchObject({
      code: 'forbidden',
    });

    const [code] = await createInviteCodes(inviteServer, 1);
    const carol = await messenger.register(`carol@${authority}`, 'carol password', { inviteCode: ` ${code!} ` });
    expect(carol.address).toBe(`carol@${authority}`);
  });

  it('says a closed server takes no new accounts, invite code or not', async () => {
    const authority = authorityOf(closedServer.url);
    const messenger = createNodeMessenger().messenger;
    for (const options of [{}, { inviteCode: 'any code' }]) {
      await expect(messenger.register(`dave@${authority}`, 'dave password', options)).rejects.toMatchObject({
        code: 'registration_closed',
        message: `${authority} does not accept new accounts.`,
      });
    }
  });

  it('ignores an invite code on an open server', async () => {
    const openServer = await startTestServer({ listen: true });
    try {
      const address = `erin@${authorityOf(openServer.url)}`;
      expect((await createNodeMessenger().messenger.register(address, 'erin password', { inviteCode: 'not needed' })).address).toBe(address);
    } finally {
      await openServer.close();
    }
  });
});
