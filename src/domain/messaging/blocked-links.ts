import { BlobDocument } from './blob-document';
import { removeFriend, RemovalNotice } from './friends';

export interface BlockedLinksClosed {
  readonly doc: BlobDocument;
  readonly revokeDropTokenIds: readonly string[];
  readonly notices: readonly { readonly address: string; readonly notice: RemovalNotice }[];
}

/**
 * Blocked wins: a block made on one device and an acceptance (or a request) taken in on another
 * merge into a blocked friend with a link still open, whose drop token lets them fill our inbox.
 * Each such link is closed as blockAddress closes it. Once closed, nothing is left to do, so a
 * second device folding in the same merge changes nothing (the same document is returned).
 */
export const closeLinksOfBlockedFriends = (doc: BlobDocument, input: { readonly now: number; readonly deviceId: string }): BlockedLinksClosed => {
  const due = Object.values(doc.friends).filter(
    (friend) => friend.blocked.value && Object.values(friend.links).some((link) => link.state.kind !== 'removed'),
  );
  return due.reduce<BlockedLinksClosed>(
    (closed, friend) => {
      const removed = removeFriend(closed.doc, { address: friend.address, now: input.now, deviceId: input.deviceId });
      if (!removed.ok) return closed;
      return {
        doc: removed.value.doc,
        revokeDropTokenIds: [...closed.revokeDropTokenIds, ...removed.value.revokeDropTokenIds],
        notices: [...closed.notices, ...removed.value.notices.map((notice) => ({ address: friend.address, notice }))],
      };
    },
    { doc, revokeDropTokenIds: [], notices: [] },
  );
};
