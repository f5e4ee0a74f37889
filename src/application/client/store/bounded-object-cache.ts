import { ObjectCache } from '../../ports/object-cache';
import { MessengerError } from '../messenger';
import { DeviceStorageDeadline } from '../session/device-storage-deadline';

const cacheSilent = (): MessengerError => new MessengerError('device_storage', 'This device did not answer for the history it cached.');

/**
 * A cache only saves downloads (the server keeps every object), so one silent past the deadline has failed, which for a
 * cache means it forgets: not asked again by this sign-in, so a wedged storage costs a sign-in one deadline, not one per
 * page, nor holds up a send or a log-out. `forget` is passed on as is: the user asked for the history to go, and whoever
 * asks bounds it and says it stayed.
 */
export const boundedObjectCache = (cache: ObjectCache, within: DeviceStorageDeadline): ObjectCache => {
  let silent = false;
  const ask = async <T>(asking: () => Promise<T>, otherwise: T): Promise<T> => {
    if (silent) return otherwise;
    const timedOut = cacheSilent();
    try {
      return await within(asking, () => timedOut);
    } catch (error) {
      // What the store itself says goes on as before; only its silence is taken for it.
      if (error !== timedOut) throw error;
      silent = true;
      return otherwise;
    }
  };
  return {
    get: (id) => ask(() => cache.get(id), undefined),
    put: (id, bytes) => ask(() => cache.put(id, bytes), undefined),
    drop: (id) => ask(() => cache.drop(id), undefined),
    forget: () => cache.forget(),
  };
};
