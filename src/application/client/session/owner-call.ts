import { encodeB64u } from '../../../domain/protocol/encoding/b64u';
import { GatewayResult } from '../../ports/home-server-gateway';
import { SignedInAccount } from './signed-in-account';

/**
 * Runs an owner call with the account's session token. Session tokens live at most an hour, so a
 * 401 first renews the session with the authKey kept in memory and tries once more; when that
 * fails too (password changed or account deleted elsewhere) the original 401 is the answer, and
 * the account is marked revoked so the user is told to sign in again.
 */
export const asOwner = async <T>(account: SignedInAccount, call: (sessionToken: string) => GatewayResult<T>): GatewayResult<T> => {
  const first = await call(account.session.token);
  if (first.ok || first.error.code !== 'unauthorized' || account.closed) return first;
  const renewed = await account.gateway.openSession({ name: account.name, authKey: encodeB64u(account.authKey) });
  if (!renewed.ok) {
    if (renewed.error.code === 'unauthorized') account.markRevoked();
    return first;
  }
  account.renewSession(renewed.value);
  return call(account.session.token);
};
