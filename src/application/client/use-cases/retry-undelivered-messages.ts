import { linkOf } from '../../../domain/messaging/document-updates';
import { hasKeys } from '../../../domain/messaging/friendship';
import { keyOfMessage, MessageKey, UndeliverableReason } from '../../../domain/messaging/message';
import { markMessageDelivered, markMessageFailed, retryableMessages } from '../../../domain/messaging/messages';
import { ok, Result } from '../../../domain/protocol/result';
import { ClientDependencies } from '../client-dependencies';
import { ClientError } from '../client-error';
import { dropMessage, recordUndeliverable, undeliverableReasonOf } from '../peers/message-delivery';
import { messageFits } from '../peers/message-size';
import { SignedInAccount } from '../session/signed-in-account';
import { SaveBlob } from '../session/save-blob';
import { atOnce, InTurn } from '../session/in-turn';
import { getOwn } from '../../../domain/messaging/own-record';

export interface RetryReport {
  /** The messages that went out, in the order they went. */
  readonly delivered: readonly MessageKey[];
  /** Failed again, but may still go out later. */
  readonly stillFailing: number;
}

interface Outcomes {
  readonly delivered: MessageKey[];
  readonly failed: MessageKey[];
  readonly undeliverable: { key: MessageKey; reason: UndeliverableReason; friend: string }[];
}

/**
 * Resends outgoing messages whose drop never succeeded (a crash or a network failure after the
 * seq was reserved), with their original id and seq, and records the outcomes in one write. A
 * message the friend's server refuses for good, or that is larger than our server's envelope
 * limit, is marked undeliverable and never tried again; the user can delete it. `due` and
 * `resend` are the two halves, so a session can wait on friends' servers outside its queue.
 */
export class RetryUndeliveredMessages {
  private readonly saveBlob: SaveBlob;

  constructor(private readonly deps: ClientDependencies) {
    this.saveBlob = new SaveBlob(deps);
  }

  async execute(account: SignedInAccount, only?: MessageKey): Promise<Result<RetryReport, ClientError>> {
    return this.resend(account, this.due(account, { ...(only === undefined ? {} : { only }) }));
  }

  /** The messages waiting to be sent again, oldest first: `only` that one, none of those `skip` names. */
  due(account: SignedInAccount, options: { readonly only?: MessageKey; readonly skip?: (key: MessageKey) => boolean } = {}): MessageKey[] {
    const { only, skip } = options;
    return retryableMessages(account.doc)
      .map(keyOfMessage)
      .filter((key) => (only === undefined || key === only) && skip?.(key) !== true);
  }

  /**
   * Drops `keys` (those still waiting) in order; the outcomes are written in one write, through `inTurn`. Once a
   * friend's server failed one, their later ones wait for the next resend: the friend never gets one before it.
   */
  async resend(account: SignedInAccount, keys: readonly MessageKey[], inTurn: InTurn = atOnce): Promise<Result<RetryReport, ClientError>> {
    const outcomes: Outcomes = { delivered: [], failed: [], undeliverable: [] };
    const unreached = new Set<string>();
    for (const key of keys) {
      // Logged out or deleted meanwhile: what is left goes at the next sign-in, or never, not from a session that has ended.
      if (account.closed) break;
      const message = getOwn(account.doc.messages, key);
      if (message === undefined || message.deliveredAt !== null || message.undeliverable !== undefined || unreached.has(message.friend)) continue;
      const link = linkOf(account.doc, message.friend, message.handshakeId);
      // Closed links cannot carry it; an acceptance still owed must reach the friend first.
      if (!link || !hasKeys(link) || (link.state.kind === 'awaiting-confirmation' && link.replyDeliveredAt === null)) continue;
      if (!messageFits(message, account.limits.envelopeBytes)) {
        outcomes.undeliverable.push({ key, reason: 'too-large', friend: message.friend });
        continue;
      }
      const drop = await dropMessage(this.deps, { ourAddress: link.ourAddress, keys: link.state.keys }, message);
      const reason = drop.ok ? null : undeliverableReasonOf(drop.error);
      if (drop.ok) outcomes.delivered.push(key);
      else if (reason === null) {
        outcomes.failed.push(key);
        unreached.add(message.friend);
      } else outcomes.undeliverable.push({ key, reason, friend: message.friend });
    }
    const report = { delivered: outcomes.delivered, stillFailing: outcomes.failed.length };
    if (outcomes.delivered.length + outcomes.failed.length + outcomes.undeliverable.length === 0) return ok(report);
    const saved = await inTurn(() => this.saveBlob.execute<void, never>(account, async (doc) => ok({ doc: this.apply(doc, outcomes, account), value: undefined })));
    return saved.ok ? ok(report) : saved;
  }
  private apply(doc: SignedInAccount['doc'], outcomes: Outcomes, account: SignedInAccount): SignedInAccount['doc'] {
    const now = this.deps.clock.now();
    const withDelivered = outcomes.delivered.reduce((current, key) => markMessageDelivered(current, key, now), doc);
    const withFailed = outcomes.failed.reduce((current, key) => markMessageFailed(current, key), withDelivered);
    return outcomes.undeliverable.reduce(
      (current, { key, reason, friend }) => recordUndeliverable(current, { key, reason, friend, now, deviceId: account.deviceId }),
      withFailed,
    );
  }
}
