import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { type ConversationEntry, MessengerError, type MessengerSession, type SearchResult } from '../../../application/client/messenger';
import { foundMessage } from '../../../application/client/search/found-message';
import { queryWords } from '../../../domain/messaging/word-match';
import { explainError, type ExplainedError } from '../error-messages';
import { useOverview } from '../hooks';
import { formatMoment, isoMoment } from '../time-format';

interface Props {
  readonly session: MessengerSession;
  readonly onOpen: (friend: string, messageId: string) => void;
}

type SearchState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'searching'; readonly query: string; readonly pagesDone: number; readonly pagesTotal: number; readonly results: readonly SearchResult[] }
  | { readonly kind: 'found'; readonly query: string; readonly results: readonly SearchResult[] }
  | { readonly kind: 'failed'; readonly error: ExplainedError };

/** The snippet with its matched word marked. */
function Snippet({ result }: { readonly result: SearchResult }) {
  const { snippet, match } = result;
  return (
    <span class="search-result__snippet" dir="auto">
      {snippet.slice(0, match.start)}
      <mark>{snippet.slice(match.start, match.start + match.length)}</mark>
      {snippet.slice(match.start + match.length)}
    </span>
  );
}

function ResultList({ results, onOpen }: { readonly results: readonly SearchResult[]; readonly onOpen: Props['onOpen'] }) {
  return (
    <ul class="search__results" aria-label="Search results">
      {results.map((result) => (
        <li key={`${result.friend}:${result.direction}:${result.messageId}`}>
          <button type="button" class="search-result" onClick={() => onOpen(result.friend, result.messageId)}>
            <span class="search-result__who">{result.direction === 'out' ? `You to ${result.friend}` : result.friend}</span>{' '}
            <time class="search-result__time" dateTime={isoMoment(result.sentAt)}>
              {formatMoment(result.sentAt)}
            </time>
            <Snippet result={result} />
          </button>
        </li>
      ))}
    </ul>
  );
}

/**
 * Each message found as it is now, on any device: its text as edited since, null once it no longer
 * matches or was deleted (its text leaves the results as it left the chat), and with the countdown
 * the chat has for it, which may have started only after it was found (§11 counts a friend's
 * message from its first display). One not in the chat (an older page) stays as found, but one the
 * chat showed and no longer does goes (a failed message of ours deleted leaves no mark there), as
 * does one whose contact is gone from the list (the chat deleted, here or on another device).
 */
function useFoundAsNow(session: MessengerSession, query: string): (result: SearchResult) => SearchResult | null {
  const overview = useOverview(session);
  // A message whose time is up leaves the conversation: its countdown is remembered from before.
  const countdowns = useRef(new Map<string, number>());
  const seenInChat = useRef(new Set<string>());
  return useMemo(() => {
    const words = queryWords(query);
    const contacts = new Set(overview.friends.map((friend) => friend.address));
    const entriesByFriend = new Map<string, ReadonlyMap<string, Extract<ConversationEntry, { kind: 'message' }>>>();
    const entriesOf = (friend: string) => {
      let entries = entriesByFriend.get(friend);
      if (entries === undefined) {
        entries = new Map(session.conversation(friend).flatMap((entry) => (entry.kind === 'message' ? [[`${entry.direction}:${entry.id}`, entry] as const] : [])));
        entriesByFriend.set(friend, entries);
      }
      return entries;
    };
    return (result) => {
      if (!contacts.has(result.friend)) return null;
      const inChat = `${result.direction}:${result.messageId}`;
      const key = `${result.friend}:${inChat}`;
      const entry = entriesOf(result.friend).get(inChat);
      if (entry === undefined && seenInChat.current.has(key)) return null;
      if (entry !== undefined) seenInChat.current.add(key);
      const now = entry === undefined ? result : foundMessage(result.friend, entry, words);
      if (now === null) return null;
      if (now.expiresAt !== null) countdowns.current.set(key, now.expiresAt);
      const expiresAt = countdowns.current.get(key) ?? null;
      return expiresAt === now.expiresAt ? now : { ...now, expiresAt };
    };
  }, [session, overview, query]);
}

