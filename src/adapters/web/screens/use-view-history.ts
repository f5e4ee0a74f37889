import { useCallback, useEffect, useState } from 'preact/hooks';
import { HOME, isSessionView, type SessionView } from './session-view';

/** Pane changes become browser history entries, so Back (and a phone's back gesture) works. */
export function useViewHistory(): [SessionView, (view: SessionView) => void] {
  const [view, setView] = useState<SessionView>(HOME);
  useEffect(() => {
    window.history.replaceState({ starbaseView: HOME }, '');
    const onPopState = (event: PopStateEvent) => {
      const state: unknown = event.state;
      const next = typeof state === 'object' && state !== null ? (state as { starbaseView?: unknown }).starbaseView : undefined;
      setView(isSessionView(next) ? next : HOME);
    };
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);
  const navigate = useCallback((next: SessionView) => {
    window.history.pushState({ starbaseView: next }, '');
    setView(next);
  }, []);
  return [view, navigate];
}
