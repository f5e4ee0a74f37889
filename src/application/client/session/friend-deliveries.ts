import { undeliveredHandshakeReplies } from '../../../domain/messaging/handshake-replies';
import { MessageKey } from '../../../domain/messaging/message';
import { getOwn } from '../../../domain/messaging/own-record';
import { ok, Result } from '../../../domain/protocol/result';
import { ClientError, clientError } from '../client-error';
import { ClientUseCases } from '../use-cases/client-use-cases';
import { RetryReport } from '../use-cases/retry-undelivered-messages';
import { InTurn } from './in-turn';
import { SignedInAccount } from './signed-in-account';

type Delivering = Pick<ClientUseCases, 'sendMessage' | 'retryUndeliveredMessages' | 'deliverHandshakeReplies'>;

/** What work for a session that has ended gets instead of being done. */
export const sessionEnded = () => clientError('unauthorized', 'This session has ended. Log in again.');

const firstFailure = <T>(results: readonly Result<T, ClientError>[]): Result<T[], ClientError> => {
  const values: T[] = [];
  for (const result of results) {
    if (!result.ok) return result;
    values.push(result.value);
  }
  return ok(values);
};

/**
 * What a session owes its friends' servers (messages, resends, acceptances and confirmations),
 * delivered outside the session's queue of operations, so a friend's server that never answers
 * holds up only what goes to that friend: one lane per friend keeps their messages in the order
 * their seqs were reserved. A message in flight is never picked up by a resend meanwhile, and what
 * the outcomes change is written in turn.
 */
export class FriendDeliveries {
  /** Messages being delivered, with the friend each goes to. */
  private readonly inFlight = new Map<MessageKey, string>();
  private readonly lanes = new Map<string, Promise<unknown>>();
  /** Per friend, a delivery of owed replies waiting in its lane: a further request joins it. */
  private readonly repliesWaiting = new Map<string, Promise<Result<void, ClientError>>>();

  constructor(
    private readonly account: SignedInAccount,
    private readonly useCases: Delivering,
    private readonly inTurn: InTurn,
  ) {}

  /** In the turn that recorded the message, so that no resend picks it up before `deliver` does. */
  claim(key: MessageKey): void {
    const message = getOwn(this.account.doc.messages, key);
    if (message !== undefined) this.inFlight.set(key, message.friend);
  }

  isInFlight(key: MessageKey): boolean {
    return this.inFlight.has(key);
  }

  /**
   * Delivers a claimed message once what goes to the same friend before it is done, after those recorded before it
   * that still wait (a failed one would otherwise reach the friend after it): should one of them fail again, this
   * one is held back with them.
   */
  async deliver(key: MessageKey): Promise<Result<void, ClientError>> {
    const friend = this.inFlight.get(key);
    if (friend === undefined) return ok(undefined);
    let earlier: readonly MessageKey[] = [];
    try {
      const delivered = await this.inLane(friend, async () => {
        earlier = this.claimEarlier([key]);
        const { sendMessage, retryUndeliveredMessages } = this.useCases;
        const resent =
          earlier.length === 0 ? ok({ delivered: [], stillFailing: 0 }) : await retryUndeliveredMessages.resend(this.account, earlier, this.inTurn);
        if (!resent.ok) return resent;
        return resent.value.stillFailing > 0 ? sendMessage.holdBack(this.account, key, this.inTurn) : sendMessage.deliver(this.account, key, this.inTurn);
      });
      return delivered.ok ? ok(undefined) : delivered;
    } finally {
      this.landed([...earlier, key]);
    }
  }

  /** Claims the messages still waiting and in no lane that were recorded before one of `keys` (one friend's) on its link: oldest first. */
  private claimEarlier(keys: readonly MessageKey[]): MessageKey[] {
    const { messages } = this.account.doc;
    const later = keys.flatMap((key) => getOwn(messages, key) ?? []);
    const earlier = this.useCases.retryUndeliveredMessages
      .due(this.account, { skip: (due) => this.inFlight.has(due) })
      .filter((due) => {
        const message = getOwn(messages, due);
        return message !== undefined && later.some((one) => message.friend === one.friend && message.handshakeId === one.handshakeId && message.seq < one.seq);
      })
      .sort((a, b) => (getOwn(messages, a)?.seq ?? 0) - (getOwn(messages, b)?.seq ?? 0));
    for (const due of earlier) this.claim(due);
    return earlier;
  }

