import { useEffect } from 'preact/hooks';
import type { Drafts } from './drafts';

/**
 * Asks before the page is left or reloaded while typed text could be lost: the device keeps a draft
 * only once typing pauses and the sealed write is done, and only for a signed-in session. A draft
 * already kept comes back after the reload, so it does not ask for that.
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
