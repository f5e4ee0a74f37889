import { err, ok, Result } from '../result';
import { canonicalizeAddress } from './address';
import { BlobDocument } from './blob-document';
import { findLinkByHandshake, friendOf, linkOf, putFriend, putLink, resolveLink, stampWrite } from './document-updates';
import { currentLink, FriendLink, hasKeys, OutgoingRequest, pendingOutgoingLink, Verification, VERIFICATION_RANK } from './friendship';
import { MessagingError } from './messaging-errors';
import { setOwn } from './own-record';
import { EMPTY_SEQ_RANGES } from './seq-ranges';

/** PROTOCOL §4.1 step 8: pending requests expire after 30 days by default. */
export const FRIEND_REQUEST_TTL_MS = 30 * 24 * 60 * 60 * 1000;

export interface NewOutgoingRequest {
  readonly to: string;
  readonly ourAddress: string;
  /** IK_B from the recipient's profile on its own home server. */
  readonly identityKey: string;
  readonly ephemeralPublicKey: string;
  readonly ephemeralPrivateKey: string;
  readonly dropTokenId: string;
  readonly dropToken: string;
  readonly note: string;
  readonly now: number;
  readonly deviceId: string;
  readonly ttlMs?: number;
}

const newLink = (fields: Pick<FriendLink, 'handshakeId' | 'initiator' | 'ourAddress' | 'identityKey' | 'startedAt' | 'state' | 'verification'>): FriendLink => ({
  ...fields,
  nextSendSeq: 1,
  receivedSeqs: EMPTY_SEQ_RANGES,
  readUpTo: 0,
  replyDeliveredAt: null,
});

/** Written into the blob before the request is sent, so a crash cannot lose e_A (§4.1 step 2). */
export const addOutgoingRequest = (
  doc: BlobDocument,
  input: NewOutgoingRequest,
): Result<BlobDocument, Extract<MessagingError, 'address/invalid' | 'request/already-pending' | 'request/duplicate' | 'friend/already-established'>> => {
  const to = canonicalizeAddress(input.to);
  const ourAddress = canonicalizeAddress(input.ourAddress);
  if (!to.ok || !ourAddress.ok) return err('address/invalid');
  const friend = friendOf(doc, to.value);
  if (friend && pendingOutgoingLink(friend)) return err('request/already-pending');
  if (friend && Object.values(friend.links).some(hasKeys)) return err('friend/already-established');
  if (findLinkByHandshake(doc, input.ephemeralPublicKey)) return err('request/duplicate');
  const stamped = stampWrite(doc, input.now, input.deviceId);
  const request: OutgoingRequest = {
    ephemeralPrivateKey: input.ephemeralPrivateKey,
    ephemeralPublicKey: input.ephemeralPublicKey,
    dropTokenId: input.dropTokenId,
    dropToken: input.dropToken,
    note: input.note,
    sentAt: input.now,
    expiresAt: input.now + (input.ttlMs ?? FRIEND_REQUEST_TTL_MS),
  };
  const link = newLink({
    handshakeId: input.ephemeralPublicKey,
    initiator: 'us',
    ourAddress: ourAddress.value,
    identityKey: input.identityKey,
    startedAt: input.now,
    state: { kind: 'pending-outgoing', since: stamped.stamp, request },
    // The key came from the recipient's own home server.
    verification: 'verified',
  });
  return ok(putLink(stamped.doc, to.value, link));
};

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

/** Withdraws our own pending request; the caller revokes `revokeDropTokenId`. */
export const cancelOutgoingRequest = (
  doc: BlobDocument,
  input: { readonly to: string; readonly handshakeId: string; readonly now: number; readonly deviceId: string },
): Result<{ readonly doc: BlobDocument; readonly revokeDropTokenId: string }, Extract<MessagingError, 'request/unknown' | 'request/not-pending'>> => {
  const found = resolveLink(doc, input.to, input.handshakeId);
  if (!found) return err('request/unknown');
  const { link } = found;
  if (link.state.kind !== 'pending-outgoing') return err('request/not-pending');
  const stamped = stampWrite(doc, input.now, input.deviceId);
  const revokeDropTokenId = link.state.request.dropTokenId;
  const closed: FriendLink = { ...link, state: { kind: 'removed', since: stamped.stamp, reason: 'cancelled' } };
  return ok({ doc: putLink(stamped.doc, found.address, closed), revokeDropTokenId });
};

/** Our pending request a `friend-accept` answers (`inReplyTo`), with e_A to compute K. */
export const findPendingOutgoing = (
  doc: BlobDocument,
  handshakeId: string,
): { readonly address: string; readonly link: FriendLink; readonly request: OutgoingRequest } | undefined => {
  const found = findLinkByHandshake(doc, handshakeId);
  if (!found || found.link.state.kind !== 'pending-outgoing') return undefined;
  return { ...found, request: found.link.state.request };
};

export interface ReceivedAcceptance {
  /** `inReplyTo`: our E_A. */
  readonly handshakeId: string;
  readonly from: string;
  readonly identityKey: string;
  readonly friendshipKey: string;
  readonly theirDropToken: string;
  readonly now: number;
  readonly deviceId: string;
}

/**
 * pending-outgoing → established, once the caller has verified `confirm` (§4.1 step 6). Leaving
 * the pending state deletes e_A. The acceptance must come from the address and identity key the
 * request was sealed to.
 */
export const completeOutgoingRequest = (
  doc: BlobDocument,
  input: ReceivedAcceptance,
): Result<BlobDocument, Extract<MessagingError, 'address/invalid' | 'request/unknown' | 'request/not-pending' | 'request/identity-mismatch' | 'request/address-mismatch'>> => {
  const from = canonicalizeAddress(input.from);
  if (!from.ok) return err('address/invalid');
  const found = findLinkByHandshake(doc, input.handshakeId);
  if (!found || found.link.initiator !== 'us') return err('request/unknown');
  if (found.address !== from.value) return err('request/address-mismatch');
  const { link } = found;
  if (link.state.kind !== 'pending-outgoing') return err('request/not-pending');
  if (link.identityKey !== input.identityKey) return err('request/identity-mismatch');
  const stamped = stampWrite(doc, input.now, input.deviceId);
  return ok(
    putLink(stamped.doc, found.address, {
      ...link,
      state: {
        kind: 'established',
        since: stamped.stamp,
        keys: {
          friendshipKey: input.friendshipKey,
          ourDropTokenId: link.state.request.dropTokenId,
          ourDropToken: link.state.request.dropToken,
          theirDropToken: input.theirDropToken,
          activatedAt: input.now,
        },
      },
    }),
  );
};
