import { keyOfMessage, MessageRecord } from '../message';
import { OwnRecord } from '../own-record';

/** What one page holds of one friend's conversation, so a reader scrolling back picks pages without opening them. */
export interface PageFriendRange {
  readonly messages: number;
  readonly firstSentAt: number;
  readonly lastSentAt: number;
}

/** A page as the head references it (§8.3 `pages`). Pages are immutable, so their references are too. */
export interface PageRef {
  /** The object id (§8.1). */
  readonly id: string;
  readonly messages: number;
  /** UTF-8 bytes of the page plaintext, before padding and encryption. */
  readonly bytes: number;
  /** By the friend's canonical address. */
  readonly friends: OwnRecord<PageFriendRange>;
}

const widen = (range: PageFriendRange | undefined, sentAt: number): PageFriendRange =>
  range === undefined
    ? { messages: 1, firstSentAt: sentAt, lastSentAt: sentAt }
    : { messages: range.messages + 1, firstSentAt: Math.min(range.firstSentAt, sentAt), lastSentAt: Math.max(range.lastSentAt, sentAt) };

export const pageRefOf = (id: string, messages: readonly MessageRecord[], bytes: number): PageRef => {
  const friends = new Map<string, PageFriendRange>();
  for (const message of messages) friends.set(message.friend, widen(friends.get(message.friend), message.sentAt));
  return { id, messages: new Set(messages.map(keyOfMessage)).size, bytes, friends: Object.fromEntries(friends) };
};

/** References holding messages of `friend` (pages, or indexes of pages), newest first: the order a reader scrolling back opens them in. */
export const pagesOfFriend = <Ref extends PageRef>(pages: OwnRecord<Ref>, friend: string): Ref[] =>
  Object.values(pages)
    .filter((page) => Object.prototype.hasOwnProperty.call(page.friends, friend))
    .sort((a, b) => (b.friends[friend]?.lastSentAt ?? 0) - (a.friends[friend]?.lastSentAt ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
