import type { ConversationEntry, ReactionView } from '../../application/client/messenger';
import { bodyOrFilesPreview } from '../../domain/messaging/file-description';

export type MessageEntry = Extract<ConversationEntry, { kind: 'message' }>;

/** What quoting a message shows of it: its text, or the names of its files when it has no text ("📎 photo.jpg"). */
export const quotableText = (message: MessageEntry): string => bodyOrFilesPreview(message.body, message.files);

/** Which of a message's actions make sense now; the menu offers only these. */
export interface MessageAbilities {
  readonly reply: boolean;
  readonly react: boolean;
  readonly edit: boolean;
  readonly deleteForEveryone: boolean;
}

const NONE: MessageAbilities = { reply: false, react: false, edit: false, deleteForEveryone: false };

/**
 * A deleted or unsupported message offers nothing; one still sending or failed has only its own
 * buttons (a failed one's Delete leaves no mark of it on either side), since the friend may never get it to reply to.
 */
export function messageAbilities(message: MessageEntry, canSend: boolean): MessageAbilities {
  if (!canSend || message.deleted || message.unsupported) return NONE;
  const settled = message.state === 'sent' || message.state === 'received';
  const own = message.direction === 'out' && message.state === 'sent';
  return { reply: settled, react: settled, edit: own, deleteForEveryone: own };
}

export interface ReactionCount {
  readonly emoji: string;
  readonly count: number;
  /** The user's own reaction is among them: clicking it takes it back. */
  readonly mine: boolean;
}

export const reactionSummary = (reactions: readonly ReactionView[]): ReactionCount[] =>
  reactions.filter((reaction) => reaction.by.length > 0).map((reaction) => ({ emoji: reaction.emoji, count: reaction.by.length, mine: reaction.by.includes('out') }));

const messagesOf = (entries: readonly ConversationEntry[]): MessageEntry[] => entries.filter((entry): entry is MessageEntry => entry.kind === 'message');

/** The newest of our messages the friend has read: "Read" shows under it alone. */
export function lastReadOwnId(entries: readonly ConversationEntry[]): string | null {
  return messagesOf(entries).findLast((message) => message.direction === 'out' && message.readByFriend && !message.deleted)?.id ?? null;
}

/** What Up arrow in an empty composer edits: our newest message that can still be edited. */
export function lastEditableOwn(entries: readonly ConversationEntry[], canSend: boolean): MessageEntry | null {
  return messagesOf(entries).findLast((message) => messageAbilities(message, canSend).edit) ?? null;
}
