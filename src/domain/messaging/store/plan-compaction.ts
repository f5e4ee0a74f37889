import { mergeMessage } from '../merge';
import { keyOfMessage, MessageRecord } from '../message';
import { hasOwn } from '../own-record';
import { MessagePage, messagePage, messagePageBytes } from './message-page';
import { pageRefOf } from './page-ref';
import { PAGE_MAX_BYTES } from './seal-tail';
import { StoreHead } from './store-head';

/**
 * A page is rewritten once this share of its messages is deleted. Copies of one message in two pages
 * (overlapping seals) do not count: they merge only when both pages are rewritten together.
 */
export const COMPACTION_DEAD_SHARE = 0.25;

export interface OpenedPage {
  readonly id: string;
  readonly page: MessagePage;
}

export interface CompactionPlan {
  /** Released by the head write that commits `page` (§8.4: one commit). */
  readonly release: readonly string[];
  /** The live messages of the released pages; null when none is left (release only). */
  readonly page: MessagePage | null;
}

const oldestFirst = (a: MessageRecord, b: MessageRecord): number =>
  a.sentAt - b.sentAt || (keyOfMessage(a) < keyOfMessage(b) ? -1 : keyOfMessage(a) > keyOfMessage(b) ? 1 : 0);

/**
 * Which of the opened live pages to rewrite: those whose dead share reaches COMPACTION_DEAD_SHARE,
 * oldest first, as many as fit in one new page. Only opened pages are judged (the reader has them
 * for scrolling back or search), so deciding costs no download. Null when nothing pays.
 */
export const planCompaction = (head: StoreHead, opened: readonly OpenedPage[], maxPageBytes = PAGE_MAX_BYTES): CompactionPlan | null => {
  const live = opened.filter(({ id }) => hasOwn(head.pages, id));
  const isDead = (message: MessageRecord): boolean => hasOwn(head.deletedMessages, keyOfMessage(message));
  const candidates = live
    .filter(({ page }) => page.messages.length === 0 || page.messages.filter(isDead).length / page.messages.length >= COMPACTION_DEAD_SHARE)
    .sort((a, b) => (a.page.messages[0]?.sentAt ?? 0) - (b.page.messages[0]?.sentAt ?? 0) || (a.id < b.id ? -1 : 1));
  const release: string[] = [];
  const kept = new Map<string, MessageRecord>();
  for (const { id, page } of candidates) {
    const next = new Map(kept);
    for (const message of page.messages) {
      const key = keyOfMessage(message);
      if (hasOwn(head.deletedMessages, key)) continue;
      const earlier = next.get(key);
      next.set(key, earlier === undefined ? message : mergeMessage(earlier, message));
    }
    if (release.length > 0 && messagePageBytes(messagePage([...next.values()])) > maxPageBytes) break;
    release.push(id);
    kept.clear();
    for (const [key, message] of next) kept.set(key, message);
  }
  if (release.length === 0) return null;
  return { release, page: kept.size === 0 ? null : messagePage([...kept.values()].sort(oldestFirst)) };
};

/** The head after the compaction's write: released pages tombstoned, the new page referenced. */
export const applyCompaction = (head: StoreHead, plan: CompactionPlan, newPageId: string, now: number): StoreHead => {
  const released = new Set(plan.release);
  const pages = Object.fromEntries(Object.entries(head.pages).filter(([id]) => !released.has(id)));
  return {
    ...head,
    pages: plan.page === null ? pages : { ...pages, [newPageId]: pageRefOf(newPageId, plan.page.messages, messagePageBytes(plan.page)) },
    releasedPages: { ...head.releasedPages, ...Object.fromEntries(plan.release.filter((id) => !hasOwn(head.releasedPages, id)).map((id) => [id, now])) },
  };
};
