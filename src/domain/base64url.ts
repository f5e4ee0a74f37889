/**
 * Base64url without padding (PROTOCOL §3), pure so the domain and the server use cases can
 * produce the same text the client expects without Node's Buffer or the browser's btoa.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export const encodeBase64Url = (bytes: Uint8Array): string => {
  let text = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i] ?? 0;
    const b1 = bytes[i + 1] ?? 0;
    const b2 = bytes[i + 2] ?? 0;
    const remaining = bytes.length - i;
    text += ALPHABET[b0 >> 2];
    text += ALPHABET[((b0 & 0x03) << 4) | (b1 >> 4)];
    if (remaining > 1) text += ALPHABET[((b1 & 0x0f) << 2) | (b2 >> 6)];
    if (remaining > 2) text += ALPHABET[b2 & 0x3f];
  }
  return text;
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
