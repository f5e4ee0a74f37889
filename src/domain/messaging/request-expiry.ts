import { BlobDocument } from './blob-document';
import { putLink, stampWrite } from './document-updates';
import { requestDropTokenRevocations } from './drop-token-revocations';
import { FriendLink } from './friendship';
import { FRIEND_REQUEST_TTL_MS } from './outgoing-requests';

export interface ExpiredRequests {
  readonly doc: BlobDocument;
  /** Drop tokens we created for requests nobody answered: revoke them at our server (§4.1 step 8). */
  readonly revokeDropTokenIds: readonly string[];
  readonly expired: readonly { readonly address: string; readonly handshakeId: string }[];
}

const isExpired = (link: FriendLink, now: number, incomingTtlMs: number): boolean =>
  (link.state.kind === 'pending-outgoing' && link.state.request.expiresAt <= now) ||
  (link.state.kind === 'pending-incoming' && link.state.request.receivedAt + incomingTtlMs <= now);

/** Closes requests past their expiry; leaving the pending state deletes e_A. */
export const expirePendingRequests = (
  doc: BlobDocument,
  input: { readonly now: number; readonly deviceId: string; readonly incomingTtlMs?: number },
): ExpiredRequests => {
  const incomingTtlMs = input.incomingTtlMs ?? FRIEND_REQUEST_TTL_MS;
  const due = Object.values(doc.friends).flatMap((friend) =>
    Object.values(friend.links)
      .filter((link) => isExpired(link, input.now, incomingTtlMs))
      .map((link) => ({ address: friend.address, link })),
  );
  if (due.length === 0) return { doc, revokeDropTokenIds: [], expired: [] };
  const stamped = stampWrite(doc, input.now, input.deviceId);
  const next = due.reduce(
    (current, { address, link }) =>
      putLink(current, address, { ...link, state: { kind: 'removed', since: stamped.stamp, reason: 'expired' } }),
    stamped.doc,
  );
  const tokenOf = (link: FriendLink): string[] => (link.state.kind === 'pending-outgoing' ? [link.state.request.dropTokenId] : []);
  return {
    doc: due.reduce((current, { address, link }) => requestDropTokenRevocations(current, address, tokenOf(link)), next),
    revokeDropTokenIds: due.flatMap(({ link }) => tokenOf(link)),
    expired: due.map(({ address, link }) => ({ address, handshakeId: link.handshakeId })),
  };
};
