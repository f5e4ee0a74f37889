import type { Ref } from 'preact';
import type { ExplainedError } from '../error-messages';

interface Props {
  readonly error: ExplainedError | null;
  /** Given when the app may move focus to the error (tabindex -1: reachable by script, not by Tab). */
  readonly focusRef?: Ref<HTMLDivElement>;
}

/** Always present so assistive technology is already watching it when an error appears. */
export function ErrorAlert({ error, focusRef }: Props) {
  return (
    <div ref={focusRef} role="alert" class={error === null ? 'alert alert--empty' : 'alert alert--error'} tabIndex={focusRef === undefined ? undefined : -1}>
      {error !== null && (
        <p class="alert__text">
          {error.message}
          {error.code !== null && <span class="alert__code"> (code: {error.code})</span>}
        </p>
      )}
    </div>
  );
}
