import { linkOf } from '../../domain/messaging/document-updates';
import { hasKeys } from '../../domain/messaging/friendship';
import { keyOfMessage, MessageKey } from '../../domain/messaging/message';
import { markMessageDelivered, markMessageFailed, undeliveredMessages } from '../../domain/messaging/messages';
import { ok, Result } from '../../domain/result';
import { ClientDependencies } from './client-dependencies';
import { ClientError } from './client-error';
import { dropMessage } from './message-delivery';
import { OpenAccount } from './open-account';
import { SaveBlob } from './save-blob';

/** After this many failed drops a message is left as failed instead of being retried by every sync. */
export const MAX_AUTOMATIC_ATTEMPTS = 10;

/**
 * Resends outgoing messages whose drop never succeeded (a crash or a network failure after the
 * seq was reserved), with their original id and seq, and records the outcomes in one write.
 */
export class RetryUndeliveredMessages {
  private readonly saveBlob: SaveBlob;

  constructor(private readonly deps: ClientDependencies) {
    this.saveBlob = new SaveBlob(deps);
  }

  async execute(account: OpenAccount): Promise<Result<number, ClientError>> {
    const delivered: MessageKey[] = [];
    const failed: MessageKey[] = [];
    for (const message of undeliveredMessages(account.doc)) {
      if (message.failedAttempts >= MAX_AUTOMATIC_ATTEMPTS) continue;
      const link = linkOf(account.doc, message.friend, message.handshakeId);
      // Closed links cannot carry it; an acceptance still owed must reach the friend first.
      if (!link || !hasKeys(link) || (link.state.kind === 'awaiting-confirmation' && link.replyDeliveredAt === null)) continue;
      const dropped = await dropMessage(this.deps, { ourAddress: link.ourAddress, keys: link.state.keys }, message);
      (dropped.ok ? delivered : failed).push(keyOfMessage(message));
    }
    if (delivered.length === 0 && failed.length === 0) return ok(0);
    const now = this.deps.clock.now();
    const saved = await this.saveBlob.execute<void, never>(account, async (doc) => {
      const withDelivered = delivered.reduce((current, key) => markMessageDelivered(current, key, now), doc);
      return ok({ doc: failed.reduce((current, key) => markMessageFailed(current, key), withDelivered), value: undefined });
    });
    return saved.ok ? ok(delivered.length) : saved;
  }
}
