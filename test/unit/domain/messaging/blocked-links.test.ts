import { BlobDocument } from '../../../../src/domain/messaging/blob-document';
import { closeLinksOfBlockedFriends } from '../../../../src/domain/messaging/blocked-links';
import { blockAddress } from '../../../../src/domain/messaging/friends';
import { friendshipStatus } from '../../../../src/domain/messaging/friendship';
import { acceptIncomingRequest, recordIncomingRequest } from '../../../../src/domain/messaging/incoming-requests';
import { mergeBlobDocuments } from '../../../../src/domain/messaging/merge';
import { addOutgoingRequest } from '../../../../src/domain/messaging/outgoing-requests';
import { getOwn } from '../../../../src/domain/messaging/own-record';
import { acceptance, ALICE, BOB, bobDoc, incomingRequest, outgoingRequest, T0, unwrap } from './builders';

const LAPTOP = 'bob-laptop';
const PHONE = 'bob-phone';
const REPAIR = { now: T0 + 10_000, deviceId: PHONE };

/** The laptop blocks alice from a copy that has not seen her request; the phone took it in (and maybe accepted it). */
const blockedOnLaptop = (base: BlobDocument): BlobDocument => unwrap(blockAddress(base, { address: ALICE, now: T0 + 5000, deviceId: LAPTOP })).doc;
const requestOnPhone = (base: BlobDocument): BlobDocument => unwrap(recordIncomingRequest(base, incomingRequest({ deviceId: PHONE }))).doc;
const acceptedOnPhone = (base: BlobDocument): BlobDocument => unwrap(acceptIncomingRequest(requestOnPhone(base), acceptance({ deviceId: PHONE })));

const linkState = (doc: BlobDocument) => getOwn(getOwn(doc.friends, ALICE)?.links ?? {}, 'E_A')?.state;

describe('blocked wins over what another device opened meanwhile', () => {
  it('closes an acceptance merged with a block, in either merge order, revoking our token and telling alice under K', () => {
    const laptop = blockedOnLaptop(bobDoc());
    const phone = acceptedOnPhone(bobDoc());
    const oneWay = mergeBlobDocuments(laptop, phone);
    const otherWay = mergeBlobDocuments(phone, laptop);
    expect(friendshipStatus(getOwn(oneWay.friends, ALICE))).toBe('awaiting-confirmation');

    const repaired = closeLinksOfBlockedFriends(oneWay, REPAIR);

    expect(closeLinksOfBlockedFriends(otherWay, REPAIR)).toEqual(repaired);
    expect(linkState(repaired.doc)).toMatchObject({ kind: 'removed', reason: 'removed' });
    expect(getOwn(repaired.doc.friends, ALICE)?.blocked.value).toBe(true);
    expect(repaired.revokeDropTokenIds).toEqual(['tB-id']);
    expect(repaired.notices).toEqual([
      { address: ALICE, notice: { handshakeId: 'E_A', ourAddress: BOB, friendshipKey: 'K', theirDropToken: 'tA' } },
    ]);
  });

  it('declines a request taken in on another device, with nothing to revoke and nobody to tell', () => {
    const merged = mergeBlobDocuments(requestOnPhone(bobDoc()), blockedOnLaptop(bobDoc()));
    expect(friendshipStatus(getOwn(merged.friends, ALICE))).toBe('pending-incoming');

    const repaired = closeLinksOfBlockedFriends(merged, REPAIR);

    expect(linkState(repaired.doc)).toMatchObject({ kind: 'removed', reason: 'declined' });
    expect(repaired.revokeDropTokenIds).toEqual([]);
    expect(repaired.notices).toEqual([]);
  });

  it('cancels our own request sent from another device, revoking the token it carried', () => {
    const phone = unwrap(addOutgoingRequest(bobDoc(), outgoingRequest({ to: ALICE, ourAddress: BOB, identityKey: 'ik-alice', deviceId: PHONE })));
    const merged = mergeBlobDocuments(blockedOnLaptop(bobDoc()), phone);

    const repaired = closeLinksOfBlockedFriends(merged, REPAIR);

    expect(linkState(repaired.doc)).toMatchObject({ kind: 'removed', reason: 'cancelled' });
    expect(repaired.revokeDropTokenIds).toEqual(['tA-id']);
  });

  it('is done once: the repaired document, or two devices’ repairs merged, need nothing more', () => {
    const merged = mergeBlobDocuments(blockedOnLaptop(bobDoc()), acceptedOnPhone(bobDoc()));
    const onPhone = closeLinksOfBlockedFriends(merged, REPAIR).doc;
    const onLaptop = closeLinksOfBlockedFriends(merged, { now: T0 + 20_000, deviceId: LAPTOP }).doc;

    const again = closeLinksOfBlockedFriends(onPhone, REPAIR);
    const afterBoth = closeLinksOfBlockedFriends(mergeBlobDocuments(onLaptop, onPhone), REPAIR);

    expect(again).toEqual({ doc: onPhone, revokeDropTokenIds: [], notices: [] });
    expect(again.doc).toBe(onPhone);
    expect(afterBoth.revokeDropTokenIds).toEqual([]);
    expect(afterBoth.notices).toEqual([]);
    expect(friendshipStatus(getOwn(afterBoth.doc.friends, ALICE))).toBe('removed');
  });

  it('leaves an unblocked friend’s links and a blocked address without open links alone', () => {
    const friends = acceptedOnPhone(bobDoc());
    const blockedStranger = blockedOnLaptop(bobDoc());
    expect(closeLinksOfBlockedFriends(friends, REPAIR).doc).toBe(friends);
    expect(closeLinksOfBlockedFriends(blockedStranger, REPAIR).doc).toBe(blockedStranger);
  });
});
