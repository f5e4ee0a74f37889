import { settleMessages } from '../../../domain/messaging/message-lifecycle';
import { ok, Result } from '../../../domain/protocol/result';
import { ClientDependencies } from '../client-dependencies';
import { ClientError } from '../client-error';
import { SignedInAccount } from '../session/signed-in-account';
import { SaveBlob } from '../session/save-blob';

/**
 * Disappearing messages whose time is up leave the blob (§11): tombstones, so every device drops
 * them in its next merge. Sync does the same in its own write; the session runs this on a timer.
 */
export class RemoveExpiredMessages {
  private readonly saveBlob: SaveBlob;

  constructor(private readonly deps: ClientDependencies) {
    this.saveBlob = new SaveBlob(deps);
  }

  execute(account: SignedInAccount): Promise<Result<void, ClientError>> {
    return this.saveBlob.execute<void, never>(account, async (doc) => ok({ doc: settleMessages(doc, this.deps.clock.now()), value: undefined }));
  }
}
