import { parseBlobDocument, serializeBlobDocument } from '../../../../src/domain/messaging/blob-codec';
import { BlobDocument } from '../../../../src/domain/messaging/blob-document';
import { closeLinksOfBlockedFriends } from '../../../../src/domain/messaging/blocked-links';
import {
  markDropTokensRevoked,
  pendingDropTokenRevocations,
  pruneRevokedDropTokens,
  REVOKED_TOKEN_RETENTION_MS,
} from '../../../../src/domain/messaging/drop-token-revocations';
import { applyRemoteRemoval, blockAddress, markFriendGone, removeFriend, setFriendBlocked } from '../../../../src/domain/messaging/friends';
import { mergeBlobDocuments } from '../../../../src/domain/messaging/merge';
import { addOutgoingRequest, cancelOutgoingRequest } from '../../../../src/domain/messaging/outgoing-requests';
import { getOwn } from '../../../../src/domain/messaging/own-record';
import { expirePendingRequests } from '../../../../src/domain/messaging/request-expiry';
import { ALICE, BOB, bobDoc, bobFriendsWithAlice, DAY, outgoingRequest, T0, unwrap } from './builders';

const LAPTOP = { deviceId: 'bob-laptop' };
const PENDING_TB = [{ address: ALICE, tokenId: 'tB-id' }];

const removedOnLaptop = (): BlobDocument => unwrap(removeFriend(bobFriendsWithAlice(), { address: ALICE, now: T0 + 5000, ...LAPTOP })).doc;
const revocationsOf = (doc: BlobDocument) => getOwn(doc.friends, ALICE)?.dropTokenRevocations;

describe('drop tokens to revoke, kept in the blob until our server confirms', () => {
  it('is listed by the very write that closes the link, for a removal, a block, their removal and a friend gone', () => {
    const input = { address: ALICE, now: T0 + 5000, ...LAPTOP };
    expect(pendingDropTokenRevocations(removedOnLaptop())).toEqual(PENDING_TB);
    expect(pendingDropTokenRevocations(unwrap(blockAddress(bobFriendsWithAlice(), input)).doc)).toEqual(PENDING_TB);
    expect(pendingDropTokenRevocations(unwrap(applyRemoteRemoval(bobFriendsWithAlice(), { ...input, handshakeId: 'E_A' })).doc)).toEqual(PENDING_TB);
    expect(pendingDropTokenRevocations(markFriendGone(bobFriendsWithAlice(), input).doc)).toEqual(PENDING_TB);
    const blocked = unwrap(setFriendBlocked(bobFriendsWithAlice(), { ...input, blocked: true }));
    expect(pendingDropTokenRevocations(closeLinksOfBlockedFriends(blocked, input).doc)).toEqual(PENDING_TB);
    expect(pendingDropTokenRevocations(bobFriendsWithAlice())).toEqual([]);
  });

  it('is listed for an abandoned request too: withdrawn or expired', () => {
    const asked = unwrap(addOutgoingRequest(bobDoc(), outgoingRequest({ to: ALICE, ourAddress: BOB, identityKey: 'ik-alice' })));
    const withdrawn = unwrap(cancelOutgoingRequest(asked, { to: ALICE, handshakeId: 'E_A', now: T0 + 1, ...LAPTOP })).doc;
    expect(pendingDropTokenRevocations(withdrawn)).toEqual([{ address: ALICE, tokenId: 'tA-id' }]);
    const expired = expirePendingRequests(asked, { now: T0 + 31 * DAY, ...LAPTOP }).doc;
    expect(pendingDropTokenRevocations(expired)).toEqual([{ address: ALICE, tokenId: 'tA-id' }]);
  });

  it('done wins over pending in either merge order, so a device that missed the confirmation cannot bring it back', () => {
    const stale = removedOnLaptop();
    const confirmed = markDropTokensRevoked(stale, PENDING_TB, T0 + 6000);
    expect(pendingDropTokenRevocations(confirmed)).toEqual([]);

    for (const merged of [mergeBlobDocuments(stale, confirmed), mergeBlobDocuments(confirmed, stale)]) {
      expect(pendingDropTokenRevocations(merged)).toEqual([]);
      expect(revocationsOf(merged)).toEqual({ 'tB-id': T0 + 6000 });
    }
    const laterConfirmation = markDropTokensRevoked(stale, PENDING_TB, T0 + 9000);
    expect(revocationsOf(mergeBlobDocuments(confirmed, laterConfirmation))).toEqual(revocationsOf(mergeBlobDocuments(laterConfirmation, confirmed)));
  });

  it('a removal merged with a document from before it (or from an older client, without the field) stays pending', () => {
    const removed = removedOnLaptop();
    for (const merged of [mergeBlobDocuments(removed, bobFriendsWithAlice()), mergeBlobDocuments(bobFriendsWithAlice(), removed)]) {
      expect(pendingDropTokenRevocations(merged)).toEqual(PENDING_TB);
    }
  });

  it('forgets confirmed revocations after the retention, never pending ones', () => {
    const asked = unwrap(addOutgoingRequest(removedOnLaptop(), outgoingRequest({ to: ALICE, ourAddress: BOB, identityKey: 'ik-alice', ephemeralPublicKey: 'E_A2' })));
    const withdrawn = unwrap(cancelOutgoingRequest(asked, { to: ALICE, handshakeId: 'E_A2', now: T0 + 7000, ...LAPTOP })).doc;
    const confirmed = markDropTokensRevoked(withdrawn, PENDING_TB, T0 + 6000);

    expect(pruneRevokedDropTokens(confirmed, T0 + 5999 + REVOKED_TOKEN_RETENTION_MS)).toBe(confirmed);
    const pruned = pruneRevokedDropTokens(confirmed, T0 + 6000 + REVOKED_TOKEN_RETENTION_MS);
    expect(revocationsOf(pruned)).toEqual({ 'tA-id': null });

    const allDone = pruneRevokedDropTokens(markDropTokensRevoked(pruned, [{ address: ALICE, tokenId: 'tA-id' }], T0 + 8000), T0 + 8001 + REVOKED_TOKEN_RETENTION_MS);
    expect(getOwn(allDone.friends, ALICE)).not.toHaveProperty('dropTokenRevocations');
  });

  it('round-trips through the blob codec; a document without the field opens, a malformed entry does not', () => {
    const removed = removedOnLaptop();
    expect(unwrap(parseBlobDocument(serializeBlobDocument(removed)))).toEqual(removed);
    expect(unwrap(parseBlobDocument(serializeBlobDocument(bobFriendsWithAlice())))).toEqual(bobFriendsWithAlice());
    const malformed = JSON.parse(serializeBlobDocument(removed)) as { friends: Record<string, { dropTokenRevocations: unknown }> };
    const friend = malformed.friends[ALICE];
    if (friend === undefined) throw new Error('alice is missing');
    friend.dropTokenRevocations = { 'tB-id': 'soon' };
    expect(parseBlobDocument(JSON.stringify(malformed)).ok).toBe(false);
  });
});
