import { encodeB64u } from '../../../domain/protocol/encoding/b64u';
import { findLinkByHandshake, friendOf } from '../../../domain/messaging/document-updates';
import { acceptIncomingRequest } from '../../../domain/messaging/incoming-requests';
import { Err, ok, Result } from '../../../domain/protocol/result';
import { ClientDependencies } from '../client-dependencies';
import { ClientError, clientError, fromGateway } from '../client-error';
import { DeliverHandshakeReplies } from '../peers/deliver-handshake-replies';
import { identityKeyPair, keyBytes } from '../protocol/key-material';
import { fromMessaging } from '../session/messaging-failure';
import { SignedInAccount } from '../session/signed-in-account';
import { asOwner } from '../session/owner-call';
import { FriendAcceptPayload } from '../peers/peer-payloads';
import { computeFriendshipConfirmation, deriveFriendshipKey } from '../protocol/friendship-key';
import { seal } from '../protocol/seal';
import { SaveBlob } from '../session/save-blob';
import { linkWrittenWithToken } from '../session/written-despite-failure';
import { RevokePendingDropTokens } from '../session/revoke-pending-drop-tokens';
import { requestDropTokenRevocations } from '../../../domain/messaging/drop-token-revocations';

/** The block declined the request, so unblocking does not bring it back: a new request does. */
const requestOfBlocked = (address: string): Err<ClientError> =>
  clientError('not_friends', `You blocked ${address}, maybe on another device, so their request was declined. To be friends, unblock them and send them a friend request.`);

/**
 * PROTOCOL §4.1 step 5: Bob's half of the exchange. K, his drop token and the complete acceptance
 * envelope go into the blob in one If-Match write before anything is dropped; if another device
 * accepted first, that device's stored envelope is the one delivered, so only one K ever exists.
 */
export class AcceptFriendRequest {
  private readonly saveBlob: SaveBlob;
  private readonly deliverReplies: DeliverHandshakeReplies;
  private readonly revokeTokens: RevokePendingDropTokens;

  constructor(private readonly deps: ClientDependencies) {
    this.saveBlob = new SaveBlob(deps);
    this.deliverReplies = new DeliverHandshakeReplies(deps);
    this.revokeTokens = new RevokePendingDropTokens(deps);
  }

  /**
   * `requestId` is the request's handshake id (its E_A), as IncomingRequestView.id shows it. With
   * `deliverLater`, done once the acceptance is recorded: the drop is DeliverHandshakeReplies' job.
   */
  async execute(account: SignedInAccount, requestId: string, options: { readonly deliverLater?: boolean } = {}): Promise<Result<void, ClientError>> {
    const found = findLinkByHandshake(account.doc, requestId);
    if (!found || found.link.initiator !== 'them') return fromMessaging('request/unknown');
    if (friendOf(account.doc, found.address)?.blocked.value) return requestOfBlocked(found.address);
    if (found.link.state.kind === 'pending-incoming') {
      const accepted = await this.accept(account, found.address, requestId);
      if (!accepted.ok) return accepted;
    } else if (found.link.state.kind !== 'awaiting-confirmation') {
      return fromMessaging('request/not-pending');
    }
    if (options.deliverLater === true) return ok(undefined);
    // A failed drop stays queued in the blob and is retried by every sync.
    const delivered = await this.deliverReplies.execute(account, found.address);
    return delivered.ok ? ok(undefined) : delivered;
  }

  private async accept(account: SignedInAccount, address: string, handshakeId: string): Promise<Result<void, ClientError>> {
    const { crypto, clock } = this.deps;
    const found = findLinkByHandshake(account.doc, handshakeId);
    if (!found) return fromMessaging('request/unknown');
    const { link } = found;
    const requesterIdentityKey = keyBytes(link.identityKey);
    const requesterEphemeralKey = keyBytes(handshakeId);
    const ephemeral = await crypto.keyAgreement.generateKeyPair();
    const friendshipKey = await deriveFriendshipKey(crypto, {
      role: 'accepter',
      identity: identityKeyPair(account.doc),
      ephemeral,
      peerIdentityKey: requesterIdentityKey,
      peerEphemeralKey: requesterEphemeralKey,
    });
    if (!friendshipKey.ok) return clientError('validation_failed', `The request from ${address} carries unusable keys.`);

    const dropToken = await asOwner(account, (token) => account.gateway.createDropToken(token));
    if (!dropToken.ok) return fromGateway(dropToken.error, 'Creating a drop token failed');
    const payload: FriendAcceptPayload = {
      type: 'friend-accept',
      from: link.ourAddress,
      identityKey: account.doc.identity.publicKey,
      dropToken: dropToken.value.token,
      ephemeralKey: encodeB64u(ephemeral.publicKey),
      inReplyTo: handshakeId,
      confirm: await computeFriendshipConfirmation(crypto, friendshipKey.value, requesterEphemeralKey, ephemeral.publicKey),
    };
    const envelope = await seal(crypto, {
      purpose: 'friend-accept',
      recipientPublicKey: requesterIdentityKey,
      plaintext: JSON.stringify(payload),
      ephemeral,
    });
    ephemeral.privateKey.fill(0);
    if (!envelope.ok) return clientError('validation_failed', `The request from ${address} carries unusable keys.`);

    const saved = await this.saveBlob.execute(account, async (doc) => {
      const accepted = acceptIncomingRequest(doc, {
        from: address,
        handshakeId,
        friendshipKey: encodeB64u(friendshipKey.value),
        ourDropTokenId: dropToken.value.id,
        ourDropToken: dropToken.value.token,
        acceptanceEnvelope: JSON.stringify(envelope.value),
        now: clock.now(),
        deviceId: account.deviceId,
      });
      if (accepted.ok) return ok({ doc: accepted.value, value: 'accepted' as const });
      // Another device answered first: its acceptance (or decline) stands, ours is never sent and its token is listed to revoke.
      if (accepted.error === 'request/not-pending') return ok({ doc: requestDropTokenRevocations(doc, address, [dropToken.value.id]), value: 'answered-elsewhere' as const });
      return accepted.error === 'friend/blocked' ? requestOfBlocked(address) : fromMessaging(accepted.error, address);
    });
    if (saved.ok && saved.value === 'accepted') return ok(undefined);
    if (saved.ok) {
      await this.revokeTokens.execute(account);
      return ok(undefined);
    }
    // A write whose answer was lost may have been committed: then the acceptance stands, holding the token, and goes out as written.
    const written = await linkWrittenWithToken(this.saveBlob, account, { address, handshakeId, dropTokenId: dropToken.value.id });
    if (written === true) return ok(undefined);
    // Not in the blob, so no later sync knows of it: this is its only try.
    if (written === false) await asOwner(account, (token) => account.gateway.revokeDropToken(token, dropToken.value.id));
    return saved;
  }
}
