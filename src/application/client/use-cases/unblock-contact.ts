import { setFriendBlocked } from '../../../domain/messaging/friends';
import { ok, Result } from '../../../domain/protocol/result';
import { resolveAddress } from '../session/account-address';
import { ClientDependencies } from '../client-dependencies';
import { ClientError } from '../client-error';
import { fromMessaging } from '../session/messaging-failure';
import { SignedInAccount } from '../session/signed-in-account';
import { SaveBlob } from '../session/save-blob';

/** Takes a block back on every device. Nothing it ended comes back: they must send a new request. */
export class UnblockContact {
  private readonly saveBlob: SaveBlob;

  constructor(private readonly deps: ClientDependencies) {
    this.saveBlob = new SaveBlob(deps);
  }

  async execute(account: SignedInAccount, address: string): Promise<Result<void, ClientError>> {
    const resolved = resolveAddress(address);
    if (!resolved.ok) return resolved;
    return this.saveBlob.execute(account, async (doc) => {
      const unblocked = setFriendBlocked(doc, { address: resolved.value.address, blocked: false, now: this.deps.clock.now(), deviceId: account.deviceId });
      return unblocked.ok ? ok({ doc: unblocked.value, value: undefined }) : fromMessaging(unblocked.error, resolved.value.address);
    });
  }
}
