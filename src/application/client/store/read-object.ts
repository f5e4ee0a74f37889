import { err, Result } from '../../../domain/protocol/result';
import { GatewayError } from '../../ports/home-server-gateway';
import { openObject } from '../protocol/object-cipher';
import { OpenFailure } from '../protocol/protocol-errors';
import { StoreObjectAccess } from './store-object-access';

export type ReadObjectError =
  | { readonly kind: 'gateway'; readonly error: GatewayError }
  /** The server's bytes do not open as this account's object under this id: damaged, or another object served in its place. */
  | { readonly kind: 'undecryptable'; readonly reason: OpenFailure };

/**
 * One of the account's own objects, decrypted: from the device's cache when it holds the object,
 * else downloaded and, once it opened, cached as the ciphertext the server sent. A cached copy
 * that does not open (a damaged disk; the id is in the AAD, so no entry can stand in for another)
 * is dropped and the object downloaded once.
 */
export const readObject = async (access: StoreObjectAccess, id: string): Promise<Result<string, ReadObjectError>> => {
  const cached = await access.cache.get(id);
  if (cached !== undefined) {
    const opened = await openObject(access.crypto, access.storeKey, access.accountName, id, cached);
    if (opened.ok) return opened;
    await access.cache.drop(id);
  }
  const downloaded = await access.asOwner((session) => access.gateway.getObject(session, id));
  if (!downloaded.ok) return err({ kind: 'gateway', error: downloaded.error });
  const opened = await openObject(access.crypto, access.storeKey, access.accountName, id, downloaded.value);
  if (!opened.ok) return err({ kind: 'undecryptable', reason: opened.error });
  await access.cache.put(id, downloaded.value);
  return opened;
};
