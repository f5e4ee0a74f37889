import { parseAddress } from '../../../domain/messaging/address';
import { RemovalNotice } from '../../../domain/messaging/friends';
import { ClientDependencies } from '../client-dependencies';
import { keyBytes } from '../protocol/key-material';
import { encryptMessage } from '../protocol/message-cipher';

/**
 * Tells a friend the friendship is over: a `friend-remove` under the link's K, dropped at their
 * server. A courtesy, best effort: what actually ends the friendship is our revoked drop token
 * (or our deleted account), so a failure here is not reported.
 */
export const sendRemovalNotice = async (
  deps: Pick<ClientDependencies, 'crypto' | 'gateways'>,
  address: string,
  notice: RemovalNotice,
): Promise<void> => {
  const friend = parseAddress(address);
  if (!friend.ok) return;
  const envelope = await encryptMessage(deps.crypto, {
    friendshipKey: keyBytes(notice.friendshipKey),
    from: notice.ourAddress,
    to: address,
    plaintext: JSON.stringify({ type: 'friend-remove' }),
  });
  await deps.gateways.forServer(friend.value.authority).drop(friend.value.name, notice.theirDropToken, { envelope });
};
