import { READ_RECEIPTS_SETTING, readReceiptsOn } from '../../../domain/messaging/chat-settings';
import { setSetting } from '../../../domain/messaging/settings';
import { ok, Result } from '../../../domain/protocol/result';
import { ClientDependencies } from '../client-dependencies';
import { ClientError } from '../client-error';
import { SignedInAccount } from '../session/signed-in-account';
import { SaveBlob } from '../session/save-blob';

/** §11 read receipts, one setting in the blob for every device: on, receipts are sent and the friends' shown. */
export class SetReadReceipts {
  private readonly saveBlob: SaveBlob;

  constructor(private readonly deps: ClientDependencies) {
    this.saveBlob = new SaveBlob(deps);
  }

  execute(account: SignedInAccount, on: boolean): Promise<Result<void, ClientError>> {
    return this.saveBlob.execute<void, never>(account, async (doc) =>
      ok({
        doc: readReceiptsOn(doc) === on ? doc : setSetting(doc, { key: READ_RECEIPTS_SETTING, value: on, now: this.deps.clock.now(), deviceId: account.deviceId }),
        value: undefined,
      }),
    );
  }
}
