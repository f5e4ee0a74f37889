import { useEffect, useState } from 'preact/hooks';
import type { ConversationEntry, Draft } from '../../application/client/messenger';
import type { ComposerMode, ComposerTarget } from './components/message-composer';
import { messageAbilities, type MessageEntry } from './conversation-view';
import type { Drafts } from './drafts';

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
const DRAFT_TARGET_PAGES = 4;

/** The chat's history as scrolling back sees it. */
export interface ChatHistory {
  /** Whether older pages may still hold messages of the chat. */
  remains(): boolean;
  /** Loads one older page; answers whether more remain. */
  load(): Promise<boolean>;
  /** What the chat shows now. */
  entries(): readonly ConversationEntry[];
}

export interface ComposerDraft {
  readonly mode: ComposerMode;
  /** The text to start from, for the new message and for the edit under way. */
  readonly draft: Draft;
  reply(message: MessageEntry): void;
  edit(message: MessageEntry): void;
  /** The reply was sent or cancelled, or the edit saved or cancelled: after an edit, the reply under it comes back. */
  end(): void;
  changeText(text: string): void;
  changeEdit(messageId: string, text: string): void;
  /** Counts the modes taken up again once older pages showed their message: the composer starts anew from the draft then. */
  readonly restored: number;
}

/**
 * The composer's reply or edit, kept in the chat's draft with its text, so switching chats, a reload
 * or a new sign-in brings it back as it was.
 */
export function useComposerDraft(drafts: Drafts, address: string, entries: readonly ConversationEntry[], history: ChatHistory): ComposerDraft {
  const targetOf = (message: MessageEntry): ComposerTarget => ({ id: message.id, body: message.body, author: message.direction === 'out' ? 'yourself' : address });
  const replyMode = (message: MessageEntry | null): ComposerMode => (message === null ? null : { kind: 'reply', target: targetOf(message) });
  const modeOf = (reopened: ReopenedDraft): ComposerMode => (reopened.editing !== null ? { kind: 'edit', target: targetOf(reopened.editing) } : replyMode(reopened.replyingTo));

  const [mode, setMode] = useState<ComposerMode>(() => {
    const reopened = reopenDraft(drafts.get(address), entries, history.remains());
    // What was dropped stays dropped on the device too.
    drafts.set(address, reopened.draft);
    return modeOf(reopened);
  });
  const [restored, setRestored] = useState(0);

  // A reply target or an edited message in an older page (a reload shows only the newest): loaded as scrolling back would, then taken up again.
  useEffect(() => {
    if (!reopenDraft(drafts.get(address), entries, true).pending) return undefined;
    let left = false;
    void (async () => {
      let pages = 0;
      while (!left && reopenDraft(drafts.get(address), history.entries(), true).pending && history.remains() && pages < DRAFT_TARGET_PAGES) {
        pages += 1;
        if (!(await history.load())) break;
      }
      if (left) return;
      // Not found within those pages: gone (expired, deleted) or too far back to look for, so dropped; a page that failed to load leaves it waiting.
      const reopened = reopenDraft(drafts.get(address), history.entries(), history.remains() && pages < DRAFT_TARGET_PAGES);
      drafts.set(address, reopened.draft);
      setMode(modeOf(reopened));
      setRestored((count) => count + 1);
    })();
    return () => {
      left = true;
    };
  }, []);

  return {
    mode,
    restored,
    draft: drafts.get(address),
    reply: (message) => {
      drafts.update(address, { replyTo: message.id, edit: undefined });
      setMode(replyMode(message));
    },
    edit: (message) => {
      drafts.update(address, { edit: { messageId: message.id, text: message.body } });
      setMode({ kind: 'edit', target: targetOf(message) });
    },
    end: () => {
      if (mode?.kind !== 'edit') {
        drafts.update(address, { replyTo: undefined });
        setMode(null);
        return;
      }
      const { draft, replyingTo } = reopenDraft({ ...drafts.get(address), edit: undefined }, entries);
      drafts.set(address, draft);
      setMode(replyMode(replyingTo));
    },
    changeText: (text) => drafts.update(address, { text }),
    changeEdit: (messageId, text) => drafts.update(address, { edit: { messageId, text } }),
  };
}
