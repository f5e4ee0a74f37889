import { isNearCap } from '../../../domain/messaging/blob-size';
import { BlockedLinksClosed, closeLinksOfBlockedFriends } from '../../../domain/messaging/blocked-links';
import { pruneProcessedInboxItems } from '../../../domain/messaging/inbox-items';
import { expirePendingRequests } from '../../../domain/messaging/request-expiry';
import { ok, Result } from '../../../domain/protocol/result';
import type { InboxItemBody } from '../../../domain/protocol/wire';
import { applyInboxItems } from '../peers/apply-inbox-items';
import { settleMessages } from '../../../domain/messaging/message-lifecycle';
import { headPlaintextBytes } from '../protocol/head-plaintext';
import { ClientDependencies } from '../client-dependencies';
import { ClientError, fromGateway } from '../client-error';
import { DeliverHandshakeReplies } from '../peers/deliver-handshake-replies';
import { identityKeyPair } from '../protocol/key-material';
import { SignedInAccount } from '../session/signed-in-account';
import { openInboxItem, OpenedItem } from '../peers/open-inbox-items';
import { asOwner } from '../session/owner-call';
import { RetryUndeliveredMessages } from './retry-undelivered-messages';
import { chunksToClaim, chunksToDiscard } from '../peers/claim-file-chunks';
import { SaveBlob } from '../session/save-blob';
import { sendRemovalNotice } from '../peers/removal-notice';
import { RevokePendingDropTokens } from '../session/revoke-pending-drop-tokens';

/** Items per GET /inbox page, and at most this many pages in one batch (one blob write). */
const PAGE_ITEMS = 500;
const PAGES_PER_BATCH = 4;
/** The server's ceiling for one POST /inbox/ack (src/domain/protocol/wire WIRE_CEILINGS.ackIds is 1000). */
const ACK_CHUNK = 500;
/** The server's ceiling for the `objects` of one ack; refused chunks past it wait for the server's expiry. */
const ACK_OBJECTS = 1000;
/** A sync stops after this many full batches and continues on the next event or call. */
const MAX_BATCHES = 20;

export const STORAGE_WARNING =
  'Your account storage is nearly full. New messages wait on the server until you export your data and delete old conversations.';

interface Written {
  /** The head changed since the listing (another device wrote): its items may be processed and forgotten there, so list again. */
  readonly stale: boolean;
  readonly itemIds: readonly string[];
  /** Links of blocked friends another device opened (blocked wins): their friends are told, as a block tells them. */
  readonly notices: BlockedLinksClosed['notices'];
  /** Dropped chunks of refused messages that no accepted message names: deleted with the ack (§9.2). */
  readonly discardObjects: readonly string[];
}

interface Listing {
  readonly items: InboxItemBody[];
  /** Every item the server held: no page left unread. */
  readonly complete: boolean;
  /** The version of the head read before the listing. */
  readonly readVersion: number;
}

interface Applied {
  readonly acknowledged: number;
  readonly relist: boolean;
}

export interface SyncReport {
  /** Inbox items acknowledged in this sync (applied, duplicates and discarded ones). */
  readonly acknowledged: number;
}

/** Takes the `friend-remove` notices owed to friends whose links a write closed as blocked. */
export type LinksClosed = (notices: BlockedLinksClosed['notices']) => void;

export interface SyncOptions {
  /**
   * What is owed to friends' servers (acceptances, confirmations, resends) is the caller's to deliver, and so are the
   * removal notices, handed to `linksClosed` once the write that closed the links is done: whatever fails after it (the
   * acknowledgement, a later batch), links closed are not closed again, so no later sync would tell those friends.
   */
  readonly friendsLater?: { readonly linksClosed: LinksClosed };
}

