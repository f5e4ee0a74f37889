const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

const sameDay = (a: Date, b: Date): boolean => a.toDateString() === b.toDateString();

export function formatMoment(epochMs: number, now: Date = new Date()): string {
  const moment = new Date(epochMs);
  return sameDay(moment, now) ? timeFormat.format(moment) : dateTimeFormat.format(moment);
}

export const isoMoment = (epochMs: number): string => new Date(epochMs).toISOString();

const weekdayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'long' });
const longDateFormat = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const DAY_MS = 24 * 60 * 60 * 1000;

const startOfDay = (moment: Date): number => new Date(moment.getFullYear(), moment.getMonth(), moment.getDate()).getTime();

/** A chat's date separator: "Today", "Yesterday", a weekday within the last week, else the full date. */
export function formatDay(epochMs: number, now: Date = new Date()): string {
  const moment = new Date(epochMs);
  const daysAgo = Math.round((startOfDay(now) - startOfDay(moment)) / DAY_MS);
  if (daysAgo === 0) return 'Today';
  if (daysAgo === 1) return 'Yesterday';
  if (daysAgo > 1 && daysAgo < 7) return weekdayFormat.format(moment);
  return longDateFormat.format(moment);
}

/** False for times a Date cannot hold (a peer may send any number): such a time is not shown. */
export const isShowableMoment = (epochMs: number): boolean => !Number.isNaN(new Date(epochMs).getTime());

/** The local calendar day of a moment, to tell where a new day starts. */
export const dayKey = (epochMs: number): string => new Date(epochMs).toDateString();

/** `YYYY-MM-DD` of the local calendar day, for `<time dateTime>`. */
export function isoDay(epochMs: number): string {
  const moment = new Date(epochMs);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${moment.getFullYear()}-${pad(moment.getMonth() + 1)}-${pad(moment.getDate())}`;
}
