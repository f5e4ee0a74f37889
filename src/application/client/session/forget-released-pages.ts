import { hasOwn } from '../../../domain/messaging/own-record';
import { StoreHead } from '../../../domain/messaging/store/store-head';
import { ObjectCache } from '../../ports/object-cache';

/**
 * A page a compaction released held what must not stay (a deleted message, a deleted chat, text an
 * edit replaced): the device's cached copy goes too, whichever device released it. Best effort: a
 * cache that fails to delete one only keeps it until it is evicted.
 */
export const forgetReleasedPages = async (cache: ObjectCache, before: StoreHead, after: StoreHead): Promise<void> => {
  const released = Object.keys(after.releasedPages).filter((id) => !hasOwn(before.releasedPages, id));
  await Promise.all(released.map((id) => cache.drop(id))).catch(() => undefined);
};
