import { ConversationItem, conversationView } from '../conversation-view';
import { mergeMessage } from '../merge';
import { keyOfMessage, MessageRecord } from '../message';
import { hasOwn, OwnRecord } from '../own-record';
import { MessagePage } from './message-page';
import { StoreHead, tailDocument } from './store-head';

/**
 * Every message the head and the opened pages hold, one per key: copies of a key (two devices
 * sealed overlapping tails, or a tail record replacing a sealed one) merge as v1 merges them, and
 * tombstones hide the message wherever it is.
 */
export const storedMessages = (head: StoreHead, pages: readonly MessagePage[]): OwnRecord<MessageRecord> => {
  const all = new Map<string, MessageRecord>();
  for (const message of [...pages.flatMap((page) => page.messages), ...Object.values(head.tail)]) {
    const key = keyOfMessage(message);
    if (hasOwn(head.deletedMessages, key)) continue;
    const earlier = all.get(key);
    all.set(key, earlier === undefined ? message : mergeMessage(earlier, message));
  }
  return Object.fromEntries(all);
};

/** A conversation as v1 shows it, from the tail and whichever pages the reader opened so far. */
export const readConversation = (head: StoreHead, pages: readonly MessagePage[], address: string): ConversationItem[] =>
  conversationView({ ...tailDocument(head), messages: storedMessages(head, pages) }, address);
