import { blockAddress } from '../../../domain/messaging/friends';
import { ok, Result } from '../../../domain/protocol/result';
import { resolveAddress } from '../session/account-address';
import { ClientDependencies } from '../client-dependencies';
import { ClientError } from '../client-error';
import { fromMessaging } from '../session/messaging-failure';
import { SignedInAccount } from '../session/signed-in-account';
import { SaveBlob } from '../session/save-blob';
import { endFriendship } from './remove-friend';

/**
 * Blocks an address, friend or not, on every device: their later requests and messages are dropped
 * unseen at sync. A friendship or a request either way ends as with RemoveFriend, so our drop
 * token is revoked and their server refuses their drops before they cost us any quota.
 */
export class BlockContact {
  private readonly saveBlob: SaveBlob;

  constructor(private readonly deps: ClientDependencies) {
    this.saveBlob = new SaveBlob(deps);
  }

  async execute(account: SignedInAccount, address: string): Promise<Result<void, ClientError>> {
    const resolved = resolveAddress(address);
    if (!resolved.ok) return resolved;
    const removal = await this.saveBlob.execute(account, async (doc) => {
      const blocked = blockAddress(doc, { address: resolved.value.address, now: this.deps.clock.now(), deviceId: account.deviceId });
      return blocked.ok ? ok({ doc: blocked.value.doc, value: blocked.value }) : fromMessaging(blocked.error, resolved.value.address);
    });
    if (!removal.ok) return removal;
    await endFriendship(this.deps, account, resolved.value.address, removal.value);
    return ok(undefined);
  }
}
