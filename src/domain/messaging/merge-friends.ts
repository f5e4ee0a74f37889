import { compareCanonical, pickCanonical } from './canonical-json';
import { mergeChatDeletions } from './deleted-chats';
import { mergeDropTokenRevocations } from './drop-token-revocations';
import { earliestOf } from './earliest';
import { Friend, FriendLink, LINK_STATE_RANK, LinkState, VERIFICATION_RANK } from './friendship';
import { Lww, mergeLww } from './lww';
import { mergeRecords } from './own-record';
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

export const mergeFriend = (a: Friend, b: Friend): Friend => {
  const safetyNumberVerified = mergeOptionalLww(a.safetyNumberVerified, b.safetyNumberVerified);
  const chatDeletions = mergeChatDeletions(a.chatDeletions, b.chatDeletions);
  const dropTokenRevocations = mergeDropTokenRevocations(a.dropTokenRevocations, b.dropTokenRevocations);
  return {
    address: pickCanonical(a.address, b.address),
    links: mergeRecords(a.links, b.links, mergeLink),
    blocked: mergeLww(a.blocked, b.blocked),
    identityAlerts: mergeRecords(a.identityAlerts, b.identityAlerts, Math.min),
    ...(safetyNumberVerified === undefined ? {} : { safetyNumberVerified }),
    ...(chatDeletions === undefined ? {} : { chatDeletions }),
    ...(dropTokenRevocations === undefined ? {} : { dropTokenRevocations }),
  };
};
