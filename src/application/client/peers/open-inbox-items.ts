import { canonicalizeAddress, parseAddress } from '../../../domain/messaging/address';
import { Verification } from '../../../domain/messaging/friendship';
import { X25519KeyPair } from '../../ports/client-crypto';
import { HomeServerGatewayFactory } from '../../ports/home-server-gateway';
import type { InboxItemBody, MessageEnvelope, SealedEnvelope } from '../../../domain/protocol/wire';
import { ClientDependencies } from '../client-dependencies';
import { FriendAcceptPayload, FriendRequestPayload, parseFriendAccept, parseFriendRequest } from './peer-payloads';
import { parsePublicKey } from '../protocol/envelope-fields';
import { verifyRequestProof } from '../protocol/request-proof';
import { ephemeralKeyMatches, openSealed, SealPurpose } from '../protocol/seal';

/** An inbox item after the steps that need only our identity key (PROTOCOL §4.1 steps 4 and 6). */
export type OpenedItem =
  | {
      readonly kind: 'request';
      readonly item: InboxItemBody;
      readonly payload: FriendRequestPayload;
      readonly from: string;
      /** The request proved its sender holds the private half of `payload.identityKey`. */
      readonly proven: boolean;
    }
  | { readonly kind: 'acceptance'; readonly item: InboxItemBody; readonly payload: FriendAcceptPayload }
  | { readonly kind: 'message'; readonly item: InboxItemBody; readonly envelope: MessageEnvelope }
  | { readonly kind: 'discard'; readonly item: InboxItemBody };

const isSealed = (envelope: InboxItemBody['envelope']): envelope is SealedEnvelope => 'epk' in envelope;

/**
 * Opens what our identity key opens: friend requests and acceptances, each checked for
 * `epk == ephemeralKey`; a request's proof of possession, when present, must verify.
 * Messages between friends wait for the blob's friendship keys. Contacts no server.
 */
export const openInboxItem = async (
  deps: Pick<ClientDependencies, 'crypto'>,
  identity: X25519KeyPair,
  ourAddress: string,
  item: InboxItemBody,
  now: number,
): Promise<OpenedItem> => {
  const discard: OpenedItem = { kind: 'discard', item };
  if (!isSealed(item.envelope)) return item.kind === 'drop' ? { kind: 'message', item, envelope: item.envelope } : discard;
  const purpose: SealPurpose = item.kind === 'friend-request' ? 'friend-request' : 'friend-accept';
  const opened = await openSealed(deps.crypto, { purpose, recipient: identity, envelope: item.envelope });
  if (!opened.ok) return discard;
  if (purpose === 'friend-request') {
    const payload = parseFriendRequest(opened.value.plaintext, { now, receivedAt: item.receivedAt });
    const from = payload === null ? null : canonicalizeAddress(payload.from);
    if (payload === null || from === null || !from.ok || from.value === ourAddress) return discard;
    const senderKey = parsePublicKey(payload.identityKey);
    if (!ephemeralKeyMatches(opened.value, payload.ephemeralKey) || senderKey === null) return discard;
    if (payload.proof === undefined) return { kind: 'request', item, payload, from: from.value, proven: false };
    const proofInput = { identity, peerIdentityKey: senderKey, ephemeralKey: opened.value.ephemeralPublicKey, from: payload.from };
    // A proof that fails is a forgery (or garbage), not an older client: nothing worth showing.
    if (!(await verifyRequestProof(deps.crypto, proofInput, payload.proof))) return discard;
    return { kind: 'request', item, payload, from: from.value, proven: true };
  }
  const payload = parseFriendAccept(opened.value.plaintext);
  if (payload === null || !ephemeralKeyMatches(opened.value, payload.ephemeralKey)) return discard;
  return { kind: 'acceptance', item, payload };
};

/**
 * PROTOCOL §4.1 step 4: a sealed request proves nothing about its sender, so the claimed
 * identity key is compared with the one the claimed address's own home server publishes. One
 * attempt only: the host is the stranger's choice, and each attempt tells it our address.
 */
export const verifyClaimedIdentity = async (
  gateways: HomeServerGatewayFactory,
  claimedAddress: string,
  claimedIdentityKey: string,
): Promise<Verification> => {
  const address = parseAddress(claimedAddress);
  if (!address.ok) return 'mismatch';
  const profile = await gateways.forServer(address.value.authority).getProfile(address.value.name, { singleAttempt: true });
  if (profile.ok) return profile.value.identityKey === claimedIdentityKey ? 'verified' : 'mismatch';
  // No such account there: the claim is false. Anything else (server down) leaves it unchecked.
  return profile.error.code === 'not_found' ? 'mismatch' : 'unchecked';
};
