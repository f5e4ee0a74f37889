import type { ExplainedError } from '../error-messages';

interface Props {
  readonly error: ExplainedError | null;
}

/** Always present so assistive technology is already watching it when an error appears. */
export function ErrorAlert({ error }: Props) {
  return (
    <div role="alert" class={error === null ? 'alert alert--empty' : 'alert alert--error'}>
      {error !== null && (
        <p class="alert__text">
          {error.message}
          {error.code !== null && <span class="alert__code"> (code: {error.code})</span>}
        </p>
      )}
    </div>
  );
}
