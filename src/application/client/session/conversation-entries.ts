import { BlobDocument } from '../../../domain/messaging/blob-document';
import { readReceiptsOn } from '../../../domain/messaging/chat-settings';
import { bodyOrFilesPreview, displayFileName, FileDescription } from '../../../domain/messaging/file-description';
import { conversationView } from '../../../domain/messaging/conversation-view';
import { canonicalizeAddress } from '../../../domain/messaging/address';
import { MessageRecord, messageKey } from '../../../domain/messaging/message';
import { hasOwn } from '../../../domain/messaging/own-record';
import { KindedRecord, ShownMessage, showConversation } from '../../../domain/messaging/message-effects';
import { expiresAtOf } from '../../../domain/messaging/message-lifecycle';
import { kindOfRecord, messageKindOf } from '../../../domain/messaging/record-kind';
import { ConversationEntry, FileView, MessageState, QuotedMessage, ReactionView } from '../messenger';

const STATE_OF_OUTGOING: Readonly<Record<'pending' | 'sent' | 'failed', MessageState>> = { pending: 'sending', sent: 'sent', failed: 'failed' };

/** How much of a quoted message a reply shows. */
const SNIPPET_LENGTH = 120;

type MessageEntry = Extract<ConversationEntry, { kind: 'message' }>;

const shownKey = (direction: 'in' | 'out', id: string): string => `${direction}:${id}`;

const reactionViews = (reactions: ShownMessage['reactions']): ReactionView[] => {
  const byEmoji = new Map<string, ('in' | 'out')[]>();
  for (const author of ['out', 'in'] as const) {
    const emoji = reactions[author];
    if (emoji !== undefined) byEmoji.set(emoji, [...(byEmoji.get(emoji) ?? []), author]);
  }
  return [...byEmoji].map(([emoji, by]) => ({ emoji, by }));
};

/** What a conversation knows of the messages its replies quote: keys are `shownKey`s. */
interface Quotable {
  readonly shown: ReadonlyMap<string, ShownMessage>;
  /** Targets of deletes for everyone that are shown. */
  readonly deleted: ReadonlySet<string>;
  /** Expired or tombstoned here. */
  readonly isGone: (direction: 'in' | 'out', id: string) => boolean;
}

/**
 * A reply quotes a message of either side; the other side's is the likelier when one id exists in both. One deleted
 * for everyone keeps its author, so the reply can say whose message went; one otherwise gone says so, so no one
 * looks for it in older pages.
 */
const quoteOf = ({ shown, deleted, isGone }: Quotable, reply: ShownMessage, id: string): QuotedMessage => {
  const other: 'in' | 'out' = reply.direction === 'in' ? 'out' : 'in';
  const directions = [other, reply.direction] as const;
  const quoted = shown.get(shownKey(other, id)) ?? shown.get(shownKey(reply.direction, id));
  if (quoted === undefined) {
    const author = directions.find((direction) => deleted.has(shownKey(direction, id))) ?? null;
    const gone = author === null && directions.some((direction) => isGone(direction, id));
    return { id, direction: author, snippet: null, gone };
  }
  if (quoted.deleted) return { id, direction: quoted.direction, snippet: null, gone: false };
  // Files and no text: their names say which message it was, as the contact list's preview does.
  return { id, direction: quoted.direction, snippet: bodyOrFilesPreview(quoted.body, quoted.files).slice(0, SNIPPET_LENGTH), gone: false };
};

const deliveryOf = (message: MessageRecord, status: 'received' | 'pending' | 'sent' | 'failed'): Pick<MessageEntry, 'state' | 'undeliverable'> => ({
  state: status === 'received' ? 'received' : STATE_OF_OUTGOING[status],
  undeliverable: status === 'failed' ? (message.undeliverable ?? null) : null,
});

/**
 * Oldest first; each direction in seq order, with "a message may be missing" markers. Edits,
 * reactions and receipts (§11) show on the message they name; a deleted message as a mark where its
 * delete came; disappearing-timer changes as notices. A disappearing message is gone at `now` past
 * its deadline, even before a write could remove it (offline, say).
 */
