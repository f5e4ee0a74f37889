import { Lww } from './lww';
import { OwnRecord } from './own-record';
import { SeqRanges } from './seq-ranges';
import { Stamp } from './stamp';

/** What both sides hold once a handshake has produced the friendship key K (PROTOCOL §4.1). */
export interface FriendshipKeys {
  /** K, b64u. */
  readonly friendshipKey: string;
  /** The drop token we created for the friend (they drop at our server with it). */
  readonly ourDropTokenId: string;
  readonly ourDropToken: string;
  /** The drop token the friend gave us, to drop at their server. */
  readonly theirDropToken: string;
  readonly activatedAt: number;
}

/** Our half of a request we sent, kept until it is answered or expires. */
export interface OutgoingRequest {
  /** e_A, b64u: deleted (by leaving this state) once K is stored. */
  readonly ephemeralPrivateKey: string;
  readonly ephemeralPublicKey: string;
  readonly dropTokenId: string;
  readonly dropToken: string;
  readonly note: string;
  readonly sentAt: number;
  readonly expiresAt: number;
}

/** A request someone sent us, as opened from its sealed envelope. */
export interface IncomingRequest {
  /** E_A, b64u (also the link's handshakeId). */
  readonly ephemeralKey: string;
  /** The token they created for us to drop at their server. */
  readonly dropToken: string;
  readonly note: string;
  /** Claimed by the sender: shown, never trusted for ordering. */
  readonly sentAt: number;
  /** Server arrival time of the inbox item: the same on every device of ours. */
  readonly receivedAt: number;
  readonly inboxItemId: string;
  /**
   * True when the request carried a valid proof that its sender holds the private half of the
   * identity key it names (docs/protocol-decisions.md). Absent in blobs written before the proof.
   */
  readonly proven?: boolean;
}

/** `gone`: the friend's server no longer knows their account (deleted). */
export type RemovalReason = 'removed' | 'declined' | 'expired' | 'cancelled' | 'gone';

/**
 * The state of one handshake with a friend. Merge precedence (highest wins):
 * removed > established > awaiting-confirmation > pending-outgoing = pending-incoming.
 * Removal is final for a handshake; befriending again starts a new handshake (a new link).
 */
export type LinkState =
  | { readonly kind: 'pending-outgoing'; readonly since: Stamp; readonly request: OutgoingRequest }
  | { readonly kind: 'pending-incoming'; readonly since: Stamp; readonly request: IncomingRequest }
  | {
      readonly kind: 'awaiting-confirmation';
      readonly since: Stamp;
      readonly keys: FriendshipKeys;
      /** The exact acceptance envelope, so a retry resends it and no second K is ever made. */
      readonly acceptanceEnvelope: string;
    }
  | { readonly kind: 'established'; readonly since: Stamp; readonly keys: FriendshipKeys }
  | { readonly kind: 'removed'; readonly since: Stamp; readonly reason: RemovalReason };

export type LinkStateKind = LinkState['kind'];

export const LINK_STATE_RANK: Readonly<Record<LinkStateKind, number>> = {
  'pending-outgoing': 1,
  'pending-incoming': 1,
  'awaiting-confirmation': 2,
  established: 3,
  removed: 4,
};

/**
 * How far the requester's claimed identity was checked against its own home server (§4.1 step 4).
 * 'unchecked' means nothing either way (not looked up, or the server did not answer in time).
 */
export type Verification = 'unchecked' | 'verified' | 'mismatch';

export const VERIFICATION_RANK: Readonly<Record<Verification, number>> = { unchecked: 0, verified: 1, mismatch: 2 };

/**
 * One handshake with a friend and the conversation it keys. `seq` counts per direction and
 * per friendship key, so each link has its own counters.
 */
export interface FriendLink {
  /** E_A of the request that started the handshake, b64u. */
  readonly handshakeId: string;
  readonly initiator: 'us' | 'them';
  /** Our address exactly as sent in this handshake's `from` (direction keys use it). */
  readonly ourAddress: string;
  /** The friend's identity key this handshake is bound to. */
  readonly identityKey: string;
  readonly startedAt: number;
  readonly state: LinkState;
  readonly verification: Verification;
  /** The next seq to use when sending; merged by max so two devices never reuse one. */
  readonly nextSendSeq: number;
  /** Every seq accepted from the friend under this link. */
  readonly receivedSeqs: SeqRanges;
  /** Highest received seq the user has seen. */
  readonly readUpTo: number;
  /**
   * When our closing handshake message was dropped at the friend's server: the acceptance if
   * they asked, the `friend-confirm` if we did. Null until then, so it is retried.
   */
  readonly replyDeliveredAt: number | null;
}

