import { useState } from 'preact/hooks';
import type { ConversationEntry, Draft } from '../../application/client/messenger';
import type { ComposerMode, ComposerTarget } from './components/message-composer';
import { messageAbilities, type MessageEntry } from './conversation-view';
import type { Drafts } from './drafts';

/** The draft as a chat can show it: its reply target and edit only while the chat shows their message. */
export interface ReopenedDraft {
  readonly draft: Draft;
  readonly replyingTo: MessageEntry | null;
  readonly editing: MessageEntry | null;
}

const shownMessage = (entries: readonly ConversationEntry[], id: string | undefined): MessageEntry | null =>
  id === undefined ? null : (entries.findLast((entry): entry is MessageEntry => entry.kind === 'message' && entry.id === id) ?? null);

/**
 * A reply target or an edited message the chat no longer shows (deleted, expired, in an older page
 * not loaded) is dropped quietly; an edit's text then goes in front of the new message's, so nothing
 * typed is lost. Whether the friend can be written to now does not matter: the composer is disabled then.
 */
export function reopenDraft(draft: Draft, entries: readonly ConversationEntry[]): ReopenedDraft {
  const replied = shownMessage(entries, draft.replyTo);
  const replyingTo = replied !== null && messageAbilities(replied, true).reply ? replied : null;
  const edited = shownMessage(entries, draft.edit?.messageId);
  const editing = edited !== null && messageAbilities(edited, true).edit ? edited : null;
  const lostEdit = editing === null && draft.edit !== undefined ? draft.edit.text : '';
  return {
    draft: {
      text: lostEdit === '' || draft.text === '' ? `${lostEdit}${draft.text}` : `${lostEdit}\n${draft.text}`,
      ...(replyingTo === null ? {} : { replyTo: replyingTo.id }),
      ...(editing === null || draft.edit === undefined ? {} : { edit: draft.edit }),
    },
    replyingTo,
    editing,
  };
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
}

/**
 * The composer's reply or edit, kept in the chat's draft with its text, so switching chats, a reload
 * or a new sign-in brings it back as it was.
 */
export function useComposerDraft(drafts: Drafts, address: string, entries: readonly ConversationEntry[]): ComposerDraft {
  const targetOf = (message: MessageEntry): ComposerTarget => ({ id: message.id, body: message.body, author: message.direction === 'out' ? 'yourself' : address });
  const replyMode = (message: MessageEntry | null): ComposerMode => (message === null ? null : { kind: 'reply', target: targetOf(message) });

  const [mode, setMode] = useState<ComposerMode>(() => {
    const reopened = reopenDraft(drafts.get(address), entries);
    // What was dropped stays dropped on the device too.
    drafts.set(address, reopened.draft);
    return reopened.editing !== null ? { kind: 'edit', target: targetOf(reopened.editing) } : replyMode(reopened.replyingTo);
  });

  return {
    mode,
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
