import { BlobDocument } from './blob-document';
import { friendOf, putFriend } from './document-updates';
import { earliestOf } from './earliest';
import { Friend } from './friendship';
import { hasOwn, mergeRecords, OwnRecord } from './own-record';

/*
 * Our drop token is what lets a friend drop into our inbox; revoking it at our server is what ends
 * the friendship. The write that closes a link (or abandons a token) records the token here, and
 * every sync of any device tries the pending ones again until our server answers that the token is
 * revoked or unknown, so a revocation that failed once (server down, tab closed) is not lost.
 */

/** By token id: null while still to revoke, else when our server confirmed it revoked (or unknown). */
export type DropTokenRevocations = OwnRecord<number | null>;

/**
 * How long a confirmed revocation is remembered. Past it a device that still held the token as
 * pending would bring it back, costing one more DELETE that our server answers 404, which counts as done.
 */
export const REVOKED_TOKEN_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

export interface PendingRevocation {
  readonly address: string;
  readonly tokenId: string;
}

/** Done wins over pending: a device that never saw the confirmation cannot make it pending again. */
export const mergeDropTokenRevocations = (
  a: DropTokenRevocations | undefined,
  b: DropTokenRevocations | undefined,
): DropTokenRevocations | undefined => (a === undefined ? b : b === undefined ? a : mergeRecords(a, b, earliestOf));

/** Adds tokens to revoke for a friend; one already listed (pending or done) stays as it is. */
export const requestDropTokenRevocations = (doc: BlobDocument, address: string, tokenIds: readonly string[]): BlobDocument => {
  const friend = friendOf(doc, address);
  const listed = friend?.dropTokenRevocations ?? {};
  const fresh = tokenIds.filter((id) => !hasOwn(listed, id));
  if (friend === undefined || fresh.length === 0) return doc;
  return putFriend(doc, { ...friend, dropTokenRevocations: { ...listed, ...Object.fromEntries(fresh.map((id) => [id, null] as const)) } });
};

export const pendingDropTokenRevocations = (doc: BlobDocument): PendingRevocation[] =>
  Object.values(doc.friends).flatMap((friend) =>
    Object.entries(friend.dropTokenRevocations ?? {}).flatMap(([tokenId, revokedAt]) => (revokedAt === null ? [{ address: friend.address, tokenId }] : [])),
  );

const withRevocations = (friend: Friend, revocations: DropTokenRevocations): Friend => {
  if (Object.keys(revocations).length > 0) return { ...friend, dropTokenRevocations: revocations };
  const { dropTokenRevocations: _gone, ...rest } = friend;
  return rest;
};

/** Our server answered for these tokens: they no longer let anyone drop. */
export const markDropTokensRevoked = (doc: BlobDocument, revoked: readonly PendingRevocation[], at: number): BlobDocument =>
  revoked.reduce((current, { address, tokenId }) => {
    const friend = friendOf(current, address);
    const revocations = friend?.dropTokenRevocations;
    if (friend === undefined || revocations === undefined || !hasOwn(revocations, tokenId) || revocations[tokenId] !== null) return current;
    return putFriend(current, withRevocations(friend, { ...revocations, [tokenId]: at }));
  }, doc);

/** Forgets revocations confirmed longer ago than the retention; the same document when none is due. */
export const pruneRevokedDropTokens = (doc: BlobDocument, now: number, retentionMs = REVOKED_TOKEN_RETENTION_MS): BlobDocument => {
  const cutoff = now - retentionMs;
  return Object.values(doc.friends).reduce((current, friend) => {
    const entries = Object.entries(friend.dropTokenRevocations ?? {});
    const kept = entries.filter(([, revokedAt]) => revokedAt === null || revokedAt > cutoff);
    return kept.length === entries.length ? current : putFriend(current, withRevocations(friend, Object.fromEntries(kept)));
  }, doc);
};
