import { err, ok, Result } from '../protocol/result';
import { canonicalizeAddress } from './address';
import { BlobDocument } from './blob-document';
import { findLinkByHandshake, friendOf, newLink, putLink, resolveLink, stampWrite } from './document-updates';
import { requestDropTokenRevocations } from './drop-token-revocations';
import { FriendLink, hasKeys, OutgoingRequest, pendingOutgoingLink } from './friendship';
import { MessagingError } from './messaging-errors';

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

/** Withdraws our own pending request; its token is listed to revoke (`revokeDropTokenId`). */
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
  return ok({ doc: requestDropTokenRevocations(putLink(stamped.doc, found.address, closed), found.address, [revokeDropTokenId]), revokeDropTokenId });
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
