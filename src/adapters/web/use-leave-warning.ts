import { useEffect } from 'preact/hooks';
import type { Drafts } from './drafts';

/**
 * Asks before the page is left or reloaded while a message is typed and not sent: the device keeps
 * drafts only once typing pauses and only for a signed-in session, so the last keys could be lost.
 */
export function useLeaveWarning(drafts: Drafts): void {
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (!drafts.hasAnythingToLose()) return;
      event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [drafts]);
}
