/**
 * Issue 11 F1: a proof-of-work captcha is a number range the client searches. A server asking
 * for an absurd range once made the client hash "forever"; now the client refuses it at once,
 * says why, and sends nothing.
 */
import { MessengerSession } from '../../src/application/client/messenger';
import { POW_MAX_NUMBER_CEILING } from '../../src/domain/protocol/pow-captcha-ceiling';
import { authorityOf, createNodeMessenger } from '../support/node-messenger';
import { startTestServer, TestServer } from '../support/test-server';
import { noImageCaptcha } from './two-server-fixture';

describe('a proof-of-work captcha beyond what a tab can compute', () => {
  let alicesServer: TestServer;
  let greedyServer: TestServer;
  let alice: MessengerSession;
  let bobAddress: string;

  beforeAll(async () => {
    alicesServer = await startTestServer({ listen: true });
    greedyServer = await startTestServer({ listen: true, powMaxNumber: 1e12 });
    alice = await createNodeMessenger().messenger.register(`alice@${authorityOf(alicesServer.url)}`, 'alice password');
    bobAddress = `bob@${authorityOf(greedyServer.url)}`;
    await createNodeMessenger().messenger.register(bobAddress, 'bob password');
  });
  afterAll(async () => {
    await Promise.all([alicesServer.close(), greedyServer.close()]);
  });

  it('is refused with an explanation, and nothing is sent or left pending', async () => {
    const sent = alice.sendFriendRequest(bobAddress, 'hi', noImageCaptcha);
    await expect(sent).rejects.toMatchObject({
      code: 'bad_response',
      message: expect.stringContaining(`this app does at most ${POW_MAX_NUMBER_CEILING.toLocaleString('en')}`),
    });
    expect(alice.overview().friends).toEqual([]);
    expect((await greedyServer.storage.inbox.stats('bob')).items).toBe(0);
  });
});
