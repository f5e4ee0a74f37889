import { SecureRandom } from '../../ports/client-crypto';
import { LocalStore } from '../../ports/local-store';
import { randomUuid } from '../protocol/key-material';

/** One id per device (browser profile, Node store), made on first use and kept. */
export const ensureDeviceId = async (store: LocalStore, random: SecureRandom): Promise<string> => {
  const known = await store.loadDeviceId();
  if (known !== null) return known;
  const created = randomUuid(random);
  await store.saveDeviceId(created);
  return created;
};
