import { describeProgress, percentOf, type ProgressState } from '../progress-text';

interface Props {
  readonly progress: ProgressState | null;
  /** Shown before the client reports its first stage. */
  readonly idleText?: string;
  readonly active: boolean;
}

export function ProgressStatus({ progress, idleText = 'Working…', active }: Props) {
  const percent = progress === null ? null : percentOf(progress.fraction);
  const text = progress === null ? idleText : describeProgress(progress.stage);
  return (
    <div role="status" class={active ? 'progress' : 'progress progress--idle'}>
      {active && (
        <>
          <p class="progress__text">
            {text}
            {percent !== null && <span class="progress__percent"> {percent}%</span>}
          </p>
          {percent === null ? (
            <progress class="progress__bar" aria-label={text} />
          ) : (
            <progress class="progress__bar" aria-label={text} max={100} value={percent} />
          )}
        </>
      )}
    </div>
  );
}
