import { BlobDocument } from '../blob-document';
import { foldPages } from './fold-pages';
import { IndexPage } from './index-page';
import { MessagePage } from './message-page';
import { DEFAULT_SEAL_OPTIONS, sealTail } from './seal-tail';
import { tailBytes } from './tail-size';
import { STORE_FORMAT, StoreHead } from './store-head';

/**
 * Pages of an upgrade are larger than a sync's: the whole history must be committed by one head
 * write, whose `commit` list holds at most 1000 ids (§8.2). A v1 blob is at most 16 MiB by default.
 */
export const UPGRADE_PAGE_BYTES = 256 * 1024;
export const MAX_COMMIT_IDS = 1000;

export interface UpgradedStore {
  /** The format 2 head, with the v1 blob's version (the writer sets the next one, as for any write). */
  readonly head: StoreHead;
  /** Oldest first; each is uploaded (staged) under its id and committed by the head's write (§8.6). */
  readonly pages: readonly { readonly id: string; readonly page: MessagePage }[];
  /** Indexes holding the references of the oldest pages, uploaded and committed the same way. */
  readonly indexes: readonly { readonly id: string; readonly index: IndexPage }[];
}

/**
 * A v1 blob as a format 2 store (§8.6): the same collections, the recent messages in the tail and
 * the rest sealed into pages (the oldest pages' references folded into indexes, as syncs would).
 * Every message of the blob is in exactly one of them. The log starts empty: `headForWrite` then
 * logs the v1 blob as the parent. `nextPageId` is asked for one id more than the objects it names.
 */
export const upgradeV1 = (doc: BlobDocument, storeKey: string, nextPageId: () => string): UpgradedStore => {
  const { messages, format: _v1, ...collections } = doc;
  let head: StoreHead = { ...collections, format: STORE_FORMAT, storeKey, tail: messages, pages: {}, indexes: {}, releasedPages: {}, log: [] };
  const pages: { id: string; page: MessagePage }[] = [];
  const options = { ...DEFAULT_SEAL_OPTIONS, maxPageBytes: UPGRADE_PAGE_BYTES };
  while (tailBytes(head.tail) > options.thresholdBytes) {
    const id = nextPageId();
    const sealed = sealTail(head, id, options);
    if (sealed === null) break;
    head = sealed.head;
    pages.push({ id, page: sealed.page });
  }
  const indexes: { id: string; index: IndexPage }[] = [];
  for (let folded = foldPages(head, nextPageId()); folded !== null; folded = foldPages(head, nextPageId())) {
    head = folded.head;
    indexes.push({ id: folded.ref.id, index: folded.index });
  }
  if (pages.length + indexes.length > MAX_COMMIT_IDS) throw new Error('A v1 blob this large cannot be upgraded in one commit');
  return { head, pages, indexes };
};
