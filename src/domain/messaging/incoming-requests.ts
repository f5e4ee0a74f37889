import { err, ok, Result } from '../protocol/result';
import { canonicalizeAddress } from './address';
import { BlobDocument } from './blob-document';
import { findLinkByHandshake, friendOf, linkOf, newLink, putFriend, putLink, resolveLink, stampWrite } from './document-updates';
import { currentLink, FriendLink, hasKeys, Verification, VERIFICATION_RANK } from './friendship';
import { MessagingError } from './messaging-errors';
import { setOwn } from './own-record';

export interface ReceivedRequest {
  readonly from: string;
  /** Our address as we will name ourselves in the acceptance's `from`. */
  readonly ourAddress: string;
  readonly identityKey: string;
  readonly ephemeralKey: string;
  readonly dropToken: string;
  readonly note: string;
  readonly sentAt: number;
  readonly receivedAt: number;
  readonly inboxItemId: string;
  /** The request proved possession of `identityKey` (see IncomingRequest.proven). */
  readonly proven: boolean;
  readonly now: number;
  readonly deviceId: string;
}

/**
 * Records an opened friend request once (keyed by its E_A), as unchecked. It raises no identity
 * alert by itself: anyone can claim any address, so only a verified key may (recordRequestVerification).
 */
export const recordIncomingRequest = (
  doc: BlobDocument,
  input: ReceivedRequest,
): Result<{ readonly doc: BlobDocument; readonly outcome: 'recorded' | 'duplicate' }, Extract<MessagingError, 'address/invalid' | 'friend/blocked' | 'request/duplicate'>> => {
  const from = canonicalizeAddress(input.from);
  const ourAddress = canonicalizeAddress(input.ourAddress);
  if (!from.ok || !ourAddress.ok) return err('address/invalid');
  if (linkOf(doc, from.value, input.ephemeralKey)) return ok({ doc, outcome: 'duplicate' });
  if (findLinkByHandshake(doc, input.ephemeralKey)) return err('request/duplicate');
  const friend = friendOf(doc, from.value);
  if (friend?.blocked.value) return err('friend/blocked');
  const stamped = stampWrite(doc, input.now, input.deviceId);
  const link = newLink({
    handshakeId: input.ephemeralKey,
    initiator: 'them',
    ourAddress: ourAddress.value,
    identityKey: input.identityKey,
    startedAt: input.receivedAt,
    state: {
      kind: 'pending-incoming',
      since: stamped.stamp,
      request: {
        ephemeralKey: input.ephemeralKey,
        dropToken: input.dropToken,
        note: input.note,
        sentAt: input.sentAt,
        receivedAt: input.receivedAt,
        inboxItemId: input.inboxItemId,
        proven: input.proven,
      },
    },
    verification: 'unchecked',
  });
  return ok({ doc: putLink(stamped.doc, from.value, link), outcome: 'recorded' });
};

/**
 * The outcome of checking the claimed `from` against that address's own home server (§4.1 step 4).
 * A verified key that differs from the one the friendship is bound to raises an identity alert (a
 * hard stop): the address's own server vouches for it, and a pending request also proved
 * possession. An unchecked or mismatching claim never does, so a stranger cannot stop a friendship.
 */
export const recordRequestVerification = (
  doc: BlobDocument,
  input: { readonly from: string; readonly handshakeId: string; readonly verification: Verification; readonly now: number },
): Result<BlobDocument, Extract<MessagingError, 'request/unknown'>> => {
  const found = resolveLink(doc, input.from, input.handshakeId);
  if (!found) return err('request/unknown');
  const { link } = found;
  const verification =
    VERIFICATION_RANK[input.verification] > VERIFICATION_RANK[link.verification] ? input.verification : link.verification;
  const next = putLink(doc, found.address, { ...link, verification });
  const friend = friendOf(next, found.address);
  const boundKey = friend && currentLink(friend)?.identityKey;
  if (!friend || verification !== 'verified' || boundKey === undefined || boundKey === link.identityKey) return ok(next);
  if (Object.prototype.hasOwnProperty.call(friend.identityAlerts, link.identityKey)) return ok(next);
  return ok(putFriend(next, { ...friend, identityAlerts: setOwn(friend.identityAlerts, link.identityKey, input.now) }));
};

