import { parseAddress } from '../../../domain/messaging/address';
import { FriendshipKeys } from '../../../domain/messaging/friendship';
import { BlobDocument } from '../../../domain/messaging/blob-document';
import { markFriendGone } from '../../../domain/messaging/friends';
import { MessageKey, MessageRecord, UndeliverableReason } from '../../../domain/messaging/message';
import { markMessageUndeliverable } from '../../../domain/messaging/messages';
import { Result } from '../../../domain/protocol/result';
import { GatewayError } from '../../ports/home-server-gateway';
import type { AcceptedResponse } from '../../../domain/protocol/wire';
import { ClientDependencies } from '../client-dependencies';
import { keyBytes } from '../protocol/key-material';
import { payloadJsonOf } from './message-size';
import { encryptMessage } from '../protocol/message-cipher';

/** The link fields a message travels under. */
export interface SendingKeys {
  readonly ourAddress: string;
  readonly keys: Pick<FriendshipKeys, 'friendshipKey' | 'theirDropToken'>;
}

/**
 * Encrypts one outgoing message under the direction key (PROTOCOL §4.2) and drops it at the
 * friend's server with the token they gave us. Resending reuses id and seq, so the friend
 * deduplicates a message that did arrive before.
 */
export const dropMessage = async (
  deps: Pick<ClientDependencies, 'crypto' | 'gateways'>,
  link: SendingKeys,
  message: MessageRecord,
): Promise<Result<AcceptedResponse, GatewayError>> => {
  const friend = parseAddress(message.friend);
  if (!friend.ok) throw new Error('A friend address in the blob is not canonical');
  const envelope = await encryptMessage(deps.crypto, {
    friendshipKey: keyBytes(link.keys.friendshipKey),
    from: link.ourAddress,
    to: message.friend,
    plaintext: payloadJsonOf(message),
  });
  return deps.gateways.forServer(friend.value.authority).drop(friend.value.name, link.keys.theirDropToken, { envelope });
};

/** A refusal by the friend's server that sending again cannot change; null when a retry may work. */
export const undeliverableReasonOf = (error: GatewayError): UndeliverableReason | null => {
  switch (error.code) {
    case 'payload_too_large':
      return 'too-large';
    case 'unauthorized':
      return 'refused';
    case 'not_found':
      return 'gone';
    default:
      return null;
  }
};

/**
 * Marks a message as never deliverable; when the friend's account is gone, the friendship is
 * closed too, and our drop tokens for them are listed for the next sync to revoke.
 */
export const recordUndeliverable = (
  doc: BlobDocument,
  input: { readonly key: MessageKey; readonly reason: UndeliverableReason; readonly friend: string; readonly now: number; readonly deviceId: string },
): BlobDocument => {
  const marked = markMessageUndeliverable(doc, input.key, input.reason);
  return input.reason === 'gone' ? markFriendGone(marked, { address: input.friend, now: input.now, deviceId: input.deviceId }).doc : marked;
};