/**
 * PROTOCOL §6: read the inbox, decrypt and merge every item into the blob, write the blob once
 * (If-Match, re-applied on 412), and only then acknowledge. A crash anywhere loses nothing: items
 * not acknowledged come back and are deduplicated by item id and message id. Afterwards the
 * replies and messages still owed to friends are delivered, and expired requests closed. Links
 * another device opened with an address blocked here are closed in the same write (blocked wins)
 * and the friend told after it. Every drop token the blob lists to revoke (closed here, or by any
 * device before and not yet confirmed by our server) is tried once after the batches. A sync
 * contacts only our own server and our friends' servers: a stranger's claimed sender is looked up
 * elsewhere (CheckRequestSenders), off the operation queue.
 */
export class SyncInbox {
  private readonly saveBlob: SaveBlob;
  private readonly deliverReplies: DeliverHandshakeReplies;
  private readonly retryMessages: RetryUndeliveredMessages;
  private readonly revokeTokens: RevokePendingDropTokens;

  constructor(private readonly deps: ClientDependencies) {
    this.saveBlob = new SaveBlob(deps);
    this.deliverReplies = new DeliverHandshakeReplies(deps);
    this.retryMessages = new RetryUndeliveredMessages(deps);
    this.revokeTokens = new RevokePendingDropTokens(deps);
  }

  async execute(account: SignedInAccount, options: SyncOptions = {}): Promise<Result<SyncReport, ClientError>> {
    // Other devices of ours may have written since: their friends and keys are needed to decrypt.
    const refreshed = await this.saveBlob.refresh(account);
    if (!refreshed.ok) return refreshed;
    let acknowledged = 0;
    const notices: BlockedLinksClosed['notices'][number][] = [];
    const linksClosed: LinksClosed = options.friendsLater?.linksClosed ?? ((closed) => notices.push(...closed));
    for (let batch = 0; batch < MAX_BATCHES; batch++) {
      const listed = await this.listBatch(account);
      if (!listed.ok) return listed;
      const applied = await this.applyBatch(account, listed.value, linksClosed);
      if (!applied.ok) return applied;
      acknowledged += applied.value.acknowledged;
      if (applied.value.relist) continue;
      if (listed.value.complete || applied.value.acknowledged < listed.value.items.length) break;
    }
    for (const { address, notice } of notices) await sendRemovalNotice(this.deps, address, notice);
    const owed = await this.deliverOwed(account, options.friendsLater !== undefined);
    return owed.ok ? ok({ acknowledged }) : owed;
  }

  private async listBatch(account: SignedInAccount): Promise<Result<Listing, ClientError>> {
    const readVersion = account.version;
    const items: InboxItemBody[] = [];
    let after: string | undefined;
    for (let page = 0; page < PAGES_PER_BATCH; page++) {
      const listed = await asOwner(account, (token) =>
        account.gateway.listInbox(token, after === undefined ? { limit: PAGE_ITEMS } : { after, limit: PAGE_ITEMS }),
      );
      if (!listed.ok) return fromGateway(listed.error, 'Reading your inbox failed');
      items.push(...listed.value.items);
      if (listed.value.next === null) return ok({ items, complete: true, readVersion });
      after = listed.value.next;
    }
    return ok({ items, complete: false, readVersion });
  }

  /**
   * One blob write for the batch, then the acknowledgement; returns how many were acknowledged.
   * When the whole batch would bring the blob near its cap, ever shorter prefixes are tried: what
   * does not fit stays unacknowledged on the server (PROTOCOL §6) and the user is told.
   */
  private async applyBatch(account: SignedInAccount, listing: Listing, linksClosed: LinksClosed): Promise<Result<Applied, ClientError>> {
    if (isNearCap(headPlaintextBytes(account.head), account.limits.blobBytes)) {
      account.warnStorage(STORAGE_WARNING);
      return ok({ acknowledged: 0, relist: false });
    }
    const opened = await this.open(account, listing.items);
    for (let take = opened.length; ; take = Math.floor(take / 2)) {
      const written = await this.write(account, listing, opened.slice(0, take));
      if (written.ok) {
        if (written.value.stale) return ok({ acknowledged: 0, relist: true });
        if (written.value.notices.length > 0) linksClosed(written.value.notices);
        account.warnStorage(take < opened.length ? STORAGE_WARNING : null);
        const acknowledged = await this.acknowledge(account, written.value);
        return acknowledged.ok ? ok({ acknowledged: acknowledged.value, relist: false }) : acknowledged;
      }
      if (written.error.code !== 'blob_near_cap') return written;
      if (take === 0) {
        account.warnStorage(STORAGE_WARNING);
        return ok({ acknowledged: 0, relist: false });
      }
    }
  }

