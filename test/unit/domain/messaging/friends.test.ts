import { getOwn } from '../../../../src/domain/messaging/own-record';
import { recordIncomingRequest } from '../../../../src/domain/messaging/incoming-requests';
import { addOutgoingRequest } from '../../../../src/domain/messaging/outgoing-requests';
import { currentLink, friendshipStatus, isHardStopped, sendingLink } from '../../../../src/domain/messaging/friendship';
import {
  applyRemoteRemoval,
  establishFriendship,
  recordIdentityKeyObservation,
  removeFriend,
  setFriendBlocked,
} from '../../../../src/domain/messaging/friends';
import { expirePendingRequests } from '../../../../src/domain/messaging/request-expiry';
import {
  ALICE,
  aliceDoc,
  aliceFriendsWithBob,
  BOB,
  bobAwaitingAlice,
  bobDoc,
  bobFriendsWithAlice,
  DAY,
  errorOf,
  incomingRequest,
  outgoingRequest,
  T0,
  unwrap,
} from './builders';

const device = { deviceId: 'bob-phone' };

describe('establishing', () => {
  it('moves an awaiting link to established (friend-confirm verified under K)', () => {
    const doc = unwrap(establishFriendship(bobAwaitingAlice(), { address: ALICE, handshakeId: 'E_A', now: T0 + 5000, ...device }));
    expect(friendshipStatus(getOwn(doc.friends, ALICE))).toBe('established');
  });

  it('is idempotent and refuses links that have no key', () => {
    const established = bobFriendsWithAlice();
    expect(unwrap(establishFriendship(established, { address: ALICE, handshakeId: 'E_A', now: T0 + 9, ...device }))).toBe(established);
    const pending = unwrap(recordIncomingRequest(bobDoc(), incomingRequest())).doc;
    expect(errorOf(establishFriendship(pending, { address: ALICE, handshakeId: 'E_A', now: T0, ...device }))).toBe('friend/not-active');
    expect(errorOf(establishFriendship(bobDoc(), { address: ALICE, handshakeId: 'E_A', now: T0, ...device }))).toBe('friend/unknown');
  });
});

describe('removing a friend', () => {
  it('closes every link, returns our tokens to revoke and where to send friend-remove', () => {
    const removal = unwrap(removeFriend(bobFriendsWithAlice(), { address: ALICE, now: T0 + DAY, ...device }));
    expect(friendshipStatus(getOwn(removal.doc.friends, ALICE))).toBe('removed');
    expect(removal.revokeDropTokenIds).toEqual(['tB-id']);
    expect(removal.notices).toEqual([{ handshakeId: 'E_A', ourAddress: 'bob@b.example:8443', friendshipKey: 'K', theirDropToken: 'tA' }]);
    expect(sendingLink(getOwn(removal.doc.friends, ALICE)!)).toBeUndefined();
  });

  it('allows befriending again through a new handshake', () => {
    const removed = unwrap(removeFriend(aliceFriendsWithBob(), { address: BOB, now: T0 + DAY, deviceId: 'alice-laptop' })).doc;
    const again = unwrap(addOutgoingRequest(removed, outgoingRequest({ ephemeralPublicKey: 'E_A2', now: T0 + 2 * DAY })));
    expect(friendshipStatus(getOwn(again.friends, BOB))).toBe('pending-outgoing');
  });

  it('a remote removal closes that link only', () => {
    const removal = unwrap(applyRemoteRemoval(bobFriendsWithAlice(), { address: ALICE, handshakeId: 'E_A', now: T0 + DAY, ...device }));
    expect(friendshipStatus(getOwn(removal.doc.friends, ALICE))).toBe('removed');
    expect(removal.revokeDropTokenIds).toEqual(['tB-id']);
  });

  it('fails for an unknown address', () => {
    expect(errorOf(removeFriend(bobDoc(), { address: ALICE, now: T0, ...device }))).toBe('friend/unknown');
  });
});

describe('blocking', () => {
  it('the latest choice wins, even from a device whose clock lags', () => {
    const blocked = unwrap(setFriendBlocked(bobFriendsWithAlice(), { address: ALICE, blocked: true, now: T0 + 1, ...device }));
    expect(getOwn(blocked.friends, ALICE)!.blocked.value).toBe(true);
    const unblocked = unwrap(setFriendBlocked(blocked, { address: ALICE, blocked: false, now: T0, ...device }));
    expect(getOwn(unblocked.friends, ALICE)!.blocked.value).toBe(false);
  });
});

describe('identity key changes', () => {
  it('an unchanged key is no alert', () => {
    const result = unwrap(recordIdentityKeyObservation(bobFriendsWithAlice(), { address: ALICE, identityKey: 'ik-alice', now: T0 }));
    expect(result.changed).toBe(false);
    expect(isHardStopped(getOwn(result.doc.friends, ALICE)!)).toBe(false);
  });

  it('a changed key is a hard stop until the user befriends the new key', () => {
    const result = unwrap(recordIdentityKeyObservation(bobFriendsWithAlice(), { address: ALICE, identityKey: 'ik-new', now: T0 + DAY }));
    expect(result.changed).toBe(true);
    const friend = getOwn(result.doc.friends, ALICE)!;
    expect(isHardStopped(friend)).toBe(true);
    expect(currentLink(friend)?.identityKey).toBe('ik-alice');
  });
});

describe('expiring pending requests', () => {
  it('closes requests older than 30 days and returns our tokens to revoke', () => {
    const sent = unwrap(addOutgoingRequest(aliceDoc(), outgoingRequest()));
    const withIncoming = unwrap(
      recordIncomingRequest(sent, incomingRequest({ from: 'carol@c.example', ourAddress: ALICE, ephemeralKey: 'E_C', receivedAt: T0 + DAY })),
    ).doc;

    const early = expirePendingRequests(withIncoming, { now: T0 + 30 * DAY - 1, deviceId: 'alice-laptop' });
    expect(early.revokeDropTokenIds).toEqual([]);
    expect(early.doc).toBe(withIncoming);

    const late = expirePendingRequests(withIncoming, { now: T0 + 31 * DAY, deviceId: 'alice-laptop' });
    expect(late.revokeDropTokenIds).toEqual(['tA-id']);
    expect(late.expired).toEqual([
      { address: BOB, handshakeId: 'E_A' },
      { address: 'carol@c.example', handshakeId: 'E_C' },
    ]);
    expect(friendshipStatus(getOwn(late.doc.friends, BOB))).toBe('removed');
    expect(JSON.stringify(late.doc)).not.toContain('e_A-private');
  });
});
