import { MAX_OBJECT_IDS } from '../protocol/wire/store-objects';
import { BlobDocument } from './blob-document';
import { isInDeletedChat } from './deleted-chats';
import { keyOfMessage, MessageRecord } from './message';
import { hasOwn } from './own-record';
import { kindOfRecord } from './record-kind';

/** Chunks one head write claims (§8.2: 1000 ids a list), leaving room for a few page and index commits. */
export const MAX_CLAIMS_PER_WRITE = MAX_OBJECT_IDS - 8;

/**
 * The chunk ids of a message's files that may be objects of our own store (§9.2): ours name our
 * own copy; a friend's were claimed by the write that recorded the message, which claimed at most
 * its first MAX_CLAIMS_PER_WRITE, so no more of them need releasing.
 */
export const ownChunksOf = (message: MessageRecord): readonly string[] => {
  const kind = kindOfRecord(message);
  const named = kind.type === 'message' ? (kind.files ?? []).flatMap((file) => file.chunks) : [];
  return message.direction === 'in' ? named.slice(0, MAX_CLAIMS_PER_WRITE) : named;
};

/** Neither tombstoned nor in a deleted chat: a message some reader still shows. */
export const isShownIn = (doc: Pick<BlobDocument, 'friends' | 'deletedMessages'>, message: MessageRecord): boolean =>
  !isInDeletedChat(doc.friends, message) && !hasOwn(doc.deletedMessages, keyOfMessage(message));

/**
 * Chunk ids the shown ones of `messages` name. Our own ids are random and never leave this store,
 * but a friend picks the ids of the chunks it sends and may name them again in another message
 * (or tell another friend): such a chunk stays while a message that is shown names it.
 */
export const chunksNamedByShown = (doc: Pick<BlobDocument, 'friends' | 'deletedMessages'>, messages: Iterable<MessageRecord>): Set<string> => {
  const named = new Set<string>();
  for (const message of messages) if (isShownIn(doc, message)) for (const id of ownChunksOf(message)) named.add(id);
  return named;
};
