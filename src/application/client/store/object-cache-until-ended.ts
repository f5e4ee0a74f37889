import { ObjectCache } from '../../ports/object-cache';

/**
 * Keeps nothing more once the session has ended here: a write or read still under way when the user logged out must not
 * put back what "forget this browser" deleted (nor keep history for an account no longer signed in).
 */
export const objectCacheUntilEnded = (cache: ObjectCache, ended: () => boolean): ObjectCache => ({
  get: (id) => cache.get(id),
  put: (id, bytes) => (ended() ? Promise.resolve() : cache.put(id, bytes)),
  drop: (id) => cache.drop(id),
  forget: () => cache.forget(),
});
