/*
 * UTF-8 without TextEncoder/TextDecoder, so the domain stays free of runtime globals.
 * Encoding follows the WHATWG encoder (a lone surrogate becomes U+FFFD); decoding is strict.
 */

import { utf8ByteLength } from '../text-size';

const REPLACEMENT_CHARACTER = 0xfffd;
/** Code units turned into a string at once: large enough to be fast, small enough for apply(). */
const CHUNK_UNITS = 8192;

const codePointsOf = function* (text: string): Generator<number> {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        yield 0x10000 + ((unit - 0xd800) << 10) + (next - 0xdc00);
        i++;
        continue;
      }
      yield REPLACEMENT_CHARACTER;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) {
      yield REPLACEMENT_CHARACTER;
    } else {
      yield unit;
    }
  }
};

export const encodeUtf8 = (text: string): Uint8Array => {
  const bytes = new Uint8Array(utf8ByteLength(text));
  let at = 0;
  for (const codePoint of codePointsOf(text)) {
    if (codePoint < 0x80) {
      bytes[at++] = codePoint;
    } else if (codePoint < 0x800) {
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
  let units: number[] = [];
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] ?? 0;
    const length = lead < 0x80 ? 1 : lead >= 0xc0 && lead < 0xe0 ? 2 : lead >= 0xe0 && lead < 0xf0 ? 3 : lead >= 0xf0 && lead < 0xf8 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return null;
    let codePoint = length === 1 ? lead : lead & (0xff >> (length + 1));
    for (let k = 1; k < length; k++) {
      const continuation = bytes[i + k] ?? 0;
      if ((continuation & 0xc0) !== 0x80) return null;
      codePoint = (codePoint << 6) | (continuation & 0x3f);
    }
    const tooSmall = codePoint < (MINIMUM_FOR_LENGTH[length] ?? 0);
    const surrogate = codePoint >= 0xd800 && codePoint <= 0xdfff;
    if (tooSmall || surrogate || codePoint > 0x10ffff) return null;
    if (codePoint < 0x10000) units.push(codePoint);
    else units.push(0xd800 + ((codePoint - 0x10000) >> 10), 0xdc00 + ((codePoint - 0x10000) & 0x3ff));
    if (units.length >= CHUNK_UNITS) {
      chunks.push(String.fromCharCode(...units));
      units = [];
    }
    i += length;
  }
  chunks.push(String.fromCharCode(...units));
  return chunks.join('');
};
