/**
 * PROTOCOL §3: binary values travel as base64url without padding. The one codec of both sides,
 * pure so the domain, the server and the browser produce and accept the same text without Node's
 * Buffer or the browser's btoa.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const ALPHABET_CODES: readonly number[] = Array.from(ALPHABET, (char) => char.charCodeAt(0));
/**
 * Characters turned into a string per call: appending character by character makes multi-MiB
 * blobs cost more than linearly, and one call per chunk stays far below any engine's argument limit.
 */
const CHARS_PER_CHUNK = 8192;
/** Whole 3-byte groups per chunk, so only the very last chunk has a partial group. */
const BYTES_PER_CHUNK = (CHARS_PER_CHUNK / 4) * 3;

/** Characters of unpadded base64url for `byteLength` bytes. */
export const b64uLength = (byteLength: number): number => Math.ceil((byteLength * 4) / 3);

const codeAt = (value: number): number => ALPHABET_CODES[value] ?? 0;

export const encodeB64u = (bytes: Uint8Array): string => {
  const chunks: string[] = [];
  // A plain array: String.fromCharCode.apply reads it much faster than a typed array.
  const codes = new Array<number>(Math.min(CHARS_PER_CHUNK, b64uLength(bytes.length))).fill(0);
  for (let start = 0; start < bytes.length; start += BYTES_PER_CHUNK) {
    const end = Math.min(start + BYTES_PER_CHUNK, bytes.length);
    let at = 0;
    let i = start;
    for (; i + 2 < end; i += 3) {
      const group = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
      codes[at++] = codeAt(group >> 18);
      codes[at++] = codeAt((group >> 12) & 0x3f);
      codes[at++] = codeAt((group >> 6) & 0x3f);
      codes[at++] = codeAt(group & 0x3f);
    }
    const remaining = end - i;
    if (remaining > 0) {
      const b0 = bytes[i] ?? 0;
      const b1 = remaining > 1 ? (bytes[i + 1] ?? 0) : 0;
      codes[at++] = codeAt(b0 >> 2);
      codes[at++] = codeAt(((b0 & 0x03) << 4) | (b1 >> 4));
      if (remaining > 1) codes[at++] = codeAt((b1 & 0x0f) << 2);
    }
    chunks.push(String.fromCharCode.apply(null, at === codes.length ? codes : codes.slice(0, at)));
  }
  return chunks.join('');
};

const INVALID = -1;
/** Value of each ASCII character code; INVALID for everything outside the url-safe alphabet. */
const VALUE_OF_CODE: Int8Array = (() => {
  const table = new Int8Array(128).fill(INVALID);
  for (let index = 0; index < ALPHABET.length; index++) table[ALPHABET.charCodeAt(index)] = index;
  return table;
})();

const valueAt = (text: string, index: number): number => VALUE_OF_CODE[text.charCodeAt(index)] ?? INVALID;

/**
 * Strict decoding: null for padding, characters outside the url-safe alphabet, a length no
 * byte string encodes to (4n + 1), or non-zero unused trailing bits — so every byte string has
 * exactly one accepted spelling and a peer cannot smuggle variants past equality checks.
 */
export const decodeB64u = (text: string): Uint8Array | null => {
  const tail = text.length % 4;
  if (tail === 1) return null;
  const bytes = new Uint8Array(Math.floor(text.length / 4) * 3 + (tail === 0 ? 0 : tail - 1));
  const fullGroupsEnd = text.length - tail;
  let written = 0;
  for (let i = 0; i < fullGroupsEnd; i += 4) {
    const a = valueAt(text, i);
    const b = valueAt(text, i + 1);
    const c = valueAt(text, i + 2);
    const d = valueAt(text, i + 3);
    if ((a | b | c | d) < 0) return null;
    bytes[written++] = (a << 2) | (b >> 4);
    bytes[written++] = ((b & 0x0f) << 4) | (c >> 2);
    bytes[written++] = ((c & 0x03) << 6) | d;
  }
  if (tail === 0) return bytes;
  const a = valueAt(text, fullGroupsEnd);
  const b = valueAt(text, fullGroupsEnd + 1);
  const c = tail === 3 ? valueAt(text, fullGroupsEnd + 2) : 0;
  if ((a | b | c) < 0) return null;
  bytes[written++] = (a << 2) | (b >> 4);
  if (tail === 2) return (b & 0x0f) === 0 ? bytes : null;
  bytes[written] = ((b & 0x0f) << 4) | (c >> 2);
  return (c & 0x03) === 0 ? bytes : null;
};

/** True when `text` is the one spelling of exactly `byteLength` bytes (the length is checked before decoding). */
export const isCanonicalB64u = (text: string, byteLength: number): boolean =>
  text.length === b64uLength(byteLength) && decodeB64u(text) !== null;
