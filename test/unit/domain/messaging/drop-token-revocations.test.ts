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
import { acceptIncomingRequest, declineIncomingRequest, recordIncomingRequest } from '../../../../src/domain/messaging/incoming-requests';
import { mergeBlobDocuments } from '../../../../src/domain/messaging/merge';
import { applyIncomingMessage } from '../../../../src/domain/messaging/messages';
import { addOutgoingRequest, cancelOutgoingRequest } from '../../../../src/domain/messaging/outgoing-requests';
import { getOwn } from '../../../../src/domain/messaging/own-record';
import { expirePendingRequests } from '../../../../src/domain/messaging/request-expiry';
import {
  acceptance,
  aliceDoc,
  aliceFriendsWithBob,
  ALICE,
  BOB,
  bobAwaitingAlice,
  bobDoc,
  bobFriendsWithAlice,
  DAY,
  incomingMessage,
  incomingRequest,
  outgoingRequest,
  T0,
  unwrap,
} from './builders';

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

  describe('a token held by a link state that loses a merge', () => {
    const requested = (): BlobDocument => unwrap(recordIncomingRequest(bobDoc(), incomingRequest())).doc;
    const acceptedOnPhone = bobAwaitingAlice;
    const acceptedOnLaptopLater = (): BlobDocument =>
      unwrap(acceptIncomingRequest(requested(), acceptance({ ourDropTokenId: 'tB2-id', ourDropToken: 'tB2', now: T0 + 3500, deviceId: 'bob-laptop' })));
    const bothOrders = (a: BlobDocument, b: BlobDocument) => [mergeBlobDocuments(a, b), mergeBlobDocuments(b, a)];

    it('is listed when a decline on one device wins over an acceptance on another', () => {
      const declined = unwrap(declineIncomingRequest(requested(), { from: ALICE, handshakeId: 'E_A', now: T0 + 4000, ...LAPTOP }));
      for (const merged of bothOrders(declined, acceptedOnPhone())) {
        expect(getOwn(merged.friends, ALICE)?.links['E_A']?.state.kind).toBe('removed');
        expect(pendingDropTokenRevocations(merged)).toEqual(PENDING_TB);
      }
    });

    it('is listed when two devices accepted the same request and the earlier acceptance wins', () => {
      for (const merged of bothOrders(acceptedOnPhone(), acceptedOnLaptopLater())) {
        expect(getOwn(merged.friends, ALICE)?.links['E_A']?.state).toMatchObject({ kind: 'awaiting-confirmation', keys: { ourDropTokenId: 'tB-id' } });
        expect(pendingDropTokenRevocations(merged)).toEqual([{ address: ALICE, tokenId: 'tB2-id' }]);
      }
    });

    it('is not listed once a third copy has the later acceptance established, in any grouping', () => {
      const establishedOnLaptop = unwrap(applyIncomingMessage(acceptedOnLaptopLater(), incomingMessage({ deviceId: 'bob-laptop' }))).doc;
      const [phone, laptop, established] = [acceptedOnPhone(), acceptedOnLaptopLater(), establishedOnLaptop];
      for (const merged of [
        mergeBlobDocuments(mergeBlobDocuments(phone, laptop), established),
        mergeBlobDocuments(phone, mergeBlobDocuments(laptop, established)),
        mergeBlobDocuments(mergeBlobDocuments(laptop, established), phone),
      ]) {
        expect(getOwn(merged.friends, ALICE)?.links['E_A']?.state).toMatchObject({ kind: 'established', keys: { ourDropTokenId: 'tB2-id' } });
        expect(revocationsOf(merged)).toEqual({ 'tB-id': null });
      }
    });

    it('is not listed when the winner carries the same token on: request to friendship, acceptance to friendship', () => {
      const asked = unwrap(addOutgoingRequest(aliceDoc(), outgoingRequest()));
      for (const merged of [...bothOrders(asked, aliceFriendsWithBob()), ...bothOrders(bobAwaitingAlice(), bobFriendsWithAlice())]) {
        expect(pendingDropTokenRevocations(merged)).toEqual([]);
        expect(Object.values(merged.friends).every((friend) => friend.dropTokenRevocations === undefined)).toBe(true);
      }
    });
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