export interface Acceptance {
  readonly from: string;
  readonly handshakeId: string;
  readonly friendshipKey: string;
  readonly ourDropTokenId: string;
  readonly ourDropToken: string;
  /** The complete sealed acceptance, stored so every retry resends exactly it (§4.1 step 5). */
  readonly acceptanceEnvelope: string;
  readonly now: number;
  readonly deviceId: string;
}

/**
 * pending-incoming → awaiting-confirmation with K. Apply it to the freshly read blob (after a
 * 412, re-read and re-apply): if another device accepted first this fails with
 * 'request/not-pending' and that device's stored envelope is the one to resend. An address
 * blocked meanwhile on another device is refused first: that block closed the request, and
 * 'request/not-pending' would pass for an acceptance made elsewhere.
 */
export const acceptIncomingRequest = (
  doc: BlobDocument,
  input: Acceptance,
): Result<BlobDocument, Extract<MessagingError, 'request/unknown' | 'request/not-pending' | 'friend/blocked'>> => {
  const found = resolveLink(doc, input.from, input.handshakeId);
  if (!found) return err('request/unknown');
  if (friendOf(doc, found.address)?.blocked.value) return err('friend/blocked');
  const { link } = found;
  if (link.state.kind !== 'pending-incoming') return err('request/not-pending');
  const stamped = stampWrite(doc, input.now, input.deviceId);
  return ok(
    putLink(stamped.doc, found.address, {
      ...link,
      state: {
        kind: 'awaiting-confirmation',
        since: stamped.stamp,
        acceptanceEnvelope: input.acceptanceEnvelope,
        keys: {
          friendshipKey: input.friendshipKey,
          ourDropTokenId: input.ourDropTokenId,
          ourDropToken: input.ourDropToken,
          theirDropToken: link.state.request.dropToken,
          activatedAt: input.now,
        },
      },
    }),
  );
};

/** A declined request is simply discarded: the link is closed and keeps only its id. */
export const declineIncomingRequest = (
  doc: BlobDocument,
  input: { readonly from: string; readonly handshakeId: string; readonly now: number; readonly deviceId: string },
): Result<BlobDocument, Extract<MessagingError, 'request/unknown' | 'request/not-pending'>> => {
  const found = resolveLink(doc, input.from, input.handshakeId);
  if (!found) return err('request/unknown');
  const { link } = found;
  if (link.state.kind !== 'pending-incoming') return err('request/not-pending');
  const stamped = stampWrite(doc, input.now, input.deviceId);
  return ok(putLink(stamped.doc, found.address, { ...link, state: { kind: 'removed', since: stamped.stamp, reason: 'declined' } }));
};


/** Who a handshake's peer claims to be, to look up at that address's own home server. */
export interface SenderClaim {
  readonly address: string;
  readonly handshakeId: string;
  readonly identityKey: string;
}

const claimOf = (address: string, link: FriendLink): SenderClaim => ({ address, handshakeId: link.handshakeId, identityKey: link.identityKey });

/**
 * Claims still unchecked on handshakes we have answered (awaiting confirmation or established):
 * we have contacted their server already, so looking them up reveals nothing new.
 */
export const answeredClaimsToCheck = (doc: BlobDocument): SenderClaim[] =>
  Object.values(doc.friends).flatMap((friend) =>
    Object.values(friend.links)
      .filter((link) => link.initiator === 'them' && link.verification === 'unchecked' && hasKeys(link))
      .map((link) => claimOf(friend.address, link)),
  );

/**
 * The claim of a pending request the user asked to check. Null unless it proved possession of
 * its key: without the proof, a matching profile would show nothing (anyone can copy a key).
 */
export const pendingClaimToCheck = (doc: BlobDocument, handshakeId: string): SenderClaim | null => {
  const found = findLinkByHandshake(doc, handshakeId);
  if (!found || found.link.state.kind !== 'pending-incoming' || found.link.state.request.proven !== true) return null;
  return claimOf(found.address, found.link);
};
