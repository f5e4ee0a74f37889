import { MessengerSession } from '../../../src/application/client/messenger';
import { HomeServerGateway } from '../../../src/application/ports/home-server-gateway';
import { err } from '../../../src/domain/protocol/result';
import { startTestServer, TestServer } from '../../support/test-server';
import { authorityOf, createNodeMessenger } from '../../support/node-messenger';

const until = (session: MessengerSession, condition: () => boolean): Promise<void> =>
  new Promise((resolve) => {
    if (condition()) return resolve();
    const stop = session.onChange(() => {
      if (condition()) {
        stop();
        resolve();
      }
    });
  });

describe('going live', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ listen: true, eventsHeartbeatMs: 200 });
  });
  afterAll(async () => {
    await server.close();
  });

  it('reconnects after failed connections, reports them, and syncs on events', async () => {
    const authority = authorityOf(server.url);
    let refusals = 2;
    const flakyEvents = (gateway: HomeServerGateway): HomeServerGateway =>
      Object.assign(Object.create(gateway) as HomeServerGateway, {
        openInboxEvents: async (...args: Parameters<HomeServerGateway['openInboxEvents']>) => {
          if (refusals > 0) {
            refusals -= 1;
            return err({ code: 'network_error' as const, status: null, detail: 'connection refused' });
          }
          return gateway.openInboxEvents(...args);
        },
      });
    const alice = await createNodeMessenger().messenger.register(`alice@${authority}`, 'alice password');
    const bob = await createNodeMessenger({ wrapGateway: flakyEvents }).messenger.register(`bob@${authority}`, 'bob password');
    const errors: Error[] = [];
    bob.onBackgroundError((error) => {
      if (error !== null) errors.push(error);
    });

    const stop = bob.goLive();
    try {
      await alice.sendFriendRequest(bob.address, 'live?', () => Promise.reject(new Error('pow expected')));
      await until(bob, () => bob.overview().incomingRequests.length === 1);
      expect(refusals).toBe(0);
      expect(errors).toHaveLength(2);
      await bob.acceptFriendRequest(bob.overview().incomingRequests[0]?.id ?? 'missing');
      await alice.sync();
      await alice.sendMessage(bob.address, 'pushed, not polled');
      await until(bob, () => bob.conversation(alice.address).some((entry) => entry.kind === 'message' && entry.body === 'pushed, not polled'));
      expect(bob.overview().friends.find((friend) => friend.address === alice.address)?.status).toBe('established');
    } finally {
      stop();
    }
    // Its delayed write of delivery marks would otherwise outlive the suite (and the server).
    await alice.logOut();
  });
});
