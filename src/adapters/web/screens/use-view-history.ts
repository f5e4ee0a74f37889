import { useCallback, useEffect, useState } from 'preact/hooks';
import { HOME, isSessionView, type SessionView } from './session-view';

/** What a history entry holds: the pane, and whose it is, so another account signing in on this tab never opens it. */
interface ViewEntry {
  readonly starbaseView: SessionView;
  readonly starbaseAccount: string;
}

/** The pane a history entry of `account` shows; Home for an entry of nobody's or of another account. */
const viewOf = (state: unknown, account: string): SessionView => {
  if (typeof state !== 'object' || state === null) return HOME;
  const entry = state as Partial<Record<keyof ViewEntry, unknown>>;
  return entry.starbaseAccount === account && isSessionView(entry.starbaseView) ? entry.starbaseView : HOME;
};

/**
 * Pane changes become browser history entries, so Back (and a phone's back gesture) works, and a
 * reload (signed in again by "Stay signed in") opens the pane it left: the browser keeps an
 * entry's state across reloads.
 */
export function useViewHistory(account: string): [SessionView, (view: SessionView) => void] {
  const [view, setView] = useState<SessionView>(() => viewOf(window.history.state, account));
  useEffect(() => {
    window.history.replaceState({ starbaseView: viewOf(window.history.state, account), starbaseAccount: account } satisfies ViewEntry, '');
    const onPopState = (event: PopStateEvent) => setView(viewOf(event.state, account));
    window.addEventListener('popstate', onPopState);
    return () => {
      window.removeEventListener('popstate', onPopState);
      // Signed out: the next sign-in, even of the same account, starts at Home.
      window.history.replaceState(null, '');
    };
  }, [account]);
  const navigate = useCallback(
    (next: SessionView) => {
      window.history.pushState({ starbaseView: next, starbaseAccount: account } satisfies ViewEntry, '');
      setView(next);
    },
    [account],
  );
  return [view, navigate];
}
