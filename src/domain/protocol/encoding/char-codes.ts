/**
 * Code units turned into a string per call: large enough that building a long string is a few
 * thousand calls, small enough to stay far below any engine's limit on arguments.
 */
export const CHAR_CODE_CHUNK = 8192;

/**
 * One string from a typed array of UTF-16 code units (at most CHAR_CODE_CHUNK of them).
 * `apply` takes any array-like; the cast only satisfies the `number[]` in its declared type.
 */
export const charCodesToString = (codes: Uint8Array | Uint16Array): string =>
  String.fromCharCode.apply(null, codes as unknown as number[]);
