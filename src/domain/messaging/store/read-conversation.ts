import { ConversationItem, conversationView } from '../conversation-view';
import { isInDeletedChat } from '../deleted-chats';
import { mergeMessage } from '../merge';
import { keyOfMessage, messageKey, MessageRecord } from '../message';
import { hasOwn, OwnRecord } from '../own-record';
import { kindOfRecord } from '../record-kind';
import { MessagePage } from './message-page';
import { pagedTargetOf } from './paged-targets';
import { StoreHead, tailDocument } from './store-head';

/**
 * Every message the head and the opened pages hold, one per key: copies of a key (two devices
 * sealed overlapping tails, or a tail record replacing a sealed one) merge as v1 merges them, and
 * tombstones hide the message wherever it is, and so does the deletion of its whole chat. A delete whose target is in hand only now (its page
 * was opened) gets the target's time, so its "deleted" mark shows before any head write records it; not one that looks in no page
 * (`pagedTargetOf`: our own take-back of a failed message, which shows nowhere).
 */
export const storedMessages = (head: StoreHead, pages: readonly MessagePage[]): OwnRecord<MessageRecord> => {
  const all = new Map<string, MessageRecord>();
  const deletedSentAt = new Map<string, number>();
  for (const message of [...pages.flatMap((page) => page.messages), ...Object.values(head.tail)]) {
    if (isInDeletedChat(head.friends, message)) continue;
    const key = keyOfMessage(message);
    if (hasOwn(head.deletedMessages, key)) {
      deletedSentAt.set(key, Math.min(message.sentAt, deletedSentAt.get(key) ?? message.sentAt));
      continue;
    }
    const earlier = all.get(key);
    all.set(key, earlier === undefined ? message : mergeMessage(earlier, message));
  }
  for (const [key, message] of all) {
    const target = kindOfRecord(message).type === 'delete' ? pagedTargetOf(message) : null;
    if (target === null) continue;
    const targetSentAt = deletedSentAt.get(messageKey(message.direction, message.friend, target));
    if (targetSentAt !== undefined) all.set(key, { ...message, targetSentAt });
  }
  return Object.fromEntries(all);
};

/** A conversation as v1 shows it, from the tail and whichever pages the reader opened so far. */
export const readConversation = (head: StoreHead, pages: readonly MessagePage[], address: string): ConversationItem[] =>
  conversationView({ ...tailDocument(head), messages: storedMessages(head, pages) }, address);
