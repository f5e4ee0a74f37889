import { formatAddress, parseAddress } from '../../../domain/messaging/address';
import { ok, Result } from '../../../domain/protocol/result';
import { LocalStore } from '../../ports/local-store';
import { SecureRandom } from '../../ports/client-crypto';
import { ClientError, clientError } from '../client-error';
import { randomUuid } from '../protocol/key-material';

export interface ResolvedAddress {
  readonly name: string;
  readonly authority: string;
  /** Canonical: lowercase, no default port. */
  readonly address: string;
}

export const resolveAddress = (text: string): Result<ResolvedAddress, ClientError> => {
  const parsed = parseAddress(text);
  if (!parsed.ok) return clientError('invalid_address', `Not an address: ${text.slice(0, 80)}`);
  return ok({ ...parsed.value, address: formatAddress(parsed.value) });
};

/** One id per device (browser profile, Node store), made on first use and kept. */
export const ensureDeviceId = async (store: LocalStore, random: SecureRandom): Promise<string> => {
  const known = await store.loadDeviceId();
  if (known !== null) return known;
  const created = randomUuid(random);
  await store.saveDeviceId(created);
  return created;
};
