import { BlobDocument } from './blob-document';
import { isInDeletedChat } from './deleted-chats';
import { MessageRecord } from './message';
import { hasOwn } from './own-record';
import { chunksNamedByShown, ownChunksOf } from './own-chunks';

/** A head write's tail with the chunks it releases (§8.2 `release`). */
export interface TailWithReleases {
  readonly doc: BlobDocument;
  readonly release: readonly string[];
}

/**
 * The messages of deleted chats that `before`'s tail held and `after`'s no longer does leave with
 * their own-store chunks, released by the write of `after`: that write drops their last copy in the
 * tail, so a crash cannot part a message from its chunks. As many as `budget` ids allow (§8.2: 1000
 * a list); the others stay in the tail, hidden like every message of a deleted chat, for the next
 * write. A chunk that a shown message of `after` or of `opened` (the live opened pages) names stays.
 * A message individually deleted before had its chunks released then.
 */
export const releaseDeletedChatsOfTail = (
  before: BlobDocument,
  after: BlobDocument,
  opened: () => readonly MessageRecord[],
  budget: number,
): TailWithReleases => {
  const dropped = Object.entries(before.messages).filter(([key, message]) => !hasOwn(after.messages, key) && isInDeletedChat(after.friends, message));
  if (dropped.length === 0) return { doc: after, release: [] };
  const named = chunksNamedByShown(after, [...Object.values(after.messages), ...opened()]);
  const release = new Set<string>();
  const deferred: [string, MessageRecord][] = [];
  for (const [key, message] of dropped) {
    const ids = hasOwn(before.deletedMessages, key) ? [] : ownChunksOf(message).filter((id) => !named.has(id) && !release.has(id));
    if (release.size + ids.length > budget) deferred.push([key, message]);
    else for (const id of ids) release.add(id);
  }
  const doc = deferred.length === 0 ? after : { ...after, messages: { ...after.messages, ...Object.fromEntries(deferred) } };
  return { doc, release: [...release] };
};

/** A message of a deleted chat is still in the tail (merged in, or left for a write with room): a write is due to drop it. */
export const tailHoldsDeletedChats = (doc: BlobDocument): boolean => Object.values(doc.messages).some((message) => isInDeletedChat(doc.friends, message));
