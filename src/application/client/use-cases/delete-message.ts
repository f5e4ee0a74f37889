import { canonicalizeAddress } from '../../../domain/messaging/address';
import { MessageKey, messageKey } from '../../../domain/messaging/message';
import { getOwn, hasOwn } from '../../../domain/messaging/own-record';
import { withdrawMessage } from '../../../domain/messaging/withdraw-message';
import { ok, Result } from '../../../domain/protocol/result';
import { ClientDependencies } from '../client-dependencies';
import { ClientError, clientError } from '../client-error';
import { randomUuid } from '../protocol/key-material';
import { SignedInAccount } from '../session/signed-in-account';
import { SaveBlob } from '../session/save-blob';

/**
 * Deletes one of our messages that failed (or was refused for good): a tombstone in the blob, so no
 * device resends it or brings it back, and a `delete` of it for the friend, recorded in the same write
 * (`withdrawMessage`). Delivered messages are not this use case's.
 */
export class DeleteUnsentMessage {
  private readonly saveBlob: SaveBlob;

  constructor(private readonly deps: ClientDependencies) {
    this.saveBlob = new SaveBlob(deps);
  }

  /** The key of the `delete` to deliver as any message, null when none was recorded. */
  execute(account: SignedInAccount, input: { readonly friend: string; readonly id: string }): Promise<Result<MessageKey | null, ClientError>> {
    const friend = canonicalizeAddress(input.friend);
    if (!friend.ok) return Promise.resolve(clientError('invalid_address', `Not an address: ${input.friend}`));
    const key = messageKey('out', friend.value, input.id);
    const deleteId = randomUuid(this.deps.crypto.random);
    return this.saveBlob.execute<MessageKey | null, ClientError>(account, async (doc) => {
      // One refused for good may have been sealed into a page since: its copy there, as the chat shows it.
      const message = getOwn(doc.messages, key) ?? (hasOwn(doc.deletedMessages, key) ? undefined : getOwn(account.shownDocument.messages, key));
      if (message === undefined) return ok({ doc, value: null });
      if (message.deliveredAt !== null) return clientError('validation_failed', 'This message was delivered already.');
      const withdrawn = withdrawMessage(doc, message, { id: deleteId, now: this.deps.clock.now() });
      return ok({ doc: withdrawn.doc, value: withdrawn.deleteKey });
    });
  }
}
