import { useEffect, useRef, useState } from 'preact/hooks';
import type { ConversationEntry, Draft } from '../../application/client/messenger';
import type { ComposerMode, ComposerTarget } from './components/message-composer';
import { quotableText, type MessageEntry } from './conversation-view';
import type { Drafts } from './drafts';
import { reopenDraft, reopenDraftFromOlderPages, type ChatHistory, type ReopenedDraft } from './reopen-draft';

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
  const targetOf = (message: MessageEntry): ComposerTarget => ({
    id: message.id,
    body: message.body,
    quote: quotableText(message),
    author: message.direction === 'out' ? 'yourself' : address,
  });
  const replyMode = (message: MessageEntry | null): ComposerMode => (message === null ? null : { kind: 'reply', target: targetOf(message) });
  const modeOf = (reopened: ReopenedDraft): ComposerMode => (reopened.editing !== null ? { kind: 'edit', target: targetOf(reopened.editing) } : replyMode(reopened.replyingTo));

  const [mode, setMode] = useState<ComposerMode>(() => {
    const reopened = reopenDraft(drafts.get(address), entries, history.remains());
    // What was dropped stays dropped on the device too.
    drafts.set(address, reopened.draft);
    return modeOf(reopened);
  });
  const [restored, setRestored] = useState(0);

  const leftChat = useRef(false);
  useEffect(
    () => () => {
      leftChat.current = true;
    },
    [],
  );
  /** A reply target or an edited message in an older page (a reload shows only the newest): loaded as scrolling back would, then taken up again. */
  const reopenFromOlderPages = () =>
    void reopenDraftFromOlderPages(() => drafts.get(address), history, () => leftChat.current).then((reopened) => {
      if (reopened === null) return;
      drafts.set(address, reopened.draft);
      setMode(modeOf(reopened));
      setRestored((count) => count + 1);
    });

  useEffect(() => {
    if (reopenDraft(drafts.get(address), entries, true).pending) reopenFromOlderPages();
  }, []);

  // Drafts the device could read only later in the session: the open chat takes its one up as opening it would.
  useEffect(
    () =>
      drafts.onLateArrival((friends) => {
        if (!friends.has(address)) return;
        const reopened = reopenDraft(drafts.get(address), history.entries(), history.remains());
        drafts.set(address, reopened.draft);
        setMode(modeOf(reopened));
        setRestored((count) => count + 1);
        if (reopened.pending) reopenFromOlderPages();
      }),
    [],
  );

  // The message replied to or edited was deleted (by the friend, on another device) or expired while the chat is open: the
  // mode ends as reopening the chat would end it, an edit's text kept for a new message, instead of a strip for a message gone.
  const target = mode === null ? null : (entries.findLast((entry): entry is MessageEntry => entry.kind === 'message' && entry.id === mode.target.id) ?? null);
  const shownTarget = useRef<string | null>(null);
  useEffect(() => {
    if (mode === null) return;
    if (target !== null && !target.deleted) {
      shownTarget.current = target.id;
      return;
    }
    if (target === null && shownTarget.current !== mode.target.id) return;
    shownTarget.current = null;
    const reopened = reopenDraft(drafts.get(address), entries);
    drafts.set(address, reopened.draft);
    setMode(modeOf(reopened));
    setRestored((count) => count + 1);
  });

  // The strip and an untouched edit follow the message as it is now: its author may have edited it since (on another device).
  const shownMode: ComposerMode = mode === null || target === null || target.deleted ? mode : { kind: mode.kind, target: targetOf(target) };

  return {
    mode: shownMode,
    restored,
    draft: drafts.get(address),
    reply: (message) => {
      drafts.update(address, { replyTo: message.id, edit: undefined });
      setMode(replyMode(message));
    },
    edit: (message) => {
      // Nothing typed yet: kept so, the edit starts again from the message as it is then, which another device may edit meanwhile.
      drafts.update(address, { edit: { messageId: message.id, text: '' } });
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
