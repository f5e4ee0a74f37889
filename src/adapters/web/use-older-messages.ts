import { useLayoutEffect, useRef, useState, type MutableRef } from 'preact/hooks';
import type { ConversationEntry, MessengerSession } from '../../application/client/messenger';
import { explainError, type ExplainedError } from './error-messages';

/** Whether older messages may still be stored (PROTOCOL §8.4: a new login shows only the recent ones). */
export type OlderMessages =
  | { readonly kind: 'more' }
  | { readonly kind: 'loading' }
  | { readonly kind: 'beginning' }
  | { readonly kind: 'failed'; readonly error: ExplainedError };

const entryKey = (entry: ConversationEntry | undefined): string => (entry === undefined || entry.kind === 'gap' ? '' : `${entry.direction}:${entry.id}`);

export interface OlderMessagesControl {
  readonly state: OlderMessages;
  /** Loads one older page; answers whether more remain. */
  load(): Promise<boolean>;
}

/**
 * Scrolling back in a chat: loads older pages one at a time and keeps the messages on screen
 * where they were (older ones arrive above them, so the distance to the log's bottom is kept).
 */
export function useOlderMessages(
  session: MessengerSession,
  address: string,
  entries: readonly ConversationEntry[],
  logRef: MutableRef<HTMLOListElement | null>,
): OlderMessagesControl {
  const [state, setState] = useState<OlderMessages>({ kind: 'more' });
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
    const log = logRef.current;
    fromBottom.current = log === null ? null : log.scrollHeight - log.scrollTop;
    setState({ kind: 'loading' });
    const loaded = session.loadOlder(address).then(
      (more) => {
        setState({ kind: more ? 'more' : 'beginning' });
        return more;
      },
      (error: unknown) => {
        setState({ kind: 'failed', error: explainError(error, 'general') });
        return false;
      },
    );
    loading.current = loaded.finally(() => {
      loading.current = null;
    });
    return loading.current;
  };

  return { state, load };
}
