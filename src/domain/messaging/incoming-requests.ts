import { err, ok, Result } from '../result';
import { canonicalizeAddress } from './address';
import { BlobDocument } from './blob-document';
import { findLinkByHandshake, friendOf, linkOf, newLink, putFriend, putLink, resolveLink, stampWrite } from './document-updates';
import { currentLink, Verification, VERIFICATION_RANK } from './friendship';
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
  readonly now: number;
  readonly deviceId: string;
}

/**
 * Records an opened friend request once (keyed by its E_A). A key that differs from the one
 * the current friendship is bound to raises an identity alert, i.e. a hard stop.
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
      },
    },
    verification: 'unchecked',
  });
  const knownKey = friend && currentLink(friend)?.identityKey;
  let next = putLink(stamped.doc, from.value, link);
  if (knownKey !== undefined && knownKey !== input.identityKey) {
    const updated = friendOf(next, from.value);
    if (updated) next = putFriend(next, { ...updated, identityAlerts: setOwn(updated.identityAlerts, input.identityKey, input.now) });
  }
  return ok({ doc: next, outcome: 'recorded' });
};

/** The outcome of checking the claimed `from` against that address's own home server (§4.1 step 4). */
export const recordRequestVerification = (
  doc: BlobDocument,
  input: { readonly from: string; readonly handshakeId: string; readonly verification: Verification },
): Result<BlobDocument, Extract<MessagingError, 'request/unknown'>> => {
  const found = resolveLink(doc, input.from, input.handshakeId);
  if (!found) return err('request/unknown');
  const { link } = found;
  const verification =
    VERIFICATION_RANK[input.verification] > VERIFICATION_RANK[link.verification] ? input.verification : link.verification;
  return ok(putLink(doc, found.address, { ...link, verification }));
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
 * 'request/not-pending' and that device's stored envelope is the one to resend.
 */
export const acceptIncomingRequest = (
  doc: BlobDocument,
  input: Acceptance,
): Result<BlobDocument, Extract<MessagingError, 'request/unknown' | 'request/not-pending'>> => {
  const found = resolveLink(doc, input.from, input.handshakeId);
  if (!found) return err('request/unknown');
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

