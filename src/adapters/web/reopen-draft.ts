import type { ConversationEntry, Draft } from '../../application/client/messenger';
import { messageAbilities, type MessageEntry } from './conversation-view';

/** The draft as a chat can show it: its reply target and edit only while the chat shows their message. */
export interface ReopenedDraft {
  readonly draft: Draft;
  readonly replyingTo: MessageEntry | null;
  readonly editing: MessageEntry | null;
  /** A reply target or an edited message not shown but perhaps in an older page: kept in the draft for when it is loaded. */
  readonly pending: boolean;
}

const shownMessage = (entries: readonly ConversationEntry[], id: string | undefined): MessageEntry | null =>
  id === undefined ? null : (entries.findLast((entry): entry is MessageEntry => entry.kind === 'message' && entry.id === id) ?? null);

/**
 * A reply target or an edited message the chat no longer shows (deleted, expired, or not in the
 * history at all) is dropped quietly; an edit's text then goes in front of the new message's, so
 * nothing typed is lost. One not shown while `olderRemain` may be in an older page not loaded yet
 * (after a reload or a new sign-in): it stays as it is, `pending`. Whether the friend can be written
 * to now does not matter: the composer is disabled then.
 */
export function reopenDraft(draft: Draft, entries: readonly ConversationEntry[], olderRemain = false): ReopenedDraft {
  const replied = shownMessage(entries, draft.replyTo);
  const replyingTo = replied !== null && messageAbilities(replied, true).reply ? replied : null;
  const edited = shownMessage(entries, draft.edit?.messageId);
  const editing = edited !== null && messageAbilities(edited, true).edit ? edited : null;
  const replyWaits = olderRemain && draft.replyTo !== undefined && replied === null;
  const editWaits = olderRemain && draft.edit !== undefined && edited === null;
  const keptReply = replyingTo !== null || replyWaits ? draft.replyTo : undefined;
  const keptEdit = editing !== null || editWaits ? draft.edit : undefined;
  const lostEdit = keptEdit === undefined && draft.edit !== undefined ? draft.edit.text : '';
  return {
    draft: {
      text: lostEdit === '' || draft.text === '' ? `${lostEdit}${draft.text}` : `${lostEdit}\n${draft.text}`,
      ...(keptReply === undefined ? {} : { replyTo: keptReply }),
      ...(keptEdit === undefined ? {} : { edit: keptEdit }),
    },
    replyingTo,
    editing,
    pending: replyWaits || editWaits,
  };
}

/** How many older pages a chat loads looking for its draft's reply target or edited message: one that expired or was deleted is in none of them, and not worth loading the whole history for. */
export const DRAFT_TARGET_PAGES = 4;

/** The chat's history as scrolling back sees it. */
export interface ChatHistory {
  /** Whether older pages may still hold messages of the chat. */
  remains(): boolean;
  /** Loads one older page; answers whether more remain. */
  load(): Promise<boolean>;
  /** What the chat shows now. */
  entries(): readonly ConversationEntry[];
}

/**
 * Loads older pages, one at a time as scrolling back would, until the reply target and the edited
 * message of the draft (`current()`, read again after each page: the user may type meanwhile) show,
 * at most DRAFT_TARGET_PAGES of them. Not found within those pages, they are gone (expired,
 * deleted) or too far back to look for, so dropped; a page that failed to load leaves them waiting.
 * Null when `left()` (the chat closed meanwhile): nothing is decided then.
 */
export async function reopenDraftFromOlderPages(current: () => Draft, history: ChatHistory, left: () => boolean = () => false): Promise<ReopenedDraft | null> {
  let pages = 0;
  let stoppedEarly = false;
  while (!left() && reopenDraft(current(), history.entries(), true).pending && history.remains() && pages < DRAFT_TARGET_PAGES) {
    pages += 1;
    if (!(await history.load())) {
      stoppedEarly = true;
      break;
    }
  }
  if (left()) return null;
  // A load that answered "none left" while pages remain failed: the bound was not reached, whichever page it was.
  return reopenDraft(current(), history.entries(), history.remains() && (stoppedEarly || pages < DRAFT_TARGET_PAGES));
}
