import { CHAR_CODE_CHUNK, charCodesToString } from './char-codes';

/**
 * Base64url without padding (PROTOCOL §3), pure so the domain and the server use cases can
 * produce the same text the client expects without Node's Buffer or the browser's btoa.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const ALPHABET_CODES = Uint8Array.from(ALPHABET, (char) => char.charCodeAt(0));
/** Whole 3-byte groups per output chunk, so only the very last chunk has a partial group. */
const BYTES_PER_CHUNK = (CHAR_CODE_CHUNK / 4) * 3;

/**
 * Writes character codes into a reused buffer and turns each full buffer into one string:
 * appending character by character makes multi-MiB blobs cost more than linearly.
 */
export const encodeBase64Url = (bytes: Uint8Array): string => {
  const chunks: string[] = [];
  const codes = new Uint8Array(CHAR_CODE_CHUNK);
  for (let start = 0; start < bytes.length; start += BYTES_PER_CHUNK) {
    const end = Math.min(start + BYTES_PER_CHUNK, bytes.length);
    let at = 0;
    let i = start;
    for (; i + 2 < end; i += 3) {
      const group = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
      codes[at++] = ALPHABET_CODES[group >> 18] ?? 0;
      codes[at++] = ALPHABET_CODES[(group >> 12) & 0x3f] ?? 0;
      codes[at++] = ALPHABET_CODES[(group >> 6) & 0x3f] ?? 0;
      codes[at++] = ALPHABET_CODES[group & 0x3f] ?? 0;
    }
    const remaining = end - i;
    if (remaining > 0) {
      const b0 = bytes[i] ?? 0;
      const b1 = remaining > 1 ? (bytes[i + 1] ?? 0) : 0;
      codes[at++] = ALPHABET_CODES[b0 >> 2] ?? 0;
      codes[at++] = ALPHABET_CODES[((b0 & 0x03) << 4) | (b1 >> 4)] ?? 0;
      if (remaining > 1) codes[at++] = ALPHABET_CODES[(b1 & 0x0f) << 2] ?? 0;
    }
    chunks.push(charCodesToString(codes.subarray(0, at)));
  }
  return chunks.join('');
};

/**
 * True when `text` is the canonical unpadded base64url encoding of exactly `byteLength` bytes
 * (so one value has one spelling, and unused trailing bits are zero).
 */
export const isCanonicalBase64Url = (text: string, byteLength: number): boolean => {
  const fullGroups = Math.floor(byteLength / 3);
  const tail = byteLength % 3;
  const expectedLength = fullGroups * 4 + (tail === 0 ? 0 : tail + 1);
  if (text.length !== expectedLength || !/^[A-Za-z0-9_-]*$/.test(text)) return false;
  if (tail === 0) return true;
  const lastValue = ALPHABET.indexOf(text[text.length - 1] ?? '');
  const unusedBitsMask = tail === 1 ? 0x0f : 0x03;
  return (lastValue & unusedBitsMask) === 0;
};
