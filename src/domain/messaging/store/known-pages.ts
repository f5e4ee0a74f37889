import { hasOwn, OwnRecord } from '../own-record';
import { IndexPage } from './index-page';
import { PageRef } from './page-ref';
import { StoreHead } from './store-head';

/**
 * Every live page reference a reader knows of: the head's, and those of the indexes it opened.
 * Indexes are immutable, so a page a compaction released since is skipped by its tombstone.
 */
export const knownPageRefs = (head: StoreHead, openedIndexes: readonly IndexPage[]): OwnRecord<PageRef> => {
  const refs = new Map<string, PageRef>(Object.entries(head.pages));
  for (const index of openedIndexes) {
    for (const ref of index.pages) if (!refs.has(ref.id) && !hasOwn(head.releasedPages, ref.id)) refs.set(ref.id, ref);
  }
  return Object.fromEntries(refs);
};
