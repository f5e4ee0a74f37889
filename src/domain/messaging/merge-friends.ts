import { compareCanonical, pickCanonical } from './canonical-json';
import { mergeChatDeletions } from './deleted-chats';
import { DropTokenRevocations, mergeDropTokenRevocations } from './drop-token-revocations';
import { earliestOf } from './earliest';
import { Friend, FriendLink, LINK_STATE_RANK, LinkState, ourDropTokenIdOf, VERIFICATION_RANK } from './friendship';
import { Lww, mergeLww } from './lww';
import { mergeRecords, OwnRecord } from './own-record';
import { unionSeqRanges } from './seq-ranges';
import { compareStamps } from './stamp';

/**
 * Friendship state of one handshake: the higher-ranked state wins (removed > established >
 * awaiting-confirmation > pending); within one rank the earlier write wins, because the first
 * acceptance written is the one whose envelope went out.
 */
export const mergeLinkState = (a: LinkState, b: LinkState): LinkState => {
  const byRank = LINK_STATE_RANK[a.kind] - LINK_STATE_RANK[b.kind];
  if (byRank !== 0) return byRank > 0 ? a : b;
  const byStamp = compareStamps(a.since, b.since);
  if (byStamp !== 0) return byStamp < 0 ? a : b;
  return compareCanonical(a, b) <= 0 ? a : b;
};

const headerOf = (link: FriendLink) => ({
  handshakeId: link.handshakeId,
  initiator: link.initiator,
  ourAddress: link.ourAddress,
  identityKey: link.identityKey,
  startedAt: link.startedAt,
});

export const mergeLink = (a: FriendLink, b: FriendLink): FriendLink => ({
  // The header never changes once written; the canonical pick only makes a corrupt pair deterministic.
  ...pickCanonical(headerOf(a), headerOf(b)),
  state: mergeLinkState(a.state, b.state),
  verification: VERIFICATION_RANK[a.verification] >= VERIFICATION_RANK[b.verification] ? a.verification : b.verification,
  nextSendSeq: Math.max(a.nextSendSeq, b.nextSendSeq),
  receivedSeqs: unionSeqRanges(a.receivedSeqs, b.receivedSeqs),
  readUpTo: Math.max(a.readUpTo, b.readUpTo),
  replyDeliveredAt: earliestOf(a.replyDeliveredAt, b.replyDeliveredAt),
});

const mergeOptionalLww = <T>(a: Lww<T> | undefined, b: Lww<T> | undefined): Lww<T> | undefined =>
  a === undefined ? b : b === undefined ? a : mergeLww(a, b);

const ourDropTokenIdsIn = (links: OwnRecord<FriendLink>): string[] =>
  Object.values(links).flatMap((link) => {
    const tokenId = ourDropTokenIdOf(link);
    return tokenId === null ? [] : [tokenId];
  });

/**
 * A link state that loses the merge may hold a token the winner does not (an acceptance merged
 * under a decline, the later of two acceptances): nothing else would ever revoke it, so it is
 * listed as pending. A pending entry for a token the merged links still hold is dropped, as
 * revoking it would end a live friendship; this also keeps the merge associative, since a token
 * one grouping listed as lost may win against a third input. Result: every token any input's
 * links held or listed, minus the pending ones the merged links hold.
 */
const mergeRevocations = (a: Friend, b: Friend, links: OwnRecord<FriendLink>): DropTokenRevocations | undefined => {
  const listed = mergeDropTokenRevocations(a.dropTokenRevocations, b.dropTokenRevocations);
  const held = [...ourDropTokenIdsIn(a.links), ...ourDropTokenIdsIn(b.links)];
  if (held.length === 0) return listed;
  const revocations = new Map<string, number | null>(Object.entries(listed ?? {}));
  for (const tokenId of held) if (!revocations.has(tokenId)) revocations.set(tokenId, null);
  for (const tokenId of ourDropTokenIdsIn(links)) if (revocations.get(tokenId) === null) revocations.delete(tokenId);
  return listed === undefined && revocations.size === 0 ? undefined : Object.fromEntries(revocations);
};

export const mergeFriend = (a: Friend, b: Friend): Friend => {
  const safetyNumberVerified = mergeOptionalLww(a.safetyNumberVerified, b.safetyNumberVerified);
  const chatDeletions = mergeChatDeletions(a.chatDeletions, b.chatDeletions);
  const links = mergeRecords(a.links, b.links, mergeLink);
  const dropTokenRevocations = mergeRevocations(a, b, links);
  return {
    address: pickCanonical(a.address, b.address),
    links,
    blocked: mergeLww(a.blocked, b.blocked),
    identityAlerts: mergeRecords(a.identityAlerts, b.identityAlerts, Math.min),
    ...(safetyNumberVerified === undefined ? {} : { safetyNumberVerified }),
    ...(chatDeletions === undefined ? {} : { chatDeletions }),
    ...(dropTokenRevocations === undefined ? {} : { dropTokenRevocations }),
  };
};
