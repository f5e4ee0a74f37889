import { setSafetyNumberVerified } from '../../../domain/messaging/friends';
import { ok, Result } from '../../../domain/protocol/result';
import { ClientDependencies } from '../client-dependencies';
import { ClientError } from '../client-error';
import { fromMessaging } from '../session/messaging-failure';
import { SignedInAccount } from '../session/signed-in-account';
import { SaveBlob } from '../session/save-blob';

/**
 * The user compared the safety number with the friend out of band (PROTOCOL §4.1 step 9) and marks
 * the friend verified, or takes it back. Stored in the blob, so every device of the user shows it.
 */
export class MarkSafetyNumberVerified {
  private readonly saveBlob: SaveBlob;

  constructor(private readonly deps: ClientDependencies) {
    this.saveBlob = new SaveBlob(deps);
  }

  execute(account: SignedInAccount, input: { readonly address: string; readonly verified: boolean }): Promise<Result<void, ClientError>> {
    return this.saveBlob.execute(account, async (doc) => {
      const marked = setSafetyNumberVerified(doc, { ...input, now: this.deps.clock.now(), deviceId: account.deviceId });
      return marked.ok ? ok({ doc: marked.value, value: undefined }) : fromMessaging(marked.error, input.address);
    });
  }
}
