/**
 * Records keyed by strings that may come from peers or servers. Lookups go through
 * hasOwnProperty, writes through spread, computed keys or Object.fromEntries (which define own
 * properties; plain assignment would not), so a key like "__proto__" stays plain data.
 */
export type OwnRecord<T> = Readonly<Record<string, T>>;

export const getOwn = <T>(record: OwnRecord<T>, key: string): T | undefined =>
  Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;

export const hasOwn = (record: OwnRecord<unknown>, key: string): boolean =>
  Object.prototype.hasOwnProperty.call(record, key);

export const setOwn = <T>(record: OwnRecord<T>, key: string, value: T): OwnRecord<T> => ({ ...record, [key]: value });

export const withoutOwn = <T>(record: OwnRecord<T>, key: string): OwnRecord<T> =>
  Object.fromEntries(Object.entries(record).filter(([existing]) => existing !== key));

/** Union of two records; keys present on both sides are combined with `combine`. */
export const mergeRecords = <T>(a: OwnRecord<T>, b: OwnRecord<T>, combine: (left: T, right: T) => T): OwnRecord<T> => {
  const merged = new Map<string, T>(Object.entries(a));
  for (const [key, value] of Object.entries(b)) {
    const existing = merged.get(key);
    merged.set(key, existing === undefined ? value : combine(existing, value));
  }
  return Object.fromEntries(merged);
};
