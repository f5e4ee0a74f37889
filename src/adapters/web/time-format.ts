const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

const sameDay = (a: Date, b: Date): boolean => a.toDateString() === b.toDateString();

export function formatMoment(epochMs: number, now: Date = new Date()): string {
  const moment = new Date(epochMs);
  return sameDay(moment, now) ? timeFormat.format(moment) : dateTimeFormat.format(moment);
}

export const isoMoment = (epochMs: number): string => new Date(epochMs).toISOString();
