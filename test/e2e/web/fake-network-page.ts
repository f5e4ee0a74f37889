/**
 * Plays the other people in the fake network from inside the page (the test build exposes it as
 * `window.starbaseFake`), so a single browser can show alice's side while bob and carol act.
 */
import type { Page } from 'playwright-core';
import type { FakeNetwork } from '../../support/fake-messenger';
import type { ConversationEntry, MessengerSession } from '../../../src/application/client/messenger';

/** The §11 actions a peer takes in tests (each after a sync, as the friend's client would). */
type PeerAction = 'reply' | 'editMessage' | 'deleteMessage' | 'react' | 'setDisappearingTimer' | 'setReadReceipts' | 'markRead' | 'sendMessage' | 'removeFriend';

type FakeWindow = Window & { starbaseFake: FakeNetwork; peers?: Record<string, MessengerSession> };

/** Declared for the type checker; inside the page it is defined by createPeer's first evaluate. */
declare function peerSession(address: string): MessengerSession;

export interface Peer {
  readonly address: string;
  sync(): Promise<void>;
  acceptRequestFrom(from: string): Promise<void>;
  sendFriendRequest(to: string, note: string): Promise<void>;
  sendMessage(to: string, body: string): Promise<void>;
  messagesFrom(from: string): Promise<string[]>;
  safetyNumber(with_: string): Promise<string>;
  /** Runs a session method of the peer's (after a sync). */
  run<A extends PeerAction>(action: A, ...args: Parameters<MessengerSession[A]>): Promise<void>;
  /** The peer's conversation with `other`, after a sync. */
  conversation(other: string): Promise<ConversationEntry[]>;
  /** The id of the newest message with exactly this text in the conversation with `other`. */
  messageId(other: string, body: string): Promise<string>;
}

export async function createPeer(page: Page, address: string, password = 'peer password 123'): Promise<Peer> {
  await page.evaluate(
    async ([address, password]) => {
      const w = window as unknown as FakeWindow;
      w.peers ??= {};
      w.peers[address] = await w.starbaseFake.messenger().register(address, password);
      (window as unknown as { peerSession: (address: string) => MessengerSession }).peerSession = (wanted) => {
        const session = (window as unknown as FakeWindow).peers?.[wanted];
        if (session === undefined) throw new Error(`No peer ${wanted}`);
        return session;
      };
    },
    [address, password] as const,
  );
  // Each body runs inside the page: page.evaluate ships the function's source, so no closures.
  return {
    address,
    sync: () =>
      page.evaluate(async (address) => {
        await peerSession(address).sync();
      }, address),
    acceptRequestFrom: (from) =>
      page.evaluate(
        async ([address, from]) => {
          const session = peerSession(address);
          await session.sync();
          const request = session.overview().incomingRequests.find((candidate) => candidate.from === from);
          if (request === undefined) throw new Error(`No request from ${from}`);
          await session.acceptFriendRequest(request.id);
        },
        [address, from] as const,
      ),
    sendFriendRequest: (to, note) =>
      page.evaluate(
        async ([address, to, note]) => {
          const network = (window as unknown as FakeWindow).starbaseFake;
          await peerSession(address).sendFriendRequest(to, note, async () => network.lastCaptchaAnswer ?? '');
        },
        [address, to, note] as const,
      ),
    sendMessage: (to, body) =>
      page.evaluate(
        async ([address, to, body]) => {
          const session = peerSession(address);
          await session.sync();
          await session.sendMessage(to, body);
        },
        [address, to, body] as const,
      ),
    messagesFrom: (from) =>
      page.evaluate(
        async ([address, from]) => {
          const session = peerSession(address);
          await session.sync();
          return session.conversation(from).flatMap((entry) => (entry.kind === 'message' && entry.direction === 'in' ? [entry.body] : []));
        },
        [address, from] as const,
      ),
    safetyNumber: (other) => page.evaluate(([address, other]) => peerSession(address).safetyNumber(other), [address, other] as const),
    run: (action, ...args) =>
      page.evaluate(
        async ([address, action, args]) => {
          const session = peerSession(address);
          await session.sync();
          await (session[action] as (...args: unknown[]) => Promise<void>).apply(session, args);
        },
        [address, action, args as unknown[]] as const,
      ),
    conversation: (other) =>
      page.evaluate(
        async ([address, other]) => {
          const session = peerSession(address);
          await session.sync();
          return [...session.conversation(other)];
        },
        [address, other] as const,
      ),
    messageId: (other, body) =>
      page.evaluate(
        async ([address, other, body]) => {
          const session = peerSession(address);
          await session.sync();
          const found = session.conversation(other).findLast((entry) => entry.kind === 'message' && entry.body === body);
          if (found === undefined || found.kind !== 'message') throw new Error(`No message "${body}" with ${other}`);
          return found.id;
        },
        [address, other, body] as const,
      ),
  };
}

/** Runs a control method of the page's FakeNetwork (failNext, hold, release, dropNextMessage…). */
export function controlNetwork(page: Page, method: 'hold' | 'release'): Promise<void>;
export function controlNetwork(page: Page, method: 'failNext', operation: string, code: string): Promise<void>;
export function controlNetwork(page: Page, method: 'dropNextMessage', from: string, to: string): Promise<void>;
export function controlNetwork(page: Page, method: 'failDeliveriesTo', address: string, failing: boolean): Promise<void>;
export function controlNetwork(page: Page, method: 'changeIdentityKey', address: string): Promise<void>;
export function controlNetwork(page: Page, method: 'holdDraftWrites' | 'holdStores' | 'holdDeliveries', held: boolean): Promise<void>;
export function controlNetwork(page: Page, method: 'changePasswordParameters', address: string): Promise<void>;
export function controlNetwork(page: Page, method: 'sendUnsupported', from: string, to: string): Promise<void>;
export function controlNetwork(page: Page, method: 'breakFile', messageId: string, fileIndex: number): Promise<void>;
export function controlNetwork(
  page: Page,
  method: 'setWarnings',
  address: string,
  warnings: { storage?: string | null; security?: string | null },
): Promise<void>;
export function controlNetwork(page: Page, method: string, ...args: unknown[]): Promise<void> {
  return page.evaluate(
    ([method, args]) => {
      const network = (window as unknown as FakeWindow).starbaseFake as unknown as Record<string, (...args: unknown[]) => void>;
      network[method]!(...args);
    },
    [method, args] as const,
  );
}

export const lastCaptchaAnswer = (page: Page): Promise<string | null> =>
  page.evaluate(() => (window as unknown as FakeWindow).starbaseFake.lastCaptchaAnswer);
