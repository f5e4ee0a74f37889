import { keyOfMessage, MessageRecord } from '../message';
import { kindOfRecord } from '../record-kind';
import { hasOwn } from '../own-record';
import { MessagePage, messagePage, messagePageBytes } from './message-page';
import { PageRef, pageRefOf } from './page-ref';
import { StoreHead } from './store-head';
import { tailBytes, tailEntryBytes } from './tail-size';

/** §8.4's "about 64 KiB of plaintext": past it the oldest messages go into a page. */
export const TAIL_THRESHOLD_BYTES = 64 * 1024;
/**
 * What a seal leaves in the tail. Pages of about threshold − keep (48 KiB) keep the page references,
 * which the head carries for the whole history, few; the tail left is still enough for the newest chats.
 */
export const TAIL_KEEP_BYTES = 16 * 1024;
/** A page of a regular sync stays far below `objectBytes` (4 MiB by default) after padding. */
export const PAGE_MAX_BYTES = 1024 * 1024;

export interface SealOptions {
  readonly thresholdBytes: number;
  readonly keepBytes: number;
  readonly maxPageBytes: number;
}

export const DEFAULT_SEAL_OPTIONS: SealOptions = { thresholdBytes: TAIL_THRESHOLD_BYTES, keepBytes: TAIL_KEEP_BYTES, maxPageBytes: PAGE_MAX_BYTES };

export interface SealedTail {
  /** The head without the sealed messages and with the new page's reference; its write commits the page. */
  readonly head: StoreHead;
  readonly page: MessagePage;
  readonly ref: PageRef;
}

/**
 * Messages that will not change any more. An outgoing message still to be delivered stays in the
 * tail, where the retry queue and the delivered mark find it; a disappearing message stays there
 * until it expires (§11), since a page would keep its text after its time and its countdown starts
 * only when it is first displayed.
 */
const isSettled = (message: MessageRecord): boolean => {
  const kind = kindOfRecord(message);
  if (kind.type === 'message' && kind.expiresIn !== undefined) return false;
  return message.direction === 'in' || message.deliveredAt !== null || message.undeliverable !== undefined;
};

const oldestFirst = (a: readonly [string, MessageRecord], b: readonly [string, MessageRecord]): number =>
  a[1].sentAt - b[1].sentAt || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/**
 * Seals the oldest settled messages of a tail past `thresholdBytes` into one page, until the tail is
 * back to `keepBytes` (well below the threshold, so the next messages do not each cost a page) or the page is full.
 * One page per call: a sync writes at most one (§8.4's cost rule). Null when there is nothing to seal.
 * Whole messages only: every message leaves the tail exactly when it is in the page.
 */
export const sealTail = (head: StoreHead, pageId: string, options: SealOptions = DEFAULT_SEAL_OPTIONS): SealedTail | null => {
  if (hasOwn(head.pages, pageId) || hasOwn(head.releasedPages, pageId)) throw new Error('A new page needs a new id');
  let remaining = tailBytes(head.tail);
  if (remaining <= options.thresholdBytes) return null;
  const sealed: MessageRecord[] = [];
  let pageBytes = messagePageBytes(messagePage([]));
  for (const [key, message] of Object.entries(head.tail).filter(([, message]) => isSettled(message)).sort(oldestFirst)) {
    if (remaining <= options.keepBytes) break;
    const entry = tailEntryBytes(key, message);
    if (sealed.length > 0 && pageBytes + entry > options.maxPageBytes) break;
    sealed.push(message);
    pageBytes += entry;
    remaining -= entry;
  }
  if (sealed.length === 0) return null;
  const page = messagePage(sealed);
  const ref = pageRefOf(pageId, sealed, messagePageBytes(page));
  const sealedKeys = new Set(sealed.map(keyOfMessage));
  return {
    head: {
      ...head,
      tail: Object.fromEntries(Object.entries(head.tail).filter(([key]) => !sealedKeys.has(key))),
      pages: { ...head.pages, [pageId]: ref },
    },
    page,
    ref,
  };
};
