import { DISAPPEARING_TIMER_CHOICES } from '../../application/client/messenger';

/** The disappearing-messages choices the chat header offers (PROTOCOL §11), in seconds; null is off. */
export interface TimerChoice {
  readonly seconds: number | null;
  readonly label: string;
}

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

const plural = (count: number, unit: string): string => `${count} ${unit}${count === 1 ? '' : 's'}`;

/** "5 minutes", "1 day"; a peer may pick a value outside the menu, so any whole duration reads well. */
export function durationText(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  if (whole % WEEK === 0 && whole > 0) return plural(whole / WEEK, 'week');
  if (whole % DAY === 0 && whole > 0) return plural(whole / DAY, 'day');
  if (whole % HOUR === 0 && whole > 0) return plural(whole / HOUR, 'hour');
  if (whole % MINUTE === 0 && whole > 0) return plural(whole / MINUTE, 'minute');
  return plural(whole, 'second');
}

export const TIMER_CHOICES: readonly TimerChoice[] = [
  { seconds: null, label: 'Off' },
  ...DISAPPEARING_TIMER_CHOICES.map((seconds) => ({ seconds, label: durationText(seconds) })),
];

/** The notice both sides show when the timer changes: "alice@x set messages to disappear after 1 day". */
export function timerNotice(who: string, seconds: number | null): string {
  return seconds === null ? `${who} turned off disappearing messages` : `${who} set messages to disappear after ${durationText(seconds)}`;
}

const SHORT_UNIT = { minute: 'min', hour: 'h', day: 'd' } as const;

/** A minute or more left, rounded up in the largest unit it stays under: 59 min 59 s is "1 hour", as the timer reads before it starts. */
function roundedUp(seconds: number): { readonly count: number; readonly unit: 'minute' | 'hour' | 'day' } {
  const minutes = Math.ceil(seconds / MINUTE);
  if (minutes < 60) return { count: minutes, unit: 'minute' };
  const hours = Math.ceil(seconds / HOUR);
  if (hours < 24) return { count: hours, unit: 'hour' };
  return { count: Math.ceil(seconds / DAY), unit: 'day' };
}

/** What is left before a disappearing message goes: "4:59", "59 min", "23 h", "6 d" — short enough for a bubble. */
export function countdownText(msLeft: number): string {
  const seconds = Math.max(0, Math.ceil(msLeft / 1000));
  if (seconds < 10 * MINUTE) return `${Math.floor(seconds / MINUTE)}:${String(seconds % MINUTE).padStart(2, '0')}`;
  const { count, unit } = roundedUp(seconds);
  return `${count} ${SHORT_UNIT[unit]}`;
}

/** The countdown's spoken form, for screen readers and the tooltip. */
export function countdownLabel(msLeft: number): string {
  const seconds = Math.max(0, Math.ceil(msLeft / 1000));
  if (seconds < MINUTE) return `Disappears in ${plural(seconds, 'second')}`;
  const { count, unit } = roundedUp(seconds);
  return `Disappears in ${plural(count, unit)}`;
}

/** How often a countdown needs redrawing: every second near the end, else once a minute. */
export const countdownTick = (msLeft: number): number => (msLeft < 10 * MINUTE * 1000 ? 1000 : 60_000);
