import { MessagingError } from '../../../domain/messaging/messaging-errors';
import { Err } from '../../../domain/protocol/result';
import { ClientError, clientError } from '../client-error';

/** Domain refusals, in the words and codes the UI explains. */
export const fromMessaging = (error: MessagingError, address = 'this contact'): Err<ClientError> => {
  switch (error) {
    case 'address/invalid':
      return clientError('invalid_address', `Not an address: ${address}`);
    case 'friend/unknown':
    case 'friend/not-active':
      return clientError('not_friends', `You are not friends with ${address}.`);
    case 'friend/blocked':
      return clientError('not_friends', `You blocked ${address}. Unblock them first.`);
    case 'friend/still-active':
      return clientError('already_friends', `You are still friends with ${address}: remove them before deleting the chat.`);
    case 'friend/hard-stopped':
      return clientError('identity_changed', `The identity key of ${address} changed: compare safety numbers first.`);
    case 'friend/already-established':
      return clientError('already_friends', `You are already friends with ${address}.`);
    case 'request/already-pending':
    case 'request/duplicate':
      return clientError('request_pending', `A friend request to ${address} is already waiting for an answer.`);
    case 'request/unknown':
      return clientError('not_found', 'There is no such friend request.');
    case 'request/not-pending':
      return clientError('validation_failed', 'This friend request was already answered.');
    case 'request/identity-mismatch':
    case 'request/address-mismatch':
      return clientError('identity_changed', `The answer does not come from ${address}.`);
    case 'message/invalid':
    case 'message/seq-replayed':
      return clientError('validation_failed', 'The message was refused.');
    case 'blob/malformed':
      return clientError('bad_response', 'Your data is not in a format this app understands.');
  }
};
