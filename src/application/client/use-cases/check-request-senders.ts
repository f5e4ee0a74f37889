import { Verification } from '../../../domain/messaging/friendship';
import { declineIncomingRequest, recordRequestVerification, SenderClaim } from '../../../domain/messaging/incoming-requests';
import { ok, Result } from '../../../domain/protocol/result';
import { ClientDependencies } from '../client-dependencies';
import { ClientError } from '../client-error';
import { SignedInAccount } from '../session/signed-in-account';
import { verifyClaimedIdentity } from '../peers/open-inbox-items';
import { SaveBlob } from '../session/save-blob';

export interface CheckedClaim {
  readonly claim: SenderClaim;
  readonly verification: Verification;
}

/**
 * PROTOCOL §4.1 step 4, in two halves so the slow one never holds the session's operation queue:
 * `lookUp` asks each claimed address's own server for its key (one attempt each, under the
 * gateway's deadline; no answer is 'unchecked'), and `record` writes the outcomes into the blob.
 * A pending request whose claimed server publishes another key is declined: it is a forgery.
 */
export class CheckRequestSenders {
  private readonly saveBlob: SaveBlob;

  constructor(private readonly deps: ClientDependencies) {
    this.saveBlob = new SaveBlob(deps);
  }

  async lookUp(claims: readonly SenderClaim[]): Promise<CheckedClaim[]> {
    return Promise.all(
      claims.map(async (claim) => ({ claim, verification: await verifyClaimedIdentity(this.deps.gateways, claim.address, claim.identityKey) })),
    );
  }

  async record(account: SignedInAccount, checked: readonly CheckedClaim[]): Promise<Result<void, ClientError>> {
    const decided = checked.filter(({ verification }) => verification !== 'unchecked');
    if (decided.length === 0) return ok(undefined);
    return this.saveBlob.execute(account, async (start) => {
      const now = this.deps.clock.now();
      let doc = start;
      for (const { claim, verification } of decided) {
        const recorded = recordRequestVerification(doc, { from: claim.address, handshakeId: claim.handshakeId, verification, now });
        if (!recorded.ok) continue;
        doc = recorded.value;
        if (verification !== 'mismatch') continue;
        const declined = declineIncomingRequest(doc, { from: claim.address, handshakeId: claim.handshakeId, now, deviceId: account.deviceId });
        if (declined.ok) doc = declined.value;
      }
      return ok({ doc, value: undefined });
    });
  }
}
