/**
 * Issue 11 F1: a stranger's friend request claims to come from an address on a server that
 * answers one byte every two seconds. Looking that sender up once froze the victim's sync and
 * every operation queued behind it (a send, an acceptance, logging out), on every login.
 * Now the sync never contacts the claimed server, and the lookup the user asks for runs beside
 * the queue, ends at the gateway's deadline as "unchecked", and happens once.
 */
import { FetchHomeServerGateway } from '../../src/adapters/gateway/fetch-home-server-gateway';
import { MessengerSession } from '../../src/application/client/messenger';
import { DribblingServer, startDribblingServer } from '../support/dribbling-server';
import { sendForgedRequest } from '../support/forged-requests';
import { authorityOf, createNodeMessenger } from '../support/node-messenger';
import { startTestServer, TestServer } from '../support/test-server';
import { befriend } from './two-server-fixture';

jest.setTimeout(120_000);

describe('a claimed sender on a server that dribbles its answers', () => {
  let server: TestServer;
  let dribbler: DribblingServer;
  let alice: MessengerSession;
  let bob: MessengerSession;

  beforeAll(async () => {
    server = await startTestServer({ listen: true });
    dribbler = await startDribblingServer(2000);
    const authority = authorityOf(server.url);
    // A short deadline keeps the test quick; the default (20 s + 1 s) behaves the same, only slower.
    const user = () => createNodeMessenger({ gateway: { timeoutMs: 3000 } }).messenger;
    alice = await user().register(`alice@${authority}`, 'alice password');
    bob = await user().register(`bob@${authority}`, 'bob password');
    await befriend(alice, bob);
    const gateway = new FetchHomeServerGateway(authority, { allowHttp: true });
    await sendForgedRequest(gateway, 'bob', { from: `mallory@${dribbler.authority}`, note: 'let me in' });
  });
  afterAll(async () => {
    await dribbler.close();
    await server.close();
  });

  it('syncs without contacting the claimed server, and a send queued beside the lookup completes', async () => {
    await bob.sync();
    expect(dribbler.requests).toEqual([]);
    const request = bob.overview().incomingRequests.find((incoming) => incoming.from.startsWith('mallory@'));
    expect(request).toMatchObject({ verified: false, proven: true, note: 'let me in' });

    let checkFinished = false;
    const check = bob.checkSender(request?.id ?? 'missing').then(() => {
      checkFinished = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await bob.sendMessage(alice.address, 'sent while a stranger stalls');
    await bob.sync();
    expect(checkFinished).toBe(false);
    await alice.sync();
    expect(alice.conversation(bob.address).map((entry) => entry.kind === 'message' && entry.body)).toEqual(['sent while a stranger stalls']);

    await check;
    expect(bob.overview().incomingRequests.find((incoming) => incoming.id === request?.id)).toMatchObject({ verified: false });
    expect(dribbler.requests).toEqual([expect.stringMatching(/^GET \/api\/v1\/users\/mallory\/profile /)]);
  });

  it('never looks the stranger up on the next sync or login', async () => {
    await bob.sync();
    const again = await createNodeMessenger().messenger.logIn(bob.address, 'bob password');
    await again.sync();
    await again.checkAnsweredSenders();
    expect(dribbler.requests).toHaveLength(1);
    await again.logOut();
  });
});
