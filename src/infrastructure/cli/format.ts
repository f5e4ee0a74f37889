/** Plain-text output for people: aligned tables, UTC dates, binary byte units. */

export type Cell = string | number;

export interface Column<T> {
  readonly header: string;
  readonly value: (row: T) => Cell;
  /** Numbers and sizes read better right-aligned. */
  readonly align?: 'left' | 'right';
}

export const table = <T>(rows: readonly T[], columns: readonly Column<T>[]): string => {
  const cells = rows.map((row) => columns.map((column) => String(column.value(row))));
  const widths = columns.map((column, i) => Math.max(column.header.length, ...cells.map((line) => (line[i] ?? '').length)));
  const render = (line: readonly string[]): string =>
    line
      .map((cell, i) => (columns[i]?.align === 'right' ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [render(columns.map((column) => column.header)), ...cells.map(render)].join('\n');
};

/** `key: value` lines with the keys aligned. */
export const fields = (entries: readonly (readonly [string, Cell])[]): string => {
  const width = Math.max(...entries.map(([key]) => key.length));
  return entries.map(([key, value]) => `${`${key}:`.padEnd(width + 1)} ${value}`).join('\n');
};

export const when = (ms: number | null, never = 'never'): string =>
  ms === null ? never : new Date(ms).toISOString().replace('T', ' ').replace(/:\d\d\.\d{3}Z$/, 'Z');

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

export const bytes = (count: number): string => {
  let value = count;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${count} B` : `${value.toFixed(1)} ${UNITS[unit]}`;
};

/** For `--json`: times as ISO 8601 (null stays null), everything else as it is. */
export const json = (value: unknown): string =>
  JSON.stringify(value, (key, field: unknown) => (key.endsWith('At') && typeof field === 'number' ? new Date(field).toISOString() : field), 2);

const DURATION_UNITS_MS: Readonly<Record<string, number>> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `30m`, `12h`, `7d`, `2w`; `never` gives null. Undefined for anything else. */
export const parseDuration = (text: string): number | null | undefined => {
  if (text === 'never') return null;
  const match = /^([1-9][0-9]{0,5})([mhdw])$/.exec(text);
  const unit = match && DURATION_UNITS_MS[match[2] ?? ''];
  return match && unit ? Number(match[1]) * unit : undefined;
};
