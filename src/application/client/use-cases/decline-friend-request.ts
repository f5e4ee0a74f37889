import { findLinkByHandshake } from '../../../domain/messaging/document-updates';
import { declineIncomingRequest } from '../../../domain/messaging/incoming-requests';
import { ok, Result } from '../../../domain/protocol/result';
import { ClientDependencies } from '../client-dependencies';
import { ClientError } from '../client-error';
import { fromMessaging } from '../session/messaging-failure';
import { SignedInAccount } from '../session/signed-in-account';
import { SaveBlob } from '../session/save-blob';

/** PROTOCOL §4.1 step 8: a declined request is simply discarded; the requester is not told. */
export class DeclineFriendRequest {
  private readonly saveBlob: SaveBlob;

  constructor(private readonly deps: ClientDependencies) {
    this.saveBlob = new SaveBlob(deps);
  }

  async execute(account: SignedInAccount, requestId: string): Promise<Result<void, ClientError>> {
    const found = findLinkByHandshake(account.doc, requestId);
    if (!found || found.link.initiator !== 'them') return fromMessaging('request/unknown');
    return this.saveBlob.execute(account, async (doc) => {
      const declined = declineIncomingRequest(doc, {
        from: found.address,
        handshakeId: requestId,
        now: this.deps.clock.now(),
        deviceId: account.deviceId,
      });
      return declined.ok ? ok({ doc: declined.value, value: undefined }) : fromMessaging(declined.error);
    });
  }
}
