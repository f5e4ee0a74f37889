import { undeliveredHandshakeReplies, markHandshakeReplyDelivered } from '../../../../src/domain/messaging/handshake-replies';
import { mergeBlobDocuments } from '../../../../src/domain/messaging/merge';
import { ALICE, aliceFriendsWithBob, BOB, bobAwaitingAlice, bobFriendsWithAlice, errorOf, T0, unwrap } from './builders';

describe('handshake replies still to deliver', () => {
  it('Bob resends exactly the stored acceptance until it is delivered', () => {
    const doc = bobAwaitingAlice();
    expect(undeliveredHandshakeReplies(doc)).toEqual([
      { kind: 'acceptance', address: ALICE, handshakeId: 'E_A', theirDropToken: 'tA', acceptanceEnvelope: '{"v":1,"epk":"F_B"}' },
    ]);
    const delivered = unwrap(markHandshakeReplyDelivered(doc, { address: ALICE, handshakeId: 'E_A', at: T0 + 5 }));
    expect(undeliveredHandshakeReplies(delivered)).toEqual([]);
  });

  it('Alice sends friend-confirm under K once her request is accepted', () => {
    expect(undeliveredHandshakeReplies(aliceFriendsWithBob())).toEqual([
      { kind: 'confirm', address: BOB, handshakeId: 'E_A', theirDropToken: 'tB', friendshipKey: 'K', ourAddress: ALICE },
    ]);
  });

  it('nothing is left once Bob has Alice’s first message', () => {
    expect(undeliveredHandshakeReplies(bobFriendsWithAlice())).toEqual([]);
  });

  it('a delivery recorded on one device holds after a merge', () => {
    const doc = aliceFriendsWithBob();
    const delivered = unwrap(markHandshakeReplyDelivered(doc, { address: BOB, handshakeId: 'E_A', at: T0 + 9 }));
    expect(undeliveredHandshakeReplies(mergeBlobDocuments(doc, delivered))).toEqual([]);
  });

  it('fails for an unknown link', () => {
    expect(errorOf(markHandshakeReplyDelivered(aliceFriendsWithBob(), { address: BOB, handshakeId: 'E_x', at: T0 }))).toBe('friend/unknown');
  });
});
