import { bytesToHex, hexToBytes } from '../../../../../src/domain/protocol/encoding/bytes';

/** Bytes of a hex literal in a test; a typo in the literal fails loudly instead of testing nothing. */
export const hex = (text: string): Uint8Array => {
  const bytes = hexToBytes(text);
  if (bytes === null) throw new Error(`not hex: ${text}`);
  return bytes;
};

export const toHex = bytesToHex;

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
