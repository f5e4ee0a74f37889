import { deleteChat } from '../../../domain/messaging/deleted-chats';
import { ok, Result } from '../../../domain/protocol/result';
import { resolveAddress } from '../session/account-address';
import { ClientDependencies } from '../client-dependencies';
import { ClientError } from '../client-error';
import { fromMessaging } from '../session/messaging-failure';
import { SignedInAccount } from '../session/signed-in-account';
import { SaveBlob } from '../session/save-blob';

/**
 * Deletes the conversation with someone who is no longer a friend, on every device of the user:
 * one tombstone per link in the head, which drops the tail's messages at once and makes readers,
 * search and compaction treat the sealed ones as gone. Nothing is sent to anyone.
 */
export class DeleteChat {
  private readonly saveBlob: SaveBlob;

  constructor(private readonly deps: ClientDependencies) {
    this.saveBlob = new SaveBlob(deps);
  }

  execute(account: SignedInAccount, address: string): Promise<Result<void, ClientError>> {
    const resolved = resolveAddress(address);
    if (!resolved.ok) return Promise.resolve(resolved);
    return this.saveBlob.execute(account, async (doc) => {
      const deleted = deleteChat(doc, { address: resolved.value.address, now: this.deps.clock.now(), deviceId: account.deviceId });
      return deleted.ok ? ok({ doc: deleted.value, value: undefined }) : fromMessaging(deleted.error, resolved.value.address);
    });
  }
}
