import { useLayoutEffect, useRef, useState, type MutableRef } from 'preact/hooks';
import type { ConversationEntry, MessengerSession } from '../../application/client/messenger';
import { explainError, type ExplainedError } from './error-messages';

/**
 * Whether older messages may still be stored (PROTOCOL §8.4: a new login shows only the recent
 * ones): `none` where the whole conversation is shown already and nothing was loaded, `beginning`
 * once scrolling back reached its start.
 */
export type OlderMessages =
  | { readonly kind: 'none' }
  | { readonly kind: 'more' }
  | { readonly kind: 'loading' }
  | { readonly kind: 'beginning' }
  /** `more`: older pages may still be loaded (a page the server damaged is passed over the next time). */
  | { readonly kind: 'failed'; readonly error: ExplainedError; readonly more: boolean };

/** What this chat screen did itself; whether more remain is the library's answer at each render. */
type Loading = { readonly kind: 'idle'; readonly loadedAny: boolean } | { readonly kind: 'loading' } | { readonly kind: 'failed'; readonly error: ExplainedError };

const entryKey = (entry: ConversationEntry | undefined): string => (entry === undefined || entry.kind === 'gap' ? '' : `${entry.direction}:${entry.id}`);

export interface OlderMessagesControl {
  readonly state: OlderMessages;
  /** Loads one older page; answers whether more remain. */
  load(): Promise<boolean>;
}

/**
 * Scrolling back in a chat: loads older pages one at a time and keeps the messages on screen
 * where they were (older ones arrive above them, so the distance to the log's bottom is kept).
 * Never loads by itself: a load waits in the client's operation queue, behind sends and syncs.
 */
export function useOlderMessages(
  session: MessengerSession,
  address: string,
  entries: readonly ConversationEntry[],
  logRef: MutableRef<HTMLElement | null>,
): OlderMessagesControl {
  const [loadingState, setLoadingState] = useState<Loading>({ kind: 'idle', loadedAny: false });
  const loading = useRef<Promise<boolean> | null>(null);
  const fromBottom = useRef<number | null>(null);
  const firstKey = entryKey(entries[0]);

  useLayoutEffect(() => {
    const log = logRef.current;
    if (log === null || fromBottom.current === null) return;
    log.scrollTop = log.scrollHeight - fromBottom.current;
    fromBottom.current = null;
  }, [firstKey, logRef]);

  const load = (): Promise<boolean> => {
    if (loading.current !== null) return loading.current;
    if (!session.hasOlder(address)) return Promise.resolve(false);
    const log = logRef.current;
    fromBottom.current = log === null ? null : log.scrollHeight - log.scrollTop;
    setLoadingState({ kind: 'loading' });
    const loaded = session.loadOlder(address).then(
      (more) => {
        setLoadingState({ kind: 'idle', loadedAny: true });
        return more;
      },
      (error: unknown) => {
        setLoadingState({ kind: 'failed', error: explainError(error, 'history') });
        return false;
      },
    );
    loading.current = loaded.finally(() => {
      loading.current = null;
    });
    return loading.current;
  };

  return { state: olderMessagesState(loadingState, session.hasOlder(address)), load };
}

const olderMessagesState = (loading: Loading, more: boolean): OlderMessages => {
  if (loading.kind === 'loading') return loading;
  if (loading.kind === 'failed') return { ...loading, more };
  if (more) return { kind: 'more' };
  return { kind: loading.loadedAny ? 'beginning' : 'none' };
};
