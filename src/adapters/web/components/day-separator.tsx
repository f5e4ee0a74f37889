import type { ConversationEntry } from '../../../application/client/messenger';
import { dayKey, formatDay, isoDay, isShowableMoment } from '../time-format';

export type DayMarked = ConversationEntry | { readonly kind: 'day'; readonly at: number };

/** A day marker before the first message of each calendar day (in this device's time zone). */
export function withDaySeparators(entries: readonly ConversationEntry[]): DayMarked[] {
  let currentDay: string | null = null;
  return entries.flatMap((entry): DayMarked[] => {
    if (entry.kind === 'gap' || !isShowableMoment(entry.sentAt)) return [entry];
    const day = dayKey(entry.sentAt);
    if (day === currentDay) return [entry];
    currentDay = day;
    return [{ kind: 'day', at: entry.sentAt }, entry];
  });
}

export function DaySeparator({ at }: { readonly at: number }) {
  return (
    <li class="chat__day">
      <time dateTime={isoDay(at)}>{formatDay(at)}</time>
    </li>
  );
}
