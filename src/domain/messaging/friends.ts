import { err, ok, Result } from '../protocol/result';
import { canonicalizeAddress } from './address';
import { BlobDocument } from './blob-document';
import { requestDropTokenRevocations } from './drop-token-revocations';
import { emptyFriend, friendOf, putFriend, putLink, resolveLink, stampWrite } from './document-updates';
import { currentLink, FriendLink, hasKeys, ourDropTokenIdOf, RemovalReason } from './friendship';
import { lww } from './lww';
import { MessagingError } from './messaging-errors';
import { getOwn, setOwn } from './own-record';

/** awaiting-confirmation → established once a message under K from the friend verifies (§4.1 step 6). */
export const establishFriendship = (
  doc: BlobDocument,
  input: { readonly address: string; readonly handshakeId: string; readonly now: number; readonly deviceId: string },
): Result<BlobDocument, Extract<MessagingError, 'friend/unknown' | 'friend/not-active'>> => {
  const found = resolveLink(doc, input.address, input.handshakeId);
  if (!found) return err('friend/unknown');
  const { link } = found;
  if (link.state.kind === 'established') return ok(doc);
  if (link.state.kind !== 'awaiting-confirmation') return err('friend/not-active');
  const stamped = stampWrite(doc, input.now, input.deviceId);
  return ok(putLink(stamped.doc, found.address, { ...link, state: { kind: 'established', since: stamped.stamp, keys: link.state.keys } }));
};

/** Where to tell a removed friend (a `friend-remove` message under the link's K). */
export interface RemovalNotice {
  readonly handshakeId: string;
  readonly ourAddress: string;
  readonly friendshipKey: string;
  readonly theirDropToken: string;
}

export interface Removal {
  readonly doc: BlobDocument;
  readonly revokeDropTokenIds: readonly string[];
  readonly notices: readonly RemovalNotice[];
}

const tokenToRevoke = (link: FriendLink): string[] => {
  const tokenId = ourDropTokenIdOf(link);
  return tokenId === null ? [] : [tokenId];
};

/** A request we sent and take back is withdrawn (`cancelled`), one we were sent is declined: neither was a friendship. */
const closingReason = (link: FriendLink): RemovalReason => {
  if (link.state.kind === 'pending-incoming') return 'declined';
  return link.state.kind === 'pending-outgoing' ? 'cancelled' : 'removed';
};

/** Closes every link with the address, with our tokens for them listed to revoke; the conversation stays until deleted. */
export const removeFriend = (
  doc: BlobDocument,
  input: { readonly address: string; readonly now: number; readonly deviceId: string },
): Result<Removal, Extract<MessagingError, 'friend/unknown'>> => {
  const canonical = canonicalizeAddress(input.address);
  const friend = canonical.ok ? friendOf(doc, canonical.value) : undefined;
  if (!friend) return err('friend/unknown');
  const open = Object.values(friend.links).filter((link) => link.state.kind !== 'removed');
  const stamped = stampWrite(doc, input.now, input.deviceId);
  const next = open.reduce(
    (current, link) =>
      putLink(current, friend.address, {
        ...link,
        state: { kind: 'removed', since: stamped.stamp, reason: closingReason(link) },
      }),
    stamped.doc,
  );
  const revokeDropTokenIds = open.flatMap(tokenToRevoke);
  return ok({
    doc: requestDropTokenRevocations(next, friend.address, revokeDropTokenIds),
    revokeDropTokenIds,
    notices: open.flatMap((link) =>
      hasKeys(link)
        ? [{ handshakeId: link.handshakeId, ourAddress: link.ourAddress, friendshipKey: link.state.keys.friendshipKey, theirDropToken: link.state.keys.theirDropToken }]
        : [],
    ),
  });
};

/** Every friend to tell when the whole account goes away, with the link to tell them under. */
export const removalNoticesForAll = (doc: BlobDocument): { readonly address: string; readonly notice: RemovalNotice }[] =>
  Object.values(doc.friends).flatMap((friend) =>
    Object.values(friend.links).flatMap((link) =>
      link.state.kind !== 'removed' && hasKeys(link)
        ? [
            {
              address: friend.address,
              notice: { handshakeId: link.handshakeId, ourAddress: link.ourAddress, friendshipKey: link.state.keys.friendshipKey, theirDropToken: link.state.keys.theirDropToken },
            },
          ]
        : [],
    ),
  );

/**
 * The friend's server answered 404 for their address: the account was deleted. Every open link is
 * closed as `gone` and our drop tokens for them are revoked; nobody is left to tell.
 */
export const markFriendGone = (
  doc: BlobDocument,
  input: { readonly address: string; readonly now: number; readonly deviceId: string },
): { readonly doc: BlobDocument; readonly revokeDropTokenIds: readonly string[] } => {
  const canonical = canonicalizeAddress(input.address);
  const friend = canonical.ok ? friendOf(doc, canonical.value) : undefined;
  const open = friend ? Object.values(friend.links).filter((link) => link.state.kind !== 'removed') : [];
  if (!friend || open.length === 0) return { doc, revokeDropTokenIds: [] };
  const stamped = stampWrite(doc, input.now, input.deviceId);
  const next = open.reduce(
    (current, link) => putLink(current, friend.address, { ...link, state: { kind: 'removed', since: stamped.stamp, reason: 'gone' } }),
    stamped.doc,
  );
  const revokeDropTokenIds = open.flatMap(tokenToRevoke);
  return { doc: requestDropTokenRevocations(next, friend.address, revokeDropTokenIds), revokeDropTokenIds };
};

