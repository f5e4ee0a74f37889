import { getOwn } from '../../../../src/domain/messaging/own-record';
import { acceptIncomingRequest, declineIncomingRequest, recordIncomingRequest, recordRequestVerification } from '../../../../src/domain/messaging/incoming-requests';
import { addOutgoingRequest, cancelOutgoingRequest, completeOutgoingRequest, findPendingOutgoing } from '../../../../src/domain/messaging/outgoing-requests';
import { friendshipStatus, isHardStopped } from '../../../../src/domain/messaging/friendship';
import { BlobDocument } from '../../../../src/domain/messaging/blob-document';
import { setFriendBlocked } from '../../../../src/domain/messaging/friends';
import {
  acceptance,
  ALICE,
  aliceDoc,
  BOB,
  bobAwaitingAlice,
  bobDoc,
  errorOf,
  incomingRequest,
  outgoingRequest,
  receivedAcceptance,
  T0,
  unwrap,
} from './builders';

const statusOf = (doc: BlobDocument, address: string) => friendshipStatus(getOwn(doc.friends, address));
const linkOf = (doc: BlobDocument, address: string, handshakeId = 'E_A') => getOwn(getOwn(doc.friends, address)!.links, handshakeId)!;

describe('sending a friend request (Alice)', () => {
  it('keeps e_A and tA in a pending-outgoing link that expires in 30 days', () => {
    const doc = unwrap(addOutgoingRequest(aliceDoc(), outgoingRequest({ to: 'Bob@B.example:8443' })));
    expect(statusOf(doc, BOB)).toBe('pending-outgoing');
    const pending = findPendingOutgoing(doc, 'E_A');
    expect(pending?.address).toBe(BOB);
    expect(pending?.request).toMatchObject({ ephemeralPrivateKey: 'e_A-private', dropTokenId: 'tA-id', dropToken: 'tA', expiresAt: T0 + 30 * 24 * 3600 * 1000 });
  });

  it('refuses a second pending request to the same address', () => {
    const doc = unwrap(addOutgoingRequest(aliceDoc(), outgoingRequest()));
    expect(errorOf(addOutgoingRequest(doc, outgoingRequest({ ephemeralPublicKey: 'E_A2' })))).toBe('request/already-pending');
  });

  it('refuses a request to an established friend', () => {
    const pending = unwrap(addOutgoingRequest(aliceDoc(), outgoingRequest()));
    const friends = unwrap(completeOutgoingRequest(pending, receivedAcceptance()));
    expect(errorOf(addOutgoingRequest(friends, outgoingRequest({ ephemeralPublicKey: 'E_A2' })))).toBe('friend/already-established');
  });

  it('refuses an invalid address', () => {
    expect(errorOf(addOutgoingRequest(aliceDoc(), outgoingRequest({ to: 'bob' })))).toBe('address/invalid');
  });

  it('becomes established by a matching acceptance, and forgets e_A', () => {
    const pending = unwrap(addOutgoingRequest(aliceDoc(), outgoingRequest()));
    const doc = unwrap(completeOutgoingRequest(pending, receivedAcceptance()));
    expect(statusOf(doc, BOB)).toBe('established');
    expect(linkOf(doc, BOB).state).toMatchObject({
      kind: 'established',
      keys: { friendshipKey: 'K', ourDropTokenId: 'tA-id', ourDropToken: 'tA', theirDropToken: 'tB' },
    });
    expect(JSON.stringify(doc)).not.toContain('e_A-private');
    expect(findPendingOutgoing(doc, 'E_A')).toBeUndefined();
  });

  it.each([
    [{ handshakeId: 'E_unknown' }, 'request/unknown'],
    [{ from: 'mallory@b.example:8443' }, 'request/address-mismatch'],
    [{ identityKey: 'ik-mallory' }, 'request/identity-mismatch'],
  ])('rejects an acceptance with %j', (override, expected) => {
    const pending = unwrap(addOutgoingRequest(aliceDoc(), outgoingRequest()));
    expect(errorOf(completeOutgoingRequest(pending, receivedAcceptance(override)))).toBe(expected);
  });

  it('rejects a second acceptance of the same request', () => {
    const pending = unwrap(addOutgoingRequest(aliceDoc(), outgoingRequest()));
    const doc = unwrap(completeOutgoingRequest(pending, receivedAcceptance()));
    expect(errorOf(completeOutgoingRequest(doc, receivedAcceptance({ friendshipKey: 'K2' })))).toBe('request/not-pending');
  });

  it('can be cancelled, returning the drop token to revoke', () => {
    const pending = unwrap(addOutgoingRequest(aliceDoc(), outgoingRequest()));
    const cancelled = unwrap(cancelOutgoingRequest(pending, { to: BOB, handshakeId: 'E_A', now: T0 + 1, deviceId: 'alice-laptop' }));
    expect(cancelled.revokeDropTokenId).toBe('tA-id');
    expect(statusOf(cancelled.doc, BOB)).toBe('removed');
    expect(errorOf(completeOutgoingRequest(cancelled.doc, receivedAcceptance()))).toBe('request/not-pending');
  });
});

