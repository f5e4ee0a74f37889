import { encodeBase64Url } from '../base64url';

/** PROTOCOL §3: binary values travel as base64url without padding. */
export const encodeB64u = encodeBase64Url;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUE_OF: ReadonlyMap<string, number> = new Map(Array.from(ALPHABET, (char, index) => [char, index]));

/**
 * Strict decoding: null for padding, characters outside the url-safe alphabet, a length no
 * byte string encodes to (4n + 1), or non-zero unused trailing bits — so every byte string has
 * exactly one accepted spelling and a peer cannot smuggle variants past equality checks.
 */
export const decodeB64u = (text: string): Uint8Array | null => {
  const tail = text.length % 4;
  if (tail === 1) return null;
  const bytes = new Uint8Array(Math.floor(text.length / 4) * 3 + (tail === 0 ? 0 : tail - 1));
  let accumulator = 0;
  let bitCount = 0;
  let written = 0;
  for (const char of text) {
    const value = VALUE_OF.get(char);
    if (value === undefined) return null;
    accumulator = (accumulator << 6) | value;
    bitCount += 6;
    if (bitCount >= 8) {
      bitCount -= 8;
      bytes[written++] = (accumulator >> bitCount) & 0xff;
      accumulator &= (1 << bitCount) - 1;
    }
  }
  if (written !== bytes.length || accumulator !== 0) return null;
  return bytes;
};