  /**
   * Sends again what failed (`only` that message), each friend's in their lane, none already in flight, after those to
   * the friend recorded before them that wait by then (one in flight meanwhile may have failed again): once one fails,
   * the friend's later ones wait with it.
   */
  async retry(only?: MessageKey): Promise<Result<RetryReport, ClientError>> {
    const inFlightFriend = only === undefined ? undefined : this.inFlight.get(only);
    if (only !== undefined && inFlightFriend !== undefined) return this.outcomeOf(only, inFlightFriend);
    const { retryUndeliveredMessages } = this.useCases;
    const skip = (key: MessageKey) => this.inFlight.has(key);
    const due = await this.inTurn(async () => {
      const keys = retryUndeliveredMessages.due(this.account, { skip, ...(only === undefined ? {} : { only }) });
      for (const key of keys) this.claim(key);
      return ok(keys);
    });
    if (!due.ok) return due;
    const byFriend = new Map<string, MessageKey[]>();
    for (const key of due.value) {
      const friend = this.inFlight.get(key);
      if (friend !== undefined) byFriend.set(friend, [...(byFriend.get(friend) ?? []), key]);
    }
    const all = firstFailure(await Promise.all([...byFriend].map(([friend, keys]) => this.resendInLane(friend, keys))));
    if (!all.ok) return all;
    const none: RetryReport = { delivered: [], stillFailing: 0 };
    return ok(all.value.reduce((sum, report) => ({ delivered: [...sum.delivered, ...report.delivered], stillFailing: sum.stillFailing + report.stillFailing }), none));
  }

  /** Resends the claimed `keys` to `friend` once their lane gets to them, after those `claimEarlier` finds then. */
  private async resendInLane(friend: string, keys: readonly MessageKey[]): Promise<Result<RetryReport, ClientError>> {
    let resent = keys;
    try {
      return await this.inLane(friend, () => {
        resent = [...this.claimEarlier(keys), ...keys];
        return this.useCases.retryUndeliveredMessages.resend(this.account, resent, this.inTurn);
      });
    } finally {
      this.landed(resent);
    }
  }

  /** Deliveries of `keys` are done: a resend may pick them up again. */
  private landed(keys: readonly MessageKey[]): void {
    for (const key of keys) this.inFlight.delete(key);
  }

  /** Delivers the acceptances and confirmations still owed (to `onlyFriend`, or to everyone). */
  async replies(onlyFriend?: string): Promise<Result<void, ClientError>> {
    const friends = new Set(undeliveredHandshakeReplies(this.account.doc).map((reply) => reply.address));
    const due = [...friends].filter((friend) => onlyFriend === undefined || friend === onlyFriend);
    const delivered = firstFailure(await Promise.all(due.map((friend) => this.repliesTo(friend))));
    return delivered.ok ? ok(undefined) : delivered;
  }

  private repliesTo(friend: string): Promise<Result<void, ClientError>> {
    const waiting = this.repliesWaiting.get(friend);
    if (waiting !== undefined) return waiting;
    const delivery = this.inLane(friend, async () => {
      this.repliesWaiting.delete(friend);
      const delivered = await this.useCases.deliverHandshakeReplies.execute(this.account, friend, this.inTurn);
      return delivered.ok ? ok(undefined) : delivered;
    });
    this.repliesWaiting.set(friend, delivery);
    return delivery;
  }

  /** Runs `work` (which records nothing) once what goes to `friend` before it is done; nothing once the session has ended. */
  async after(friend: string, work: () => Promise<void>): Promise<void> {
    await this.inLane(friend, async () => {
      await work();
      return ok(undefined);
    });
  }

  /** A message already in flight: how its delivery went, once it is done. */
  private async outcomeOf(key: MessageKey, friend: string): Promise<Result<RetryReport, ClientError>> {
    await this.lanes.get(friend);
    const message = getOwn(this.account.doc.messages, key);
    if (message === undefined || message.undeliverable !== undefined) return ok({ delivered: [], stillFailing: 0 });
    return ok(message.deliveredAt !== null ? { delivered: [key], stillFailing: 0 } : { delivered: [], stillFailing: 1 });
  }

  /** Runs `work` after everything already waiting to go to `friend`; none once the session has ended. */
  private inLane<T>(friend: string, work: () => Promise<Result<T, ClientError>>): Promise<Result<T, ClientError>> {
    const previous = this.lanes.get(friend) ?? Promise.resolve();
    const result = previous.then(() => (this.account.closed ? sessionEnded() : work()));
    const done = result.then(
      () => undefined,
      () => undefined,
    );
    this.lanes.set(friend, done);
    void done.then(() => {
      if (this.lanes.get(friend) === done) this.lanes.delete(friend);
    });
    return result;
  }
}
