import { useEffect, useState } from 'preact/hooks';
import { TimerIcon } from './timer-icon';
import { countdownLabel, countdownText, countdownTick, durationText } from '../disappearing-timer';

interface Props {
  /** When the message goes; null while its countdown has not started (the friend has not seen it yet). */
  readonly expiresAt: number | null;
  readonly expiresIn: number;
}

/** The time a disappearing message has left, redrawn as it runs down. */
export function Countdown({ expiresAt, expiresIn }: Props) {
  const [tick, setTick] = useState(0);
  const left = expiresAt === null ? null : expiresAt - Date.now();
  useEffect(() => {
    if (left === null || left <= 0) return undefined;
    // Redrawn when the shown text changes next: at the next whole second or minute.
    const timer = setTimeout(() => setTick(tick + 1), Math.min(left % countdownTick(left) || countdownTick(left), left) + 5);
    return () => clearTimeout(timer);
  }, [left === null, tick, expiresAt]);
  const label = left === null ? `Disappears ${durationText(expiresIn)} after it is read` : countdownLabel(left);
  return (
    <span class="message__countdown" title={label}>
      <span aria-hidden="true">
        {' · '}
        <TimerIcon /> {left === null ? durationText(expiresIn) : countdownText(left)}
      </span>
      <span class="visually-hidden">, {label}</span>
    </span>
  );
}
