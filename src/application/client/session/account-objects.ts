import { StoreHead } from '../../../domain/messaging/store/store-head';
import { ClientDependencies } from '../client-dependencies';
import { decodeStoreKey } from '../protocol/object-cipher';
import { StoreObjectAccess } from '../store/store-object-access';
import { asOwner } from './owner-call';
import { SignedInAccount } from './signed-in-account';

/** The store key of a head the codec accepted (it checks the key's form), as bytes. */
export const storeKeyOf = (head: StoreHead): Uint8Array => {
  const key = decodeStoreKey(head.storeKey);
  if (key === null) throw new Error('A parsed head always holds a 32-byte store key');
  return key;
};

/** Reading and writing the signed-in account's own objects, renewing the session as any owner call. */
export const accountObjects = (deps: Pick<ClientDependencies, 'crypto'>, account: SignedInAccount): StoreObjectAccess => ({
  gateway: account.gateway,
  asOwner: (call) => asOwner(account, call),
  cache: account.objectCache,
  crypto: deps.crypto,
  accountName: account.name,
  storeKey: storeKeyOf(account.head),
});