/** Everything about one peer address, keyed by its canonical address. */
export interface Friend {
  readonly address: string;
  readonly links: OwnRecord<FriendLink>;
  readonly blocked: Lww<boolean>;
  /** Identity keys seen for this address that differ from the link's key, with first-seen time. */
  readonly identityAlerts: OwnRecord<number>;
  /**
   * The identity key whose safety number the user compared and marked verified (null: unmarked),
   * last writer wins across devices. Bound to the key, so a new key is unverified. Absent in
   * blobs written before it existed.
   */
  readonly safetyNumberVerified?: Lww<string | null>;
  /**
   * Tombstones of the conversations the user deleted, by the handshake id of each link the chat
   * held then (value: deletion time), merged by max: every message under those links is gone for
   * good. A link not listed (a later friendship) shows again. Absent in blobs written before it existed.
   */
  readonly chatDeletions?: OwnRecord<number>;
  /**
   * Our drop tokens for this address to revoke at our server, by token id: null while pending, else
   * when our server confirmed (drop-token-revocations.ts). Absent in blobs written before it existed.
   */
  readonly dropTokenRevocations?: OwnRecord<number | null>;
}

/** The user compared the safety number of the key the friendship is bound to now. */
export const isSafetyNumberVerified = (friend: Friend): boolean => {
  const identityKey = currentLink(friend)?.identityKey;
  return identityKey !== undefined && friend.safetyNumberVerified?.value === identityKey;
};

export type FriendshipStatus = LinkStateKind | 'none';

const linksOf = (friend: Friend): FriendLink[] =>
  Object.values(friend.links).sort((a, b) => a.startedAt - b.startedAt || (a.handshakeId < b.handshakeId ? -1 : 1));

export const hasKeys = (
  link: FriendLink,
): link is FriendLink & { state: Extract<LinkState, { keys: FriendshipKeys }> } =>
  link.state.kind === 'awaiting-confirmation' || link.state.kind === 'established';

/**
 * The link that sums up the friendship: the highest-ranked non-removed link (most recent on
 * a tie), else the most recent removed one.
 */
export const currentLink = (friend: Friend): FriendLink | undefined => {
  const links = linksOf(friend);
  const live = links.filter((link) => link.state.kind !== 'removed');
  const pool = live.length > 0 ? live : links;
  return pool.reduce<FriendLink | undefined>(
    (best, link) => (best === undefined || LINK_STATE_RANK[link.state.kind] >= LINK_STATE_RANK[best.state.kind] ? link : best),
    undefined,
  );
};

export const friendshipStatus = (friend: Friend | undefined): FriendshipStatus =>
  (friend && currentLink(friend)?.state.kind) ?? 'none';

/** Links whose key may authenticate an incoming message: try each in turn. */
export const receivingLinks = (friend: Friend): FriendLink[] => linksOf(friend).filter(hasKeys);

/** Our drop token the link's state holds: the one our request offered, or the one its keys name. */
export const ourDropTokenIdOf = (link: FriendLink): string | null =>
  link.state.kind === 'pending-outgoing' ? link.state.request.dropTokenId : hasKeys(link) ? link.state.keys.ourDropTokenId : null;

/**
 * The link to send under: established first, then awaiting-confirmation, the most recently
 * activated on a tie. The peer accepts any link it has not removed, so both sides need not
 * pick the same one (crossed requests yield two working keys).
 */
export const sendingLink = (friend: Friend): FriendLink | undefined =>
  receivingLinks(friend).reduce<FriendLink | undefined>((best, link) => {
    if (best === undefined || !hasKeys(best) || !hasKeys(link)) return link;
    const rankDiff = LINK_STATE_RANK[link.state.kind] - LINK_STATE_RANK[best.state.kind];
    if (rankDiff !== 0) return rankDiff > 0 ? link : best;
    return link.state.keys.activatedAt >= best.state.keys.activatedAt ? link : best;
  }, undefined);

export const pendingOutgoingLink = (friend: Friend): FriendLink | undefined =>
  linksOf(friend).find((link) => link.state.kind === 'pending-outgoing');

/**
 * A changed identity key is a hard stop (PROTOCOL §4.1 step 9): the user must decide, never a
 * silent update. Befriending again under the new key clears it.
 */
export const isHardStopped = (friend: Friend): boolean => {
  const identityKey = currentLink(friend)?.identityKey;
  return Object.keys(friend.identityAlerts).some((observed) => observed !== identityKey);
};
