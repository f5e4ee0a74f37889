/**
 * JSON with object keys sorted, so two equal values always give the same text whatever
 * order their keys were written in. Merges use it as a total order to break ties, which
 * keeps them commutative.
 */
export const canonicalJson = (value: unknown): string => {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.keys(value)
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
  return `{${entries.join(',')}}`;
};

export const compareCanonical = (a: unknown, b: unknown): number => {
  if (a === b) return 0;
  const left = canonicalJson(a);
  const right = canonicalJson(b);
  return left < right ? -1 : left > right ? 1 : 0;
};

const isShallowEqual = (a: unknown, b: unknown): boolean => {
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length &&
    keys.every((key) => Object.prototype.hasOwnProperty.call(b, key) && (a as Record<string, unknown>)[key] === (b as Record<string, unknown>)[key])
  );
};

/** The smaller of two values in canonical order: a deterministic choice for values that should be equal. */
export const pickCanonical = <T>(a: T, b: T): T => (isShallowEqual(a, b) || compareCanonical(a, b) <= 0 ? a : b);
