import { useEffect } from 'preact/hooks';
import type { Drafts } from './drafts';

/**
 * Asks before the page is left or reloaded while a message is typed and not sent: drafts live in
 * memory only (they are plaintext), so leaving would lose them without a word.
 */
export function useLeaveWarning(drafts: Drafts): void {
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (drafts.isEmpty()) return;
      event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [drafts]);
}
