/*
 * UTF-8 without TextEncoder/TextDecoder, so the domain stays free of runtime globals.
 * Encoding follows the WHATWG encoder (a lone surrogate becomes U+FFFD); decoding is strict.
 */

import { utf8ByteLength } from '../text-size';
import { CHAR_CODE_CHUNK, charCodesToString } from './char-codes';

const REPLACEMENT_CHARACTER = 0xfffd;

const isHighSurrogate = (unit: number): boolean => unit >= 0xd800 && unit <= 0xdbff;
const isLowSurrogate = (unit: number): boolean => unit >= 0xdc00 && unit <= 0xdfff;

export const encodeUtf8 = (text: string): Uint8Array => {
  const bytes = new Uint8Array(utf8ByteLength(text));
  let at = 0;
  for (let i = 0; i < text.length; i++) {
    let codePoint = text.charCodeAt(i);
    if (codePoint < 0x80) {
      bytes[at++] = codePoint;
      continue;
    }
    if (isHighSurrogate(codePoint)) {
      const next = text.charCodeAt(i + 1);
      if (isLowSurrogate(next)) {
        codePoint = 0x10000 + ((codePoint - 0xd800) << 10) + (next - 0xdc00);
        i++;
      } else {
        codePoint = REPLACEMENT_CHARACTER;
      }
    } else if (isLowSurrogate(codePoint)) {
      codePoint = REPLACEMENT_CHARACTER;
    }
    if (codePoint < 0x800) {
      bytes[at++] = 0xc0 | (codePoint >> 6);
      bytes[at++] = 0x80 | (codePoint & 0x3f);
    } else if (codePoint < 0x10000) {
      bytes[at++] = 0xe0 | (codePoint >> 12);
      bytes[at++] = 0x80 | ((codePoint >> 6) & 0x3f);
      bytes[at++] = 0x80 | (codePoint & 0x3f);
    } else {
      bytes[at++] = 0xf0 | (codePoint >> 18);
      bytes[at++] = 0x80 | ((codePoint >> 12) & 0x3f);
      bytes[at++] = 0x80 | ((codePoint >> 6) & 0x3f);
      bytes[at++] = 0x80 | (codePoint & 0x3f);
    }
  }
  return bytes;
};

/** Smallest code point each sequence length may encode: anything below is an overlong form. */
const MINIMUM_FOR_LENGTH = [0, 0, 0x80, 0x800, 0x10000];

/**
 * The text, or null for anything that is not well-formed UTF-8: stray continuation bytes,
 * truncated or overlong sequences, surrogates, code points above U+10FFFF.
 */
export const decodeUtf8 = (bytes: Uint8Array): string | null => {
  const chunks: string[] = [];
  // One spare unit: a four-byte sequence adds two units to a buffer that may hold CHUNK - 1.
  const units = new Uint16Array(CHAR_CODE_CHUNK + 1);
  let unitCount = 0;
  let i = 0;
  while (i < bytes.length) {
    if (unitCount >= CHAR_CODE_CHUNK) {
      chunks.push(charCodesToString(units.subarray(0, unitCount)));
      unitCount = 0;
    }
    const lead = bytes[i] ?? 0;
    if (lead < 0x80) {
      units[unitCount++] = lead;
      i++;
      continue;
    }
    const length = lead >= 0xc0 && lead < 0xe0 ? 2 : lead >= 0xe0 && lead < 0xf0 ? 3 : lead >= 0xf0 && lead < 0xf8 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return null;
    let codePoint = lead & (0xff >> (length + 1));
    for (let k = 1; k < length; k++) {
      const continuation = bytes[i + k] ?? 0;
      if ((continuation & 0xc0) !== 0x80) return null;
      codePoint = (codePoint << 6) | (continuation & 0x3f);
    }
    const tooSmall = codePoint < (MINIMUM_FOR_LENGTH[length] ?? 0);
    const surrogate = codePoint >= 0xd800 && codePoint <= 0xdfff;
    if (tooSmall || surrogate || codePoint > 0x10ffff) return null;
    if (codePoint < 0x10000) {
      units[unitCount++] = codePoint;
    } else {
      units[unitCount++] = 0xd800 + ((codePoint - 0x10000) >> 10);
      units[unitCount++] = 0xdc00 + ((codePoint - 0x10000) & 0x3ff);
    }
    i += length;
  }
  chunks.push(charCodesToString(units.subarray(0, unitCount)));
  return chunks.join('');
};
