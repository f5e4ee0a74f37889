import type { ComponentChildren, Ref } from 'preact';
import type { ExplainedError } from '../error-messages';
import type { ProgressState } from '../progress-text';
import { ErrorAlert } from './error-alert';
import { ProgressStatus } from './progress-status';

interface Props {
  readonly label: string;
  readonly busy: boolean;
  readonly error: ExplainedError | null;
  readonly progress: ProgressState | null;
  readonly disabled?: boolean;
  /** For moving focus to the error once the action failed. */
  readonly errorRef?: Ref<HTMLDivElement>;
  /** Shown between the progress and the button (a confirmation). */
  readonly children?: ComponentChildren;
}

/** The end of a form whose action takes a while (Argon2): what went wrong, how far it got, the button. */
export function SubmitArea({ label, busy, error, progress, disabled = false, errorRef, children }: Props) {
  return (
    <>
      <ErrorAlert error={error} {...(errorRef === undefined ? {} : { focusRef: errorRef })} />
      <ProgressStatus active={busy} progress={progress} idleText="Preparing…" />
      {children}
      <div class="form-actions">
        <button type="submit" class="button button--primary" disabled={busy || disabled}>
          {label}
        </button>
      </div>
    </>
  );
}
