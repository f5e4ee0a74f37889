import { ObjectCache } from '../../ports/object-cache';

/** A cache that keeps nothing, for a client given none: every object is downloaded when read. */
export const noObjectCache: ObjectCache = {
  get: async () => undefined,
  put: async () => undefined,
  drop: async () => undefined,
  forget: async () => undefined,
};
