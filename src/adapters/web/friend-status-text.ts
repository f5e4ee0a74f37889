import type { FriendStatus } from '../../application/client/messenger';

/** One short line under a contact's name; null when nothing needs saying. */
export function friendStatusLine(status: FriendStatus): string | null {
  switch (status) {
    case 'established':
      return null;
    case 'pending-outgoing':
      return 'Request sent, waiting for them to accept';
    case 'pending-incoming':
      return 'Wants to be your friend';
    case 'awaiting-confirmation':
      return 'Accepted, finishing the secure handshake';
    case 'removed':
      return 'No longer friends';
    case 'gone':
      return 'Account deleted';
    case 'identity-changed':
      return 'Security key changed: messages blocked';
  }
}

/** The explanation shown above a conversation that cannot carry messages (yet). */
export function chatBlockedReason(status: FriendStatus, address: string): string | null {
  switch (status) {
    case 'established':
      return null;
    case 'pending-outgoing':
      return `${address} has not accepted your friend request yet. You can chat once they do.`;
    case 'pending-incoming':
      return `${address} wants to be your friend. Accept the request to chat.`;
    case 'awaiting-confirmation':
      return `You accepted. The secure handshake finishes as soon as ${address}'s app is online.`;
    case 'removed':
      return `You and ${address} are no longer friends. Messages can no longer be sent.`;
    case 'gone':
      return `${address}'s account no longer exists: their server does not know it any more. Messages can no longer be sent.`;
    case 'identity-changed':
      return `${address}'s security key changed. This can mean a new device, or someone in between. Messages stay blocked: check the safety number with them by phone or in person.`;
  }
}
