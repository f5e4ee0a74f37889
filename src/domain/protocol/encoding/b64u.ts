import { encodeBase64Url } from './base64url';

/** PROTOCOL §3: binary values travel as base64url without padding. */
export const encodeB64u = encodeBase64Url;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
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
