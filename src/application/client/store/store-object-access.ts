import { Cipher, Hkdf, SecureRandom } from '../../ports/client-crypto';
import { GatewayResult, HomeServerGateway } from '../../ports/home-server-gateway';
import { ObjectCache } from '../../ports/object-cache';

/** What reading and writing the account's own store objects (PROTOCOL §8.3, §8.4) needs. */
export interface StoreObjectAccess {
  /** The account's own home server. */
  readonly gateway: HomeServerGateway;
  /** Runs an owner call with a session token, e.g. `(call) => asOwner(account, call)`, which renews an expired one. */
  readonly asOwner: <T>(call: (session: string) => GatewayResult<T>) => GatewayResult<T>;
  /** This device's copy of the account's objects, as ciphertext. */
  readonly cache: ObjectCache;
  readonly crypto: { readonly hkdf: Hkdf; readonly cipher: Cipher; readonly random: SecureRandom };
  /** The account name and the head's store key, which every object is sealed under. */
  readonly accountName: string;
  readonly storeKey: Uint8Array;
}
