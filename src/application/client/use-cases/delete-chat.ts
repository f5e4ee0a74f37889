import { deleteChat } from '../../../domain/messaging/deleted-chats';
import { ok, Result } from '../../../domain/protocol/result';
import { resolveAddress } from '../session/account-address';
import { ClientDependencies } from '../client-dependencies';
import { ClientError } from '../client-error';
import { fromMessaging } from '../session/messaging-failure';
import { SignedInAccount } from '../session/signed-in-account';
import { SaveBlob } from '../session/save-blob';

/** A bound on the writes one deletion makes at once; whatever is left goes with the following syncs. */
export const MAX_CLEANUP_WRITES = 500;

/**
 * Deletes the conversation with someone who is no longer a friend, on every device of the user:
 * one tombstone per link in the head, which drops the tail's messages at once (releasing their
 * files' chunks) and makes readers, search and compaction treat the sealed ones as gone. Nothing is
 * sent to anyone.
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

  /**
   * Writes until no page holds a deleted chat any more: each write opens a few of its pages and
   * compacts them away with their files' chunks (`SaveBlob`). Every later write does the same, so
   * stopping half-way (a failure, a closed tab) leaves the rest to the next syncs, not to no one.
   */
  async freeStorage(account: SignedInAccount): Promise<Result<void, ClientError>> {
    for (let write = 0; write < MAX_CLEANUP_WRITES; write++) {
      const freed = await this.freeSome(account);
      if (!freed.ok) return freed;
      if (!freed.value) break;
    }
    return ok(undefined);
  }

  /** One step of `freeStorage`: true when it wrote or opened something, so another may be due. */
  async freeSome(account: SignedInAccount): Promise<Result<boolean, ClientError>> {
    const before = { version: account.version, opened: account.openedObjectsChange };
    const flushed = await this.saveBlob.flush(account);
    if (!flushed.ok) return flushed;
    return ok(account.version !== before.version || account.openedObjectsChange !== before.opened);
  }
}