describe('receiving a friend request (Bob)', () => {
  it('records it once, keyed by E_A', () => {
    const first = unwrap(recordIncomingRequest(bobDoc(), incomingRequest()));
    expect(first.outcome).toBe('recorded');
    expect(statusOf(first.doc, ALICE)).toBe('pending-incoming');
    expect(linkOf(first.doc, ALICE)).toMatchObject({ verification: 'unchecked', startedAt: T0 + 1000, ourAddress: BOB });
    const again = unwrap(recordIncomingRequest(first.doc, incomingRequest({ inboxItemId: 'item-2', now: T0 + 5000 })));
    expect(again).toEqual({ doc: first.doc, outcome: 'duplicate' });
  });

  it('drops requests from a blocked address', () => {
    const blocked = unwrap(setFriendBlocked(bobDoc(), { address: ALICE, blocked: true, now: T0, deviceId: 'bob-phone' }));
    expect(errorOf(recordIncomingRequest(blocked, incomingRequest()))).toBe('friend/blocked');
  });

  it('records the verification result, never downgrading a mismatch', () => {
    const recorded = unwrap(recordIncomingRequest(bobDoc(), incomingRequest())).doc;
    const mismatch = unwrap(recordRequestVerification(recorded, { from: ALICE, handshakeId: 'E_A', verification: 'mismatch', now: T0 }));
    const later = unwrap(recordRequestVerification(mismatch, { from: ALICE, handshakeId: 'E_A', verification: 'verified', now: T0 }));
    expect(linkOf(later, ALICE).verification).toBe('mismatch');
  });

  it('accepting stores K, both drop tokens and the exact envelope to resend', () => {
    const doc = bobAwaitingAlice();
    expect(statusOf(doc, ALICE)).toBe('awaiting-confirmation');
    expect(linkOf(doc, ALICE).state).toMatchObject({
      kind: 'awaiting-confirmation',
      keys: { friendshipKey: 'K', ourDropTokenId: 'tB-id', ourDropToken: 'tB', theirDropToken: 'tA' },
    });
  });

  it('a second acceptance (another device, after a 412) fails, so no second K is made', () => {
    expect(errorOf(acceptIncomingRequest(bobAwaitingAlice(), acceptance({ friendshipKey: 'K2' })))).toBe('request/not-pending');
  });

  it('accepting a request from an address blocked meanwhile fails as blocked, whether the block closed the request or not', () => {
    const recorded = unwrap(recordIncomingRequest(bobDoc(), incomingRequest())).doc;
    const blocked = unwrap(setFriendBlocked(recorded, { address: ALICE, blocked: true, now: T0 + 2500, deviceId: 'bob-laptop' }));
    const declined = unwrap(declineIncomingRequest(blocked, { from: ALICE, handshakeId: 'E_A', now: T0 + 2600, deviceId: 'bob-laptop' }));
    expect(errorOf(acceptIncomingRequest(blocked, acceptance()))).toBe('friend/blocked');
    expect(errorOf(acceptIncomingRequest(declined, acceptance()))).toBe('friend/blocked');
  });

  it('declining discards the request', () => {
    const recorded = unwrap(recordIncomingRequest(bobDoc(), incomingRequest())).doc;
    const declined = unwrap(declineIncomingRequest(recorded, { from: ALICE, handshakeId: 'E_A', now: T0 + 3000, deviceId: 'bob-phone' }));
    expect(statusOf(declined, ALICE)).toBe('removed');
    expect(JSON.stringify(declined)).not.toContain('"tA"');
    expect(errorOf(acceptIncomingRequest(declined, acceptance()))).toBe('request/not-pending');
    expect(unwrap(recordIncomingRequest(declined, incomingRequest())).outcome).toBe('duplicate');
  });

  it('answering an unknown request fails', () => {
    expect(errorOf(acceptIncomingRequest(bobDoc(), acceptance()))).toBe('request/unknown');
    expect(errorOf(declineIncomingRequest(bobDoc(), { from: ALICE, handshakeId: 'E_A', now: T0, deviceId: 'd' }))).toBe('request/unknown');
  });

  // Issue 11 F4: only a verified different key may stop a friendship; anyone can claim an address.
  const impostorRequest = () =>
    unwrap(recordIncomingRequest(bobAwaitingAlice(), incomingRequest({ ephemeralKey: 'E_X', identityKey: 'ik-impostor', inboxItemId: 'item-9' }))).doc;

  it('a request under a different identity key from a friend raises nothing while unchecked', () => {
    expect(isHardStopped(getOwn(bobAwaitingAlice().friends, ALICE)!)).toBe(false);
    const recorded = impostorRequest();
    expect(isHardStopped(getOwn(recorded.friends, ALICE)!)).toBe(false);
    const stillUnchecked = unwrap(recordRequestVerification(recorded, { from: ALICE, handshakeId: 'E_X', verification: 'unchecked', now: T0 + 3000 }));
    expect(isHardStopped(getOwn(stillUnchecked.friends, ALICE)!)).toBe(false);
    const mismatch = unwrap(recordRequestVerification(recorded, { from: ALICE, handshakeId: 'E_X', verification: 'mismatch', now: T0 + 3000 }));
    expect(isHardStopped(getOwn(mismatch.friends, ALICE)!)).toBe(false);
  });

  it('a verified different identity key from a friend is a hard stop', () => {
    const verified = unwrap(recordRequestVerification(impostorRequest(), { from: ALICE, handshakeId: 'E_X', verification: 'verified', now: T0 + 3000 }));
    const friend = getOwn(verified.friends, ALICE)!;
    expect(isHardStopped(friend)).toBe(true);
    expect(friend.identityAlerts).toEqual({ 'ik-impostor': T0 + 3000 });
  });
});
