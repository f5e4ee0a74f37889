import { useLayoutEffect, useRef } from 'preact/hooks';
import type { AsyncAction } from './hooks';

/**
 * For a form that asks for the password and is disabled while its action runs, which drops focus to
 * the page's body: a failure puts it where the user acts next, the password (selected, to retype)
 * when it was wrong, else the error, announced as it fills.
 */
export function usePasswordFailureFocus(action: Pick<AsyncAction<never[]>, 'busy' | 'error'>) {
  const passwordRef = useRef<HTMLInputElement>(null);
  const errorRef = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    if (action.busy || action.error === null) return;
    if (action.error.code === 'wrong_password') {
      passwordRef.current?.focus();
      passwordRef.current?.select();
    } else errorRef.current?.focus();
  }, [action.busy]);
  return { passwordRef, errorRef };
}