/** The friend removed us (a verified `friend-remove` under this link's key). */
export const applyRemoteRemoval = (
  doc: BlobDocument,
  input: { readonly address: string; readonly handshakeId: string; readonly now: number; readonly deviceId: string },
): Result<{ readonly doc: BlobDocument; readonly revokeDropTokenIds: readonly string[] }, Extract<MessagingError, 'friend/unknown'>> => {
  const found = resolveLink(doc, input.address, input.handshakeId);
  if (!found) return err('friend/unknown');
  if (found.link.state.kind === 'removed') return ok({ doc, revokeDropTokenIds: [] });
  const stamped = stampWrite(doc, input.now, input.deviceId);
  const closed: FriendLink = { ...found.link, state: { kind: 'removed', since: stamped.stamp, reason: 'removed' } };
  const revokeDropTokenIds = tokenToRevoke(found.link);
  return ok({ doc: requestDropTokenRevocations(putLink(stamped.doc, found.address, closed), found.address, revokeDropTokenIds), revokeDropTokenIds });
};

/** Blocking works for any address, friend or not (the client then discards its requests and messages). */
export const setFriendBlocked = (
  doc: BlobDocument,
  input: { readonly address: string; readonly blocked: boolean; readonly now: number; readonly deviceId: string },
): Result<BlobDocument, Extract<MessagingError, 'address/invalid'>> => {
  const canonical = canonicalizeAddress(input.address);
  if (!canonical.ok) return canonical;
  const friend = friendOf(doc, canonical.value) ?? emptyFriend(canonical.value);
  const stamped = stampWrite(doc, input.now, input.deviceId);
  return ok(putFriend(stamped.doc, { ...friend, blocked: lww(input.blocked, stamped.stamp) }));
};

/**
 * Blocks the address and ends whatever is open with them as removeFriend does: a friendship, a
 * request they sent (declined) or one we sent. Unblocking later restores none of it.
 */
export const blockAddress = (
  doc: BlobDocument,
  input: { readonly address: string; readonly now: number; readonly deviceId: string },
): Result<Removal, Extract<MessagingError, 'address/invalid'>> => {
  const blocked = setFriendBlocked(doc, { ...input, blocked: true });
  if (!blocked.ok) return blocked;
  const removed = removeFriend(blocked.value, input);
  return ok(removed.ok ? removed.value : { doc: blocked.value, revokeDropTokenIds: [], notices: [] });
};

/** Blocked addresses, friends or not, whether or not a chat with them is still shown. */
export const blockedAddresses = (doc: BlobDocument): string[] =>
  Object.values(doc.friends)
    .filter((friend) => friend.blocked.value)
    .map((friend) => friend.address)
    .sort();

/**
 * Any sighting of the friend's identity key (a profile fetch, a new request). A key that differs
 * from the current link's is recorded and stops the friendship until the user befriends the new key.
 */
export const recordIdentityKeyObservation = (
  doc: BlobDocument,
  input: { readonly address: string; readonly identityKey: string; readonly now: number },
): Result<{ readonly doc: BlobDocument; readonly changed: boolean }, Extract<MessagingError, 'friend/unknown'>> => {
  const canonical = canonicalizeAddress(input.address);
  const friend = canonical.ok ? friendOf(doc, canonical.value) : undefined;
  const expected = friend && currentLink(friend)?.identityKey;
  if (!friend || expected === undefined) return err('friend/unknown');
  if (expected === input.identityKey) return ok({ doc, changed: false });
  if (getOwn(friend.identityAlerts, input.identityKey) !== undefined) return ok({ doc, changed: true });
  const identityAlerts = setOwn(friend.identityAlerts, input.identityKey, input.now);
  return ok({ doc: putFriend(doc, { ...friend, identityAlerts }), changed: true });
};

/** The user marks (identityKey) or unmarks (null) the friend's current safety number as compared. */
export const setSafetyNumberVerified = (
  doc: BlobDocument,
  input: { readonly address: string; readonly verified: boolean; readonly now: number; readonly deviceId: string },
): Result<BlobDocument, Extract<MessagingError, 'friend/unknown'>> => {
  const canonical = canonicalizeAddress(input.address);
  const friend = canonical.ok ? friendOf(doc, canonical.value) : undefined;
  const identityKey = friend && currentLink(friend)?.identityKey;
  if (!friend || identityKey === undefined) return err('friend/unknown');
  const stamped = stampWrite(doc, input.now, input.deviceId);
  return ok(putFriend(stamped.doc, { ...friend, safetyNumberVerified: lww(input.verified ? identityKey : null, stamped.stamp) }));
};
