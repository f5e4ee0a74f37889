import { canonicalizeAddress } from '../../../domain/messaging/address';
import { MessageKey, messageKey } from '../../../domain/messaging/message';
import { deleteMessage } from '../../../domain/messaging/messages';
import { getOwn } from '../../../domain/messaging/own-record';
import { withdrawMessage } from '../../../domain/messaging/withdraw-message';
import { ok, Result } from '../../../domain/protocol/result';
import { ClientDependencies } from '../client-dependencies';
import { ClientError, clientError } from '../client-error';
import { randomUuid } from '../protocol/key-material';
import { SignedInAccount } from '../session/signed-in-account';
import { SaveBlob } from '../session/save-blob';

/**
 * Deletes one of our messages that never went out (failed, or refused for good): a tombstone in
 * the blob, so no device resends it or brings it back. Delivered messages are not this use case's.
 */
export class DeleteUnsentMessage {
  private readonly saveBlob: SaveBlob;

  constructor(private readonly deps: ClientDependencies) {
    this.saveBlob = new SaveBlob(deps);
  }

  /**
   * `inFlight`: a drop of it is under way, which may get through: a `delete` is recorded with the tombstone, to deliver
   * as any message (`withdrawMessage`). The key of that delete, null when none was recorded.
   */
  execute(
    account: SignedInAccount,
    input: { readonly friend: string; readonly id: string; readonly inFlight?: boolean },
  ): Promise<Result<MessageKey | null, ClientError>> {
    const friend = canonicalizeAddress(input.friend);
    if (!friend.ok) return Promise.resolve(clientError('invalid_address', `Not an address: ${input.friend}`));
    const key = messageKey('out', friend.value, input.id);
    const deleteId = randomUuid(this.deps.crypto.random);
    return this.saveBlob.execute<MessageKey | null, ClientError>(account, async (doc) => {
      const message = getOwn(doc.messages, key);
      if (message === undefined) return ok({ doc, value: null });
      if (message.deliveredAt !== null) return clientError('validation_failed', 'This message was delivered already.');
      const now = this.deps.clock.now();
      if (input.inFlight !== true) return ok({ doc: deleteMessage(doc, key, now), value: null });
      const withdrawn = withdrawMessage(doc, key, { id: deleteId, now });
      return ok({ doc: withdrawn.doc, value: withdrawn.deleteKey });
    });
  }
}