/** The time now, moved on when the first of these results' disappearing messages goes, so its result goes too. */
function useNowUntilNextExpiry(results: readonly SearchResult[]): number {
  const [now, setNow] = useState(() => Date.now());
  const next = Math.min(...results.flatMap((result) => (result.expiresAt !== null && result.expiresAt > now ? [result.expiresAt] : [])));
  useEffect(() => {
    if (!Number.isFinite(next)) return undefined;
    const timer = setTimeout(() => setNow(Date.now()), Math.max(0, next - Date.now()));
    return () => clearTimeout(timer);
  }, [next]);
  return now;
}

/**
 * Search through the whole history, in this browser: the client core decrypts the stored pages
 * (from this browser's cache when it has them) and matches words; nothing of it reaches a server.
 */
export function HistorySearch({ session, onOpen }: Props) {
  const [query, setQuery] = useState('');
  const [state, setState] = useState<SearchState>({ kind: 'idle' });
  const running = useRef<AbortController | null>(null);
  const shown = state.kind === 'searching' || state.kind === 'found' ? state : null;
  const foundAsNow = useFoundAsNow(session, shown?.query ?? '');
  const found = (shown?.results ?? []).flatMap((result) => foundAsNow(result) ?? []);
  const now = useNowUntilNextExpiry(found);
  const visible = found.filter((result) => result.expiresAt === null || result.expiresAt > now);

  const stop = () => {
    running.current?.abort();
    running.current = null;
    setState({ kind: 'idle' });
  };

  const search = async (wanted: string) => {
    running.current?.abort();
    if (wanted.trim() === '') return stop();
    const controller = new AbortController();
    running.current = controller;
    setState({ kind: 'searching', query: wanted, pagesDone: 0, pagesTotal: 0, results: [] });
    const stillSearching = (update: (state: Extract<SearchState, { kind: 'searching' }>) => SearchState) => {
      if (running.current === controller) setState((state) => (state.kind === 'searching' ? update(state) : state));
    };
    try {
      const results = await session.search(wanted, {
        signal: controller.signal,
        onProgress: ({ pagesDone, pagesTotal }) => stillSearching((state) => ({ ...state, pagesDone, pagesTotal })),
        // The newest results show while older pages are still being read.
        onResults: (soFar) => stillSearching((state) => ({ ...state, results: soFar })),
      });
      if (running.current === controller) setState({ kind: 'found', query: wanted, results });
    } catch (error) {
      if (error instanceof MessengerError && error.code === 'search_cancelled') return;
      if (running.current === controller) setState({ kind: 'failed', error: explainError(error, 'history') });
    } finally {
      if (running.current === controller) running.current = null;
    }
  };

  return (
    <section class="contacts__section search" aria-labelledby="search-heading">
      <h2 id="search-heading" class="visually-hidden">
        Search messages
      </h2>
      <form
        role="search"
        class="search__form"
        onSubmit={(event) => {
          event.preventDefault();
          void search(query);
        }}
      >
        <label for="history-search" class="visually-hidden">
          Search all messages
        </label>
        <input
          id="history-search"
          class="field__input search__input"
          type="search"
          placeholder="Search messages"
          value={query}
          onInput={(event) => {
            setQuery(event.currentTarget.value);
            if (event.currentTarget.value === '') stop();
          }}
        />
        <button type="submit" class="button">
          Search
        </button>
      </form>
      {state.kind === 'searching' && (
        <p class="search__status" role="status">
          <span class="spinner" aria-hidden="true" /> Searching…{state.pagesTotal > 0 && ` ${state.pagesDone} of ${state.pagesTotal} pages`}{' '}
          <button type="button" class="button button--quiet" onClick={stop}>
            Stop
          </button>
        </p>
      )}
      {state.kind === 'searching' && visible.length > 0 && <ResultList results={visible} onOpen={onOpen} />}
      {state.kind === 'failed' && (
        <p class="search__status" role="alert">
          {state.error.message}
        </p>
      )}
      {state.kind === 'found' && (
        <>
          <p class="search__status" role="status">
            {visible.length === 0 ? `No messages with “${state.query}”.` : `${visible.length} ${visible.length === 1 ? 'message' : 'messages'} with “${state.query}”`}
          </p>
          <ResultList results={visible} onOpen={onOpen} />
        </>
      )}
    </section>
  );
}
