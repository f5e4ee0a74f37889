import { parseAddress } from '../../domain/messaging/address';
import { FriendshipKeys } from '../../domain/messaging/friendship';
import { MessageRecord } from '../../domain/messaging/message';
import { Result } from '../../domain/result';
import { AcceptedResponse, GatewayError } from '../ports/home-server-gateway';
import { ClientDependencies } from './client-dependencies';
import { keyBytes } from './key-material';
import { ChatMessagePayload } from './peer-payloads';
import { encryptMessage } from './protocol/message-cipher';

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
  const payload: ChatMessagePayload = { type: 'message', id: message.id, seq: message.seq, sentAt: message.sentAt, body: message.body };
  const envelope = await encryptMessage(deps.crypto, {
    friendshipKey: keyBytes(link.keys.friendshipKey),
    from: link.ourAddress,
    to: message.friend,
    plaintext: JSON.stringify(payload),
  });
  return deps.gateways.forServer(friend.value.authority).drop(friend.value.name, link.keys.theirDropToken, { envelope });
};
