import type { RefObject } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { AsyncAction } from './hooks';

/**
 * Keyboard focus for an inline confirm that takes the place of the button that opened it: the safe
 * answer gets it when the confirm opens, the opener when it closes, in the same commit as the change
 * (a layout effect), so no frame leaves focus on the page's body. When what it asked about ended
 * meanwhile and took the opener with it, the first of `instead` on the page gets the focus the
 * confirm dropped.
 */
export function useConfirmFocus(confirming: boolean, instead: readonly RefObject<HTMLElement>[] = []) {
  const openerRef = useRef<HTMLButtonElement>(null);
  const safeAnswerRef = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);
  useLayoutEffect(() => {
    if (confirming) safeAnswerRef.current?.focus();
    else if (asked.current) (openerRef.current ?? (focusDropped() ? instead.find((ref) => ref.current !== null)?.current : null))?.focus();
    asked.current = confirming;
  }, [confirming]);
  return { openerRef, safeAnswerRef };
}

const focusDropped = (): boolean => document.activeElement === null || document.activeElement === document.body;

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
