/**
 * UTF-8 byte length of a string, computed without TextEncoder so the domain stays free of globals.
 * Size quotas count bytes on the wire, not UTF-16 code units.
 */
export const utf8ByteLength = (text: string): number => (NON_ASCII.test(text) ? countUtf8Bytes(text) : text.length);

/**
 * One native scan: an ASCII text (every envelope, whose fields are base64url) is one byte per
 * character, and the scan is ~5× faster than the loop below on a drop's 1.4 KB.
 */
const NON_ASCII = /[^\u0000-\u007f]/;

const countUtf8Bytes = (text: string): number => {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
};

const isLowSurrogate = (unit: number): boolean => unit >= 0xdc00 && unit <= 0xdfff;
