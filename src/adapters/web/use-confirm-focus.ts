import { useLayoutEffect, useRef } from 'preact/hooks';
import type { AsyncAction } from './hooks';

/**
 * Keyboard focus for an inline confirm that takes the place of the button that opened it: the safe
 * answer gets it when the confirm opens, the opener when it closes, in the same commit as the change
 * (a layout effect), so no frame leaves focus on the page's body.
 */
export function useConfirmFocus(confirming: boolean) {
  const openerRef = useRef<HTMLButtonElement>(null);
  const safeAnswerRef = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);
  useLayoutEffect(() => {
    if (confirming) safeAnswerRef.current?.focus();
    else if (asked.current) openerRef.current?.focus();
    asked.current = confirming;
  }, [confirming]);
  return { openerRef, safeAnswerRef };
}

/**
 * For the button that runs `action`: disabled while it ran, it dropped focus to the page's body, so a
 * failure gives it back, beside the error that says why.
 */
export function useFocusBackOnFailure(action: Pick<AsyncAction<never[]>, 'busy' | 'error'>) {
  const ref = useRef<HTMLButtonElement>(null);
  useLayoutEffect(() => {
    if (!action.busy && action.error !== null) ref.current?.focus();
  }, [action.busy]);
  return ref;
}
