import { Removal, removeFriend } from '../../../domain/messaging/friends';
import { ok, Result } from '../../../domain/protocol/result';
import { resolveAddress } from '../session/account-address';
import { ClientDependencies } from '../client-dependencies';
import { ClientError } from '../client-error';
import { fromMessaging } from '../session/messaging-failure';
import { SignedInAccount } from '../session/signed-in-account';
import { asOwner } from '../session/owner-call';
import { sendRemovalNotice } from '../peers/removal-notice';
import { SaveBlob } from '../session/save-blob';

/**
 * Unfriend: every link with the address is closed in the blob first, then our drop tokens for them
 * are revoked (their later drops get 401) and they are told with a `friend-remove` under K.
 * Telling them is a courtesy: the revoked token is what actually ends the friendship.
 */
export class RemoveFriend {
  private readonly saveBlob: SaveBlob;

  constructor(private readonly deps: ClientDependencies) {
    this.saveBlob = new SaveBlob(deps);
  }

  async execute(account: SignedInAccount, address: string): Promise<Result<void, ClientError>> {
    const resolved = resolveAddress(address);
    if (!resolved.ok) return resolved;
    const removal = await this.saveBlob.execute(account, async (doc) => {
      const removed = removeFriend(doc, { address: resolved.value.address, now: this.deps.clock.now(), deviceId: account.deviceId });
      return removed.ok ? ok({ doc: removed.value.doc, value: removed.value }) : fromMessaging(removed.error, resolved.value.address);
    });
    if (!removal.ok) return removal;
    await endFriendship(this.deps, account, resolved.value.address, removal.value);
    return ok(undefined);
  }
}

/** After the blob write that closed the links: revoke our drop tokens for them, then tell them. */
export const endFriendship = async (deps: ClientDependencies, account: SignedInAccount, address: string, removal: Removal): Promise<void> => {
  for (const tokenId of removal.revokeDropTokenIds) {
    await asOwner(account, (token) => account.gateway.revokeDropToken(token, tokenId));
  }
  for (const notice of removal.notices) await sendRemovalNotice(deps, address, notice);
};
