import { IndexPage, parseIndexPage } from '../../../domain/messaging/store/index-page';
import { knownPageRefs } from '../../../domain/messaging/store/known-pages';
import { MessagePage, parseMessagePage } from '../../../domain/messaging/store/message-page';
import { PageRef } from '../../../domain/messaging/store/page-ref';
import { storedMessages } from '../../../domain/messaging/store/read-conversation';
import { queryWords } from '../../../domain/messaging/word-match';
import { ok, Result } from '../../../domain/protocol/result';
import { ClientDependencies } from '../client-dependencies';
import { ClientError, clientError } from '../client-error';
import { SearchOptions, SearchResult } from '../messenger';
import { foundMessage } from '../search/found-message';
import { accountObjects } from '../session/account-objects';
import { conversationEntries } from '../session/conversation-entries';
import { SignedInAccount } from '../session/signed-in-account';
import { openHistoryObject } from '../store/open-history-object';

const CANCELLED = 'The search was stopped.';
const READ_FAILED = 'Searching your history failed';

/** What a search opened, by object id: decrypted, so kept in memory only, for the session's later searches. */
interface SearchedObjects {
  readonly indexes: Map<string, IndexPage>;
  readonly pages: Map<string, MessagePage>;
}

const newestSentAt = (ref: PageRef): number => Math.max(0, ...Object.values(ref.friends).map((range) => range.lastSentAt));

const newestFirst = (refs: readonly PageRef[]): PageRef[] => [...refs].sort((a, b) => newestSentAt(b) - newestSentAt(a));

const knownRefs = (account: SignedInAccount, objects: SearchedObjects): PageRef[] =>
  Object.values(knownPageRefs(account.head, [...account.indexes, ...objects.indexes.values()]));

/**
 * Search over the whole history (PROTOCOL §8.4): the head's tail and every page, opened through
 * the object cache, without changing what the chats show (that stays with scrolling back).
 */
export class SearchHistory {
  private readonly searched = new WeakMap<SignedInAccount, SearchedObjects>();

  constructor(private readonly deps: Pick<ClientDependencies, 'crypto' | 'clock'>) {}

  async execute(account: SignedInAccount, query: string, options: SearchOptions = {}): Promise<Result<SearchResult[], ClientError>> {
    const words = queryWords(query);
    if (words.length === 0) return ok([]);
    if (options.signal?.aborted) return clientError('search_cancelled', CANCELLED);
    const objects = this.objectsOf(account);
    const access = accountObjects(this.deps, account);
    const openedByChats = new Map(account.pages.map(({ id, page }) => [id, page]));
    const pages: MessagePage[] = [];
    const read = new Set<string>();
    let reported: SearchResult[] = [];
    let reportedPages = -1;
    let nextReport = 1;
    const report = (): SearchResult[] => {
      if (pages.length === reportedPages) return reported;
      const results = this.matches(account, pages, words);
      if (results.length > reported.length) options.onResults?.(results);
      reported = results;
      reportedPages = pages.length;
      return results;
    };
    // The tail is already decrypted with the head: its matches are the newest and cost no read.
    report();
    const headRefs = newestFirst(Object.values(account.head.pages));
    let pagesTotal = knownRefs(account, objects).length;
    options.onProgress?.({ pagesDone: 0, pagesTotal });
    const readPages = async (refs: readonly PageRef[]): Promise<Result<void, ClientError>> => {
      for (const ref of refs) {
        if (options.signal?.aborted) return clientError('search_cancelled', CANCELLED);
        if (read.has(ref.id)) continue;
        let page = openedByChats.get(ref.id) ?? objects.pages.get(ref.id);
        if (page === undefined) {
          const opened = await openHistoryObject(access, ref.id, parseMessagePage, READ_FAILED);
          if (!opened.ok) return opened;
          page = opened.value;
          objects.pages.set(ref.id, page);
        }
        pages.push(page);
        read.add(ref.id);
        options.onProgress?.({ pagesDone: read.size, pagesTotal });
        // Each report matches all pages read so far again: at 1, 2, 3, then 12, 48, … pages that stays about half the final matching.
        if (read.size >= nextReport) {
          report();
          nextReport = read.size < 3 ? read.size + 1 : read.size * 4;
        }
      }
      return ok(undefined);
    };
    const fromHead = await readPages(headRefs);
    if (!fromHead.ok) return fromHead;
    for (const id of Object.keys(account.head.indexes)) {
      if (options.signal?.aborted) return clientError('search_cancelled', CANCELLED);
      if (account.hasOpenedIndex(id) || objects.indexes.has(id)) continue;
      const opened = await openHistoryObject(access, id, parseIndexPage, READ_FAILED);
      if (!opened.ok) return opened;
      objects.indexes.set(id, opened.value);
    }
    const refs = knownRefs(account, objects);
    pagesTotal = refs.length;
    const fromIndexes = await readPages(newestFirst(refs));
    if (!fromIndexes.ok) return fromIndexes;
    return ok(report());
  }

  /** The matches among the tail and the pages read so far, newest first. */
  private matches(account: SignedInAccount, pages: readonly MessagePage[], words: readonly string[]): SearchResult[] {
    const messages = storedMessages(account.head, pages);
    const doc = { ...account.doc, messages };
    const friends = new Set(Object.values(messages).map((message) => message.friend));
    const now = this.deps.clock.now();
    const results: SearchResult[] = [];
    for (const friend of friends) {
      for (const entry of conversationEntries(doc, friend, now)) {
        const found = entry.kind === 'message' ? foundMessage(friend, entry, words) : null;
        if (found !== null) results.push(found);
      }
    }
    // Reversed first so that messages sent at the same moment come newest first too (the sort is stable).
    return results.reverse().sort((a, b) => b.sentAt - a.sentAt);
  }

  private objectsOf(account: SignedInAccount): SearchedObjects {
    const known = this.searched.get(account);
    if (known !== undefined) return known;
    const fresh: SearchedObjects = { indexes: new Map(), pages: new Map() };
    this.searched.set(account, fresh);
    return fresh;
  }
}
