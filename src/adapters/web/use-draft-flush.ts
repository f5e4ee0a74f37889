import { useEffect } from 'preact/hooks';
import type { Drafts } from './drafts';

/**
 * Writes what was typed at once when the page is hidden or left, rather than after the typing
 * pause: a tab put in the background may be discarded, a closed one gets no second chance.
 */
export function useDraftFlush(drafts: Drafts): void {
  useEffect(() => {
    const flush = () => drafts.flush();
    const flushWhenHidden = () => {
      if (document.visibilityState === 'hidden') drafts.flush();
    };
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', flushWhenHidden);
    return () => {
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', flushWhenHidden);
    };
  }, [drafts]);
}
