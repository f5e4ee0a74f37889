import { BlobDocument } from '../../../domain/messaging/blob-document';
import { blockAddress, Removal, RemovalNotice, removeFriend } from '../../../domain/messaging/friends';
import { MessagingError } from '../../../domain/messaging/messaging-errors';
import { ok, Result } from '../../../domain/protocol/result';
import { resolveAddress } from '../session/account-address';
import { ClientDependencies } from '../client-dependencies';
import { ClientError } from '../client-error';
import { fromMessaging } from '../session/messaging-failure';
import { SignedInAccount } from '../session/signed-in-account';
import { sendRemovalNotice } from '../peers/removal-notice';
import { SaveBlob } from '../session/save-blob';
import { RevokePendingDropTokens } from '../session/revoke-pending-drop-tokens';

/** A change of the blob that closes every link with an address (and may do more, such as blocking it). */
type CloseLinks = (
  doc: BlobDocument,
  input: { readonly address: string; readonly now: number; readonly deviceId: string },
) => Result<Removal, MessagingError>;

/** A friendship closed on our side, with the `friend-remove` notices still to drop at the friend's server. */
export interface EndedFriendship {
  readonly address: string;
  readonly notices: readonly RemovalNotice[];
}

/**
 * Unfriend: every link with the address is closed in the blob first, with our drop tokens for them
 * listed there to revoke; then they are revoked (their later drops get 401) and the friend is told
 * with a `friend-remove` under K. Telling them is a courtesy: the revoked token is what actually
 * ends the friendship, so a revocation that fails here is tried again by every sync.
 */
export class RemoveFriend {
  private readonly saveBlob: SaveBlob;
  private readonly revokeTokens: RevokePendingDropTokens;

  constructor(
    private readonly deps: ClientDependencies,
    private readonly closeLinks: CloseLinks = removeFriend,
  ) {
    this.saveBlob = new SaveBlob(deps);
    this.revokeTokens = new RevokePendingDropTokens(deps);
  }

  async execute(account: SignedInAccount, address: string): Promise<Result<void, ClientError>> {
    const ended = await this.end(account, address);
    if (!ended.ok) return ended;
    await this.tell(ended.value);
    return ok(undefined);
  }

  /** Closes the links in the blob and revokes our drop tokens: what is left is to tell the friend. */
  async end(account: SignedInAccount, address: string): Promise<Result<EndedFriendship, ClientError>> {
    const resolved = resolveAddress(address);
    if (!resolved.ok) return resolved;
    const removal = await this.saveBlob.execute(account, async (doc) => {
      const removed = this.closeLinks(doc, { address: resolved.value.address, now: this.deps.clock.now(), deviceId: account.deviceId });
      return removed.ok ? ok({ doc: removed.value.doc, value: removed.value }) : fromMessaging(removed.error, resolved.value.address);
    });
    if (!removal.ok) return removal;
    // The removal is written: a token not revoked or not marked so now stays pending for the next sync.
    await this.revokeTokens.execute(account);
    return ok({ address: resolved.value.address, notices: removal.value.notices });
  }

  /** Waits on the friend's server; records nothing. */
  async tell(ended: EndedFriendship): Promise<void> {
    for (const notice of ended.notices) await sendRemovalNotice(this.deps, ended.address, notice);
  }
}

/**
 * Blocks an address, friend or not, on every device: their later requests and messages are dropped
 * unseen at sync. A friendship or a request either way ends as with RemoveFriend, so our drop
 * token is revoked and their server refuses their drops before they cost us any quota.
 */
export const blockContact = (deps: ClientDependencies): RemoveFriend => new RemoveFriend(deps, blockAddress);
