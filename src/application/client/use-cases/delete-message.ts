import { canonicalizeAddress } from '../../../domain/messaging/address';
import { messageKey } from '../../../domain/messaging/message';
import { deleteMessage } from '../../../domain/messaging/messages';
import { getOwn } from '../../../domain/messaging/own-record';
import { ok, Result } from '../../../domain/protocol/result';
import { ClientDependencies } from '../client-dependencies';
import { ClientError, clientError } from '../client-error';
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
}
