import { HomeServerGateway } from '../../src/application/ports/home-server-gateway';
import type { CaptchaBody } from '../../src/domain/protocol/wire';
import { ConversationEntry, MessengerSession } from '../../src/application/client/messenger';
import { startTestServer, TestServer, TestServerOptions } from '../support/test-server';
import { authorityOf, createNodeMessenger, NodeMessengerOptions } from '../support/node-messenger';

export interface TwoServers {
  /** SQLite storage, image captchas. */
  readonly server1: TestServer;
  /** Memory storage, proof-of-work captchas. */
  readonly server2: TestServer;
  readonly authority1: string;
  readonly authority2: string;
  close(): Promise<void>;
}

export const startTwoServers = async (options: { server1?: TestServerOptions; server2?: TestServerOptions } = {}): Promise<TwoServers> => {
  const server1 = await startTestServer({ storage: 'sqlite', captcha: 'image', listen: true, ...options.server1 });
  const server2 = await startTestServer({ storage: 'memory', captcha: 'pow', listen: true, ...options.server2 });
  return {
    server1,
    server2,
    authority1: authorityOf(server1.url),
    authority2: authorityOf(server2.url),
    close: async () => {
      await Promise.all([server1.close(), server2.close()]);
    },
  };
};

/**
 * Records the id of every captcha a client fetches, so a test can play the person reading the
 * image: the answer is looked up in the issuing server's captcha storage.
 */
export class CaptchaWitness {
  private readonly ids: string[] = [];

  readonly wrap = (gateway: HomeServerGateway): HomeServerGateway =>
    Object.assign(Object.create(gateway) as HomeServerGateway, {
      getCaptcha: async (name: string) => {
        const captcha = await gateway.getCaptcha(name);
        if (captcha.ok) this.ids.push((captcha.value satisfies CaptchaBody).id);
        return captcha;
      },
    });

  /** The answer to the most recent captcha, as the image shows it. */
  async lastAnswer(server: TestServer): Promise<string> {
    const id = this.ids[this.ids.length - 1];
    const captcha = id === undefined ? null : await server.storage.captchas.find(id);
    if (captcha === null) throw new Error('No captcha was fetched from this server');
    return captcha.answer;
  }
}

export const noImageCaptcha = (): Promise<string> => Promise.reject(new Error('This test expected a proof-of-work captcha'));

export const userOf = (options: NodeMessengerOptions = {}) => createNodeMessenger(options);

/** Bodies of the messages in a conversation, per direction, in the order shown. */
export const bodies = (entries: readonly ConversationEntry[], direction: 'in' | 'out'): string[] =>
  entries.flatMap((entry) => (entry.kind === 'message' && entry.direction === direction ? [entry.body] : []));

export const gaps = (entries: readonly ConversationEntry[]): number => entries.filter((entry) => entry.kind === 'gap').length;

export const statusOf = (session: MessengerSession, address: string): string | undefined =>
  session.overview().friends.find((friend) => friend.address === address)?.status;

/** alice asks, bob accepts, both sync until the handshake is established on both sides. */
export const befriend = async (alice: MessengerSession, bob: MessengerSession, solveCaptcha = noImageCaptcha): Promise<void> => {
  await alice.sendFriendRequest(bob.address, `hi ${bob.address}`, solveCaptcha);
  await bob.sync();
  const request = bob.overview().incomingRequests.find((incoming) => incoming.from === alice.address);
  if (!request) throw new Error(`${bob.address} did not receive the request`);
  await bob.acceptFriendRequest(request.id);
  await alice.sync();
  await bob.sync();
};
