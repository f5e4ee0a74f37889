import { isChatDeleted } from '../deleted-chats';
import { Friend } from '../friendship';
import { getOwn, OwnRecord } from '../own-record';
import { PageFriendRange, PageRef } from './page-ref';

/*
 * Page references say whose messages a page holds (by address) and when they were sent, not under
 * which link. Every message of a chat whose links are all deleted is gone; once the same person is
 * a friend again, the messages sent before the latest deletion (by our clock, and an honest
 * friend's) are the deleted chat's, those after it the new one's.
 */

const latestDeletion = (friend: Friend): number => Math.max(...Object.values(friend.chatDeletions ?? {}));

/** Whether a page with this range of the friend's messages may hold some of a deleted chat: worth opening for a compaction to drop them. */
const mayHoldDeletedChat = (friend: Friend, range: PageFriendRange): boolean =>
  friend.chatDeletions !== undefined && (isChatDeleted(friend) || range.firstSentAt <= latestDeletion(friend));

/** Whether every message of the friend in a page with this range is of a deleted chat: scrolling back shows nothing of it. */
export const holdsOnlyDeletedChat = (friend: Friend | undefined, range: PageFriendRange): boolean =>
  friend?.chatDeletions !== undefined && (isChatDeleted(friend) || range.lastSentAt <= latestDeletion(friend));

/** References (of pages, or of indexes of pages) that may hold messages of a deleted chat, by id. */
export const refsOfDeletedChats = <Ref extends PageRef>(refs: OwnRecord<Ref>, friends: OwnRecord<Friend>): Ref[] =>
  Object.values(refs)
    .filter((ref) =>
      Object.entries(ref.friends).some(([address, range]) => {
        const friend = getOwn(friends, address);
        return friend !== undefined && mayHoldDeletedChat(friend, range);
      }),
    )
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
