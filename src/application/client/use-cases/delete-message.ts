import { canonicalizeAddress } from '../../../domain/messaging/address';
import { MessageKey, messageKey, MessageRecord } from '../../../domain/messaging/message';
import { deleteMessage } from '../../../domain/messaging/messages';
import { getOwn, hasOwn } from '../../../domain/messaging/own-record';
import { ok, Result } from '../../../domain/protocol/result';
import { ClientDependencies } from '../client-dependencies';
import { ClientError, clientError } from '../client-error';
import { SignedInAccount } from '../session/signed-in-account';
import { SaveBlob } from '../session/save-blob';
import { SendMessage } from './send-message';

/**
 * Deletes one of our messages that never went out (failed, or refused for good): a tombstone in
 * the blob, so no device resends it or brings it back. Delivered messages are not this use case's.
 */
export class DeleteUnsentMessage {
  private readonly saveBlob: SaveBlob;
  private readonly sendMessage: SendMessage;

  constructor(private readonly deps: ClientDependencies) {
    this.saveBlob = new SaveBlob(deps);
    this.sendMessage = new SendMessage(deps);
  }

  execute(account: SignedInAccount, input: { readonly friend: string; readonly id: string }): Promise<Result<void, ClientError>> {
    const friend = canonicalizeAddress(input.friend);
    if (!friend.ok) return Promise.resolve(clientError('invalid_address', `Not an address: ${input.friend}`));
    const key = messageKey('out', friend.value, input.id);
    return this.saveBlob.execute<void, ClientError>(account, async (doc) => {
      const message = getOwn(doc.messages, key);
      if (message === undefined) return ok({ doc, value: undefined });
      if (message.deliveredAt !== null) return clientError('validation_failed', 'This message was delivered already.');
      return ok({ doc: deleteMessage(doc, key, this.deps.clock.now()), value: undefined });
    });
  }

  /**
   * A drop of the message was under way when it was deleted here, and got through: records the
   * `delete` (§11) that takes it back at the friend's, to deliver as any message. Null when the
   * message is not deleted here after all (the deletion failed to be written).
   */
  async recordLateDelete(account: SignedInAccount, message: Pick<MessageRecord, 'friend' | 'id'>): Promise<Result<MessageKey | null, ClientError>> {
    const key = messageKey('out', message.friend, message.id);
    const { doc } = account;
    if (hasOwn(doc.messages, key) || !hasOwn(doc.deletedMessages, key)) return ok(null);
    return this.sendMessage.record(account, { to: message.friend, body: '', kind: () => ok({ type: 'delete', target: message.id }) });
  }
}
