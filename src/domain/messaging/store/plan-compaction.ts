import { isInDeletedChat } from '../deleted-chats';
import { mergeMessage } from '../merge';
import { keyOfMessage, MessageKey, messageKey, MessageRecord } from '../message';
import { chunksNamedByShown, ownChunksOf } from '../own-chunks';
import { hasOwn } from '../own-record';
import { kindOfRecord } from '../record-kind';
import { IndexPage } from './index-page';
import { knownPageRefs } from './known-pages';
import { MessagePage, messagePage, messagePageBytes } from './message-page';
import { pageRefOf } from './page-ref';
import { PAGE_MAX_BYTES } from './seal-tail';
import { StoreHead } from './store-head';


export interface OpenedPage {
  readonly id: string;
  readonly page: MessagePage;
}

export interface CompactionPlan {
  /** Released by the head write that commits `page` (§8.4: one commit). */
  readonly release: readonly string[];
  /** The live messages of the released pages; null when none is left (release only). */
  readonly page: MessagePage | null;
  /** Own-store chunks of the deleted chats' messages the released pages held: released by the same write, which drops their last copy. */
  readonly chunks: readonly string[];
}

const oldestFirst = (a: MessageRecord, b: MessageRecord): number =>
  a.sentAt - b.sentAt || (keyOfMessage(a) < keyOfMessage(b) ? -1 : keyOfMessage(a) > keyOfMessage(b) ? 1 : 0);

type NewestEdits = ReadonlyMap<MessageKey, { readonly body: string; readonly editSeq: number }>;

/**
 * The newest text of each edited message: from edit records waiting in the tail or sealed in an
 * opened page (a seal takes an edit whose target it never found), and from tail copies of a message
 * carrying a higher `editSeq`.
 */
const newestEdits = (head: StoreHead, live: readonly OpenedPage[]): NewestEdits => {
  const newest = new Map<MessageKey, { readonly body: string; readonly editSeq: number }>();
  const offer = (key: MessageKey, body: string, editSeq: number): void => {
    if (editSeq > (newest.get(key)?.editSeq ?? 0)) newest.set(key, { body, editSeq });
  };
  const sealedEdits = live.flatMap(({ page }) => page.messages.filter((message) => kindOfRecord(message).type === 'edit'));
  for (const record of [...sealedEdits, ...Object.values(head.tail)]) {
    const kind = kindOfRecord(record);
    if (kind.type === 'edit') offer(messageKey(record.direction, record.friend, kind.target), record.body, record.seq);
    else if (record.editSeq !== undefined) offer(keyOfMessage(record), record.body, record.editSeq);
  }
  return newest;
};

/** The text the head says a sealed message has now: a newer edit replaces the sealed body. The sealed copy itself when nothing replaces it. */
const currentText =
  (newest: NewestEdits) =>
  (message: MessageRecord): MessageRecord => {
    const edit = newest.get(keyOfMessage(message));
    if (edit === undefined || kindOfRecord(message).type !== 'message' || edit.editSeq <= (message.editSeq ?? 0)) return message;
    return { ...message, body: edit.body, editSeq: edit.editSeq };
  };

/**
 * Which of the opened live pages to rewrite: those holding a copy that must not stay (§11: a deleted
 * or expired message — its tombstone is in the head, or its whole chat's — or text an edit replaced, since the previous
 * text is not kept, in the message or in a sealed edit record), oldest first, as many as fit in one new page (§8.4: one new object per write;
 * the rest go in the next writes). The new page holds the live messages with their current text.
 * Only opened pages are judged, so deciding costs no download. A page folded into one of the
 * `openedIndexes` is as live as one the head references: its release tombstone makes readers skip
 * it in the (immutable) index. Null when no page holds such a copy.
 *
 * A message of a deleted chat leaves with its own-store chunks but those a shown message names
 * (`chunks`), as long as the write's release list has room (`releaseBudget` ids, the pages'
 * own included); one that does not fit is carried into the new page, still hidden, for the next
 * compaction. (A message deleted on its own released its chunks with its tombstone.)
 */
export const planCompaction = (
  head: StoreHead,
  opened: readonly OpenedPage[],
  maxPageBytes = PAGE_MAX_BYTES,
  openedIndexes: readonly IndexPage[] = [],
  releaseBudget = Number.POSITIVE_INFINITY,
): CompactionPlan | null => {
  const known = openedIndexes.length === 0 ? head.pages : knownPageRefs(head, openedIndexes);
  const live = opened.filter(({ id }) => hasOwn(known, id));
  const newest = newestEdits(head, live);
  const isGone = (key: MessageKey): boolean => hasOwn(head.deletedMessages, key);
  // A sealed edit of a deleted message, or one a newer edit replaced, holds text that must not stay either.
  const isDead = (message: MessageRecord): boolean => {
    if (isGone(keyOfMessage(message)) || isInDeletedChat(head.friends, message)) return true;
    const kind = kindOfRecord(message);
    if (kind.type !== 'edit') return false;
    const target = messageKey(message.direction, message.friend, kind.target);
    return isGone(target) || (newest.get(target)?.editSeq ?? 0) > message.seq;
  };
  const current = currentText(newest);
  const isStale = (message: MessageRecord): boolean => isDead(message) || current(message) !== message;
  const candidates = live
    .filter(({ page }) => page.messages.length === 0 || page.messages.some(isStale))
    .sort((a, b) => (a.page.messages[0]?.sentAt ?? 0) - (b.page.messages[0]?.sentAt ?? 0) || (a.id < b.id ? -1 : 1));
  if (candidates.length === 0 || releaseBudget < 1) return null;
  const named = chunksNamedByShown(head, [...Object.values(head.tail), ...live.flatMap(({ page }) => page.messages)]);
  const release: string[] = [];
  const chunks = new Set<string>();
  const kept = new Map<string, MessageRecord>();
  for (const { id, page } of candidates) {
    const next = new Map(kept);
    const nextChunks = new Set(chunks);
    const carry = (key: string, message: MessageRecord): void => {
      const earlier = next.get(key);
      next.set(key, earlier === undefined ? message : mergeMessage(earlier, message));
    };
    for (const message of page.messages) {
      const key = keyOfMessage(message);
      if (isDead(message)) {
        if (isGone(key) || !isInDeletedChat(head.friends, message)) continue;
        const ids = ownChunksOf(message).filter((chunk) => !named.has(chunk) && !nextChunks.has(chunk));
        if (release.length + 1 + nextChunks.size + ids.length > releaseBudget) carry(key, message);
        else for (const chunk of ids) nextChunks.add(chunk);
        continue;
      }
      carry(key, current(message));
    }
    const overBudget = release.length + 1 + nextChunks.size > releaseBudget;
    if (release.length > 0 && (overBudget || messagePageBytes(messagePage([...next.values()])) > maxPageBytes)) break;
    release.push(id);
    kept.clear();
    for (const [key, message] of next) kept.set(key, message);
    chunks.clear();
    for (const chunk of nextChunks) chunks.add(chunk);
  }
  return { release, page: kept.size === 0 ? null : messagePage([...kept.values()].sort(oldestFirst)), chunks: [...chunks] };
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
