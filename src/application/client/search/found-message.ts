import { filesPreview } from '../../../domain/messaging/file-description';
import { matchWords, snippetAround } from '../../../domain/messaging/word-match';
import { ConversationEntry, SearchResult } from '../messenger';

type MessageEntry = Extract<ConversationEntry, { kind: 'message' }>;

/** A message's text and the names of its files: a file is looked for by its name. */
const searchableText = (entry: MessageEntry): string =>
  entry.files.length === 0 ? entry.body : [entry.body, filesPreview(entry.files.map((file) => file.name))].filter((part) => part !== '').join(' ');

/**
 * The message as a search for `words` (see queryWords) finds it: its snippet around the first
 * match; null when deleted or when it does not match. The web app asks again as the message changes.
 */
export const foundMessage = (friend: string, entry: MessageEntry, words: readonly string[]): SearchResult | null => {
  if (entry.deleted) return null;
  const text = searchableText(entry);
  const span = matchWords(text, words);
  if (span === null) return null;
  const snippet = snippetAround(text, span);
  return { friend, messageId: entry.id, direction: entry.direction, sentAt: entry.sentAt, snippet: snippet.text, match: snippet.match, expiresAt: entry.expiresAt };
};
