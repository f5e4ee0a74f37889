import type BetterSqlite3 from 'better-sqlite3';
import { InboxItemKind } from '../../src/domain/home-server/inbox-item';
import { sourceKey, sourceOf } from '../../src/domain/home-server/inbox-quota';

/** The running totals a drop's quota check reads (SQLite migrations 3, 5 and 8), one sorted line per row. */
export interface RunningTotals {
  readonly inbox: string[];
  readonly dropped: string[];
  readonly sources: string[];
}

const lines = (rows: readonly unknown[][]): string[] => rows.map((row) => row.join(' ')).sort();

/** Each total as the triggers kept it. */
export const keptTotals = (db: BetterSqlite3.Database): RunningTotals => ({
  inbox: lines(db.prepare('SELECT owner, items, bytes FROM inbox_usage').raw().all() as unknown[][]),
  dropped: lines(db.prepare('SELECT owner, objects, bytes FROM dropped_usage').raw().all() as unknown[][]),
  sources: lines(db.prepare('SELECT owner, source, items, item_bytes, objects, object_bytes FROM source_usage').raw().all() as unknown[][]),
});

const add = (totals: Map<string, number[]>, key: string, change: readonly number[]): void => {
  const before = totals.get(key) ?? change.map(() => 0);
  totals.set(key, before.map((value, index) => value + (change[index] ?? 0)));
};

const asLines = (totals: Map<string, number[]>): string[] => [...totals].map(([key, values]) => [key, ...values].join(' ')).sort();

/** Each total counted anew from the rows, sources named by the domain's own rule (inbox-quota.ts). */
export const recountedTotals = (db: BetterSqlite3.Database): RunningTotals => {
  const inbox = new Map<string, number[]>();
  const dropped = new Map<string, number[]>();
  const sources = new Map<string, number[]>();
  const items = db.prepare('SELECT owner, kind, token_id, envelope_bytes FROM inbox_items').iterate() as Iterable<{
    owner: string;
    kind: InboxItemKind;
    token_id: string | null;
    envelope_bytes: number;
  }>;
  for (const item of items) {
    add(inbox, item.owner, [1, item.envelope_bytes]);
    add(sources, `${item.owner} ${sourceKey(sourceOf({ kind: item.kind, tokenId: item.token_id }))}`, [1, item.envelope_bytes, 0, 0]);
  }
  const objects = db.prepare(`SELECT owner, token_id, bytes FROM store_objects WHERE state = 'dropped'`).iterate() as Iterable<{
    owner: string;
    token_id: string;
    bytes: number;
  }>;
  for (const object of objects) {
    add(dropped, object.owner, [1, object.bytes]);
    add(sources, `${object.owner} ${sourceKey({ kind: 'drop-token', tokenId: object.token_id })}`, [0, 0, 1, object.bytes]);
  }
  return { inbox: asLines(inbox), dropped: asLines(dropped), sources: asLines(sources) };
};

/** The lines where kept and recounted totals differ, each side's marked: none when they agree. */
export const totalsDrift = (db: BetterSqlite3.Database): string[] => {
  const kept = keptTotals(db);
  const recounted = recountedTotals(db);
  return (['inbox', 'dropped', 'sources'] as const).flatMap((table) => [
    ...kept[table].filter((line) => !recounted[table].includes(line)).map((line) => `${table} kept: ${line}`),
    ...recounted[table].filter((line) => !kept[table].includes(line)).map((line) => `${table} recounted: ${line}`),
  ]);
};
