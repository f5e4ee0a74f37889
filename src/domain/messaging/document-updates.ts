import { canonicalizeAddress } from './address';
import { BlobDocument } from './blob-document';
import { Friend, FriendLink } from './friendship';
import { lww } from './lww';
import { EMPTY_SEQ_RANGES } from './seq-ranges';
import { getOwn, setOwn } from './own-record';
import { nextStamp, Stamp } from './stamp';

/** Predates every real write, so any explicit choice wins a merge against the default. */
export const ORIGIN_STAMP: Stamp = { at: 0, device: '' };

/** A fresh stamp for a write, and the document with its clock advanced past it. */
export const stampWrite = (doc: BlobDocument, now: number, deviceId: string): { doc: BlobDocument; stamp: Stamp } => {
  const stamp = nextStamp(doc.clock, now, deviceId);
  return { doc: { ...doc, clock: stamp.at }, stamp };
};

export const emptyFriend = (address: string): Friend => ({
  address,
  links: {},
  blocked: lww(false, ORIGIN_STAMP),
  identityAlerts: {},
});

export const friendOf = (doc: BlobDocument, address: string): Friend | undefined => getOwn(doc.friends, address);

export const putFriend = (doc: BlobDocument, friend: Friend): BlobDocument => ({
  ...doc,
  friends: setOwn(doc.friends, friend.address, friend),
});

export const putLink = (doc: BlobDocument, address: string, link: FriendLink): BlobDocument => {
  const friend = friendOf(doc, address) ?? emptyFriend(address);
  return putFriend(doc, { ...friend, links: setOwn(friend.links, link.handshakeId, link) });
};

export const linkOf = (doc: BlobDocument, address: string, handshakeId: string): FriendLink | undefined => {
  const friend = friendOf(doc, address);
  return friend && getOwn(friend.links, handshakeId);
};

/** A handshake is found by its id alone when an answer names it (`inReplyTo`). */
export const findLinkByHandshake = (
  doc: BlobDocument,
  handshakeId: string,
): { readonly address: string; readonly link: FriendLink } | undefined => {
  for (const friend of Object.values(doc.friends)) {
    const link = getOwn(friend.links, handshakeId);
    if (link) return { address: friend.address, link };
  }
  return undefined;
};

/** A link by (address as the caller wrote it, handshake id), with the address canonicalized. */
export const resolveLink = (
  doc: BlobDocument,
  address: string,
  handshakeId: string,
): { readonly address: string; readonly link: FriendLink } | undefined => {
  const canonical = canonicalizeAddress(address);
  if (!canonical.ok) return undefined;
  const link = linkOf(doc, canonical.value, handshakeId);
  return link && { address: canonical.value, link };
};

/** A handshake just begun: no message yet in either direction. */
export const newLink = (
  fields: Pick<FriendLink, 'handshakeId' | 'initiator' | 'ourAddress' | 'identityKey' | 'startedAt' | 'state' | 'verification'>): FriendLink => ({
  ...fields,
  nextSendSeq: 1,
  receivedSeqs: EMPTY_SEQ_RANGES,
  readUpTo: 0,
  replyDeliveredAt: null,
});