export const conversationEntries = (doc: BlobDocument, address: string, now: number): ConversationEntry[] => {
  const isExpired = (message: MessageRecord): boolean => {
    const expiresAt = expiresAtOf(message);
    return expiresAt !== null && expiresAt <= now;
  };
  const items: ReturnType<typeof conversationView> = [];
  const expired = new Set<string>();
  for (const item of conversationView(doc, address)) {
    if (item.kind === 'message' && isExpired(item.message)) expired.add(item.key);
    else items.push(item);
  }
  const friend = canonicalizeAddress(address);
  const isGone = (direction: 'in' | 'out', id: string): boolean => {
    if (!friend.ok) return false;
    const key = messageKey(direction, friend.value, id);
    return expired.has(key) || hasOwn(doc.deletedMessages, key);
  };
  const records = items.flatMap((item) => (item.kind === 'message' ? [item.message] : []));
  const kinded = records.map((message): KindedRecord => ({ id: message.id, direction: message.direction, seq: message.seq, sentAt: message.sentAt, kind: messageKindOf(message) }));
  const shown = new Map(showConversation(kinded).map((message) => [shownKey(message.direction, message.id), message] as const));
  const deletedTargets = new Set(
    records.flatMap((message) => {
      const kind = kindOfRecord(message);
      return kind.type === 'delete' ? [shownKey(message.direction, kind.target)] : [];
    }),
  );
  const receiptsShown = readReceiptsOn(doc);
  // Our own edit stays as a record of its own until the friend's server took it (settleMessages).
  const editsSending = new Set(
    items.flatMap((item) => {
      if (item.kind !== 'message' || item.message.direction !== 'out' || item.status === 'sent') return [];
      const kind = kindOfRecord(item.message);
      return kind.type === 'edit' ? [kind.target] : [];
    }),
  );
  return items.flatMap((item): ConversationEntry[] => {
    if (item.kind === 'gap') return [{ kind: 'gap', direction: 'in' }];
    const { message, status } = item;
    const kind = kindOfRecord(message);
    if (kind.type === 'timer') {
      return [{ kind: 'timer', id: message.id, direction: message.direction, sentAt: message.sentAt, seconds: kind.expiresIn, sending: message.direction === 'out' && status !== 'sent' }];
    }
    if (kind.type === 'delete') {
      if (message.targetSentAt === undefined || shown.has(shownKey(message.direction, kind.target))) return [];
      return [
        {
          kind: 'message',
          id: kind.target,
          direction: message.direction,
          body: '',
          sentAt: message.targetSentAt,
          ...deliveryOf(message, status),
          edited: false,
          editSending: false,
          deleted: true,
          replyTo: null,
          reactions: [],
          readByFriend: false,
          expiresIn: null,
          expiresAt: null,
          unsupported: false,
          files: [],
        },
      ];
    }
    const view = shown.get(shownKey(message.direction, message.id));
    if (view === undefined) return [];
    return [
      {
        kind: 'message',
        id: message.id,
        direction: message.direction,
        body: view.body,
        sentAt: message.sentAt,
        ...deliveryOf(message, status),
        edited: view.edited || message.editSeq !== undefined,
        editSending: message.direction === 'out' && editsSending.has(message.id),
        deleted: view.deleted,
        replyTo: view.replyTo === undefined ? null : quoteOf({ shown, deleted: deletedTargets, isGone }, view, view.replyTo),
        reactions: reactionViews(view.reactions),
        readByFriend: receiptsShown && view.readByFriend,
        expiresIn: view.expiresIn ?? null,
        expiresAt: expiresAtOf(message),
        unsupported: view.unsupported,
        files: view.files.map(fileViewOf),
      },
    ];
  });
};

const fileViewOf = (file: FileDescription): FileView => ({
  name: displayFileName(file.name),
  type: file.type,
  size: file.size,
  thumbnail: file.thumbnail ?? null,
});
