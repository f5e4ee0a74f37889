import { hasOwn } from '../own-record';
import { IndexPage, indexPage, IndexRef, indexRefOf } from './index-page';
import { PageRef } from './page-ref';
import { StoreHead } from './store-head';

/** Past this many page references in the head, the oldest FOLD_PAGES go into one index object. */
export const FOLD_AT_PAGES = 96;
export const FOLD_PAGES = 64;

export interface FoldOptions {
  readonly foldAt: number;
  readonly fold: number;
}

export const DEFAULT_FOLD_OPTIONS: FoldOptions = { foldAt: FOLD_AT_PAGES, fold: FOLD_PAGES };

export interface FoldedPages {
  /** The head referencing the index instead of the folded pages; its write commits the index. */
  readonly head: StoreHead;
  readonly index: IndexPage;
  readonly ref: IndexRef;
}

const newestSentAt = (ref: PageRef): number => Math.max(...Object.values(ref.friends).map((range) => range.lastSentAt));

const oldestFirst = (a: PageRef, b: PageRef): number => newestSentAt(a) - newestSentAt(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Moves the references of the oldest pages into one new index object, so the head stays small
 * however long the history (§8.4's cost rule). It writes an object, so a sync folds only when it
 * sealed nothing (one new object per sync). Null while the head holds few enough references.
 */
export const foldPages = (head: StoreHead, indexId: string, options: FoldOptions = DEFAULT_FOLD_OPTIONS): FoldedPages | null => {
  const refs = Object.values(head.pages);
  if (refs.length <= options.foldAt) return null;
  if (hasOwn(head.pages, indexId) || hasOwn(head.indexes, indexId) || hasOwn(head.releasedPages, indexId)) throw new Error('A new index needs a new id');
  const folded = [...refs].sort(oldestFirst).slice(0, options.fold);
  const index = indexPage(folded);
  const ref = indexRefOf(indexId, index);
  const foldedIds = new Set(folded.map((page) => page.id));
  return {
    head: {
      ...head,
      pages: Object.fromEntries(Object.entries(head.pages).filter(([id]) => !foldedIds.has(id))),
      indexes: { ...head.indexes, [indexId]: ref },
    },
    index,
    ref,
  };
};