  /**
   * Items are applied only to the head read before they were listed: after a 412 another device
   * may have processed, acknowledged and forgotten them (`pruneProcessedInboxItems`), and only a
   * fresh listing tells which are left.
   */
  private async write(account: SignedInAccount, listing: Listing, opened: readonly OpenedItem[]): Promise<Result<Written, ClientError>> {
    const nearCap = opened.length > 0 ? { nearCapMessage: 'These items would bring your data too close to the server limit.' } : {};
    return this.saveBlob.execute(
      account,
      async (doc) => {
        if (account.version !== listing.readVersion) {
          return ok({ doc, value: { stale: true, itemIds: [], notices: [], discardObjects: [] } });
        }
        const now = this.deps.clock.now();
        const applied = await applyInboxItems(this.deps, doc, opened, { ourAddress: account.address, deviceId: account.deviceId, now });
        const expired = expirePendingRequests(settleMessages(applied.doc, now), { now, deviceId: account.deviceId });
        // After the items: a message of a blocked friend is refused while its link still holds K.
        const blocked = closeLinksOfBlockedFriends(expired.doc, { now, deviceId: account.deviceId });
        const stillListed = listing.items.map((item) => item.id);
        const next = blocked.doc === doc || !listing.complete ? blocked.doc : pruneProcessedInboxItems(blocked.doc, { now, stillListed });
        const value = {
          stale: false,
          itemIds: applied.itemIds,
          notices: blocked.notices,
          discardObjects: chunksToDiscard(next, applied.refusedChunkIds),
        };
        const claims = chunksToClaim(doc, next);
        return ok({ doc: next, value, ...(claims === undefined ? {} : { objects: claims }) });
      },
      nearCap,
    );
  }

  private async acknowledge(account: SignedInAccount, written: Written): Promise<Result<number, ClientError>> {
    const { itemIds, discardObjects } = written;
    for (let start = 0, call = 0; start < itemIds.length; start += ACK_CHUNK, call++) {
      const ids = itemIds.slice(start, start + ACK_CHUNK);
      const objects = discardObjects.slice(call * ACK_OBJECTS, (call + 1) * ACK_OBJECTS);
      const acked = await asOwner(account, (token) => account.gateway.ackInbox(token, ids, objects));
      if (!acked.ok) return fromGateway(acked.error, 'Acknowledging your inbox failed');
    }
    return ok(itemIds.length);
  }

  private async open(account: SignedInAccount, items: readonly InboxItemBody[]): Promise<OpenedItem[]> {
    const identity = identityKeyPair(account.doc);
    const opened: OpenedItem[] = [];
    const now = this.deps.clock.now();
    for (const item of items) opened.push(await openInboxItem(this.deps, identity, account.address, item, now));
    return opened;
  }

  private async deliverOwed(account: SignedInAccount, friendsLater: boolean): Promise<Result<void, ClientError>> {
    const revoked = await this.revokeTokens.execute(account);
    if (!revoked.ok) return revoked;
    if (friendsLater) return account.unsaved ? this.saveBlob.flush(account) : ok(undefined);
    const replies = await this.deliverReplies.execute(account);
    if (!replies.ok) return replies;
    const messages = await this.retryMessages.execute(account);
    if (!messages.ok) return messages;
    return account.unsaved ? this.saveBlob.flush(account) : ok(undefined);
  }
}
