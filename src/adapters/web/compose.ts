import { MessengerError, type Messenger } from '../../application/client/messenger';

/**
 * The composition root of the browser bundle: the one place that picks the Messenger the UI drives.
 * The client core (createMessenger in application/client/create-messenger.ts) is not in the tree yet;
 * until it lands the production bundle explains that instead of failing obscurely.
 */
/** Flips to true when the real client core is wired in: the two-server browser test waits for it. */
export const CLIENT_CORE_WIRED = false;

export function composeMessenger(): Messenger {
  const unavailable = (): Promise<never> =>
    Promise.reject(new MessengerError('client_unavailable', 'This build of starbase has no client core yet.'));
  return { register: unavailable, logIn: unavailable };
}
