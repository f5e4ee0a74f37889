import { useEffect, useState } from 'preact/hooks';
import { countdownLabel, countdownText, countdownTick, durationText } from '../disappearing-timer';

interface Props {
  /** When the message goes; null while its countdown has not started (the friend has not seen it yet). */
  readonly expiresAt: number | null;
  readonly expiresIn: number;
}

/** The time a disappearing message has left, redrawn as it runs down. */
export function Countdown({ expiresAt, expiresIn }: Props) {
  const [now, setNow] = useState(() => Date.now());
  const left = expiresAt === null ? null : expiresAt - now;
  useEffect(() => {
    if (left === null || left <= 0) return undefined;
    const timer = setTimeout(() => setNow(Date.now()), Math.min(countdownTick(left), left));
    return () => clearTimeout(timer);
  }, [left]);
  const label = left === null ? `Disappears ${durationText(expiresIn)} after it is read` : countdownLabel(left);
  return (
    <span class="message__countdown" title={label}>
      <span aria-hidden="true"> · ⏱ {left === null ? durationText(expiresIn) : countdownText(left)}</span>
      <span class="visually-hidden">, {label}</span>
    </span>
  );
}
