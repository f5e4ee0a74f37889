import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { AccountOverview, MessengerSession, ProgressListener } from '../../application/client/messenger';
import { explainError, type ErrorContext, type ExplainedError } from './error-messages';
import type { ProgressChannel } from './progress-channel';
import type { ProgressState } from './progress-text';
import type { WebEnvironment } from './environment';

/** The session's current overview, re-rendered on every change. */
export function useOverview(session: MessengerSession): AccountOverview {
  const [overview, setOverview] = useState(() => session.overview());
  useEffect(() => {
    setOverview(session.overview());
    return session.onChange(setOverview);
  }, [session]);
  return overview;
}

/** Moves keyboard and screen-reader focus to the element when it appears (a screen's heading). */
export function useFocusOnMount<T extends HTMLElement>(key?: unknown) {
  const ref = useRef<T>(null);
  useLayoutEffect(() => {
    ref.current?.focus();
  }, [key]);
  return ref;
}

export interface ProgressTracker {
  readonly progress: ProgressState | null;
  readonly listener: ProgressListener;
  reset(): void;
}

/** Local progress state plus a listener to hand to the client. */
export function useProgressTracker(): ProgressTracker {
  const [progress, setProgress] = useState<ProgressState | null>(null);
  const listener = useCallback<ProgressListener>((stage, fraction) => setProgress({ stage, fraction: fraction ?? null }), []);
  const reset = useCallback(() => setProgress(null), []);
  return { progress, listener, reset };
}

/** Progress the session reports through its log-in listener, shown while `active`. */
export function useChannelProgress(channel: ProgressChannel, active: boolean): ProgressState | null {
  const [progress, setProgress] = useState<ProgressState | null>(null);
  useEffect(() => {
    if (!active) {
      setProgress(null);
      return undefined;
    }
    return channel.subscribe((stage, fraction) => setProgress({ stage, fraction: fraction ?? null }));
  }, [channel, active]);
  return progress;
}

/**
 * Whether the component is still on screen: work it started may finish after the user went
 * elsewhere, and must not then take them back (or set state nobody shows).
 */
export function useStillShown(): () => boolean {
  const shown = useRef(true);
  useEffect(
    () => () => {
      shown.current = false;
    },
    [],
  );
  return () => shown.current;
}

export interface AsyncAction<A extends unknown[]> {
  readonly busy: boolean;
  readonly error: ExplainedError | null;
  run(...args: A): Promise<boolean>;
  clearError(): void;
}

/** Runs one user action at a time, keeping its busy flag and explained error for display. */
export function useAsyncAction<A extends unknown[]>(
  action: (...args: A) => Promise<unknown>,
  context: ErrorContext,
  onFailure?: (error: unknown) => void,
): AsyncAction<A> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ExplainedError | null>(null);
  const stillShown = useStillShown();
  const run = async (...args: A): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await action(...args);
      return true;
    } catch (failure) {
      if (stillShown()) setError(explainError(failure, context));
      onFailure?.(failure);
      return false;
    } finally {
      if (stillShown()) setBusy(false);
    }
  };
  return { busy, error, run, clearError: () => setError(null) };
}

/**
 * Offers the page's own host as the server once it turns out to be a home server (the form keeps
 * whatever the user typed or this device remembered).
 */
export function useHomeServerDefault(environment: WebEnvironment, offer: (host: string) => void): void {
  const latestOffer = useRef(offer);
  latestOffer.current = offer;
  useEffect(() => {
    let current = true;
    void environment.detectHomeServer().then((host) => {
      if (current && host !== null) latestOffer.current(host);
    });
    return () => {
      current = false;
    };
  }, [environment]);
}

/** After a failed submit (`attempt` increments), focus the first field marked invalid. */
export function useFocusFirstInvalid(attempt: number) {
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (attempt > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt]);
  return formRef;
}
