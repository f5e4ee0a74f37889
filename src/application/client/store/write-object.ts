import { ok } from '../../../domain/protocol/result';
import { GatewayResult } from '../../ports/home-server-gateway';
import { sealObject } from '../protocol/object-cipher';
import { StoreObjectAccess } from './store-object-access';

/**
 * Seals `plaintext` as the account's object `id` (a fresh `newObjectId`) and uploads it, staged
 * until a head write commits it (PROTOCOL §8.2). The ciphertext goes into the device's cache too,
 * so the device that wrote a page never downloads it. Answers the ciphertext's size.
 */
export const writeObject = async (access: StoreObjectAccess, id: string, plaintext: string): GatewayResult<{ readonly bytes: number }> => {
  const sealed = await sealObject(access.crypto, access.storeKey, access.accountName, id, plaintext);
  const stored = await access.asOwner((session) => access.gateway.putObject(session, id, sealed));
  if (!stored.ok) return stored;
  await access.cache.put(id, sealed);
  return ok({ bytes: sealed.byteLength });
};
