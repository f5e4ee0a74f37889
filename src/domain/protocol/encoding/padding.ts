/** PROTOCOL §4: plaintexts are padded to a multiple of this many bytes, hiding their exact length. */
export const PADDING_BLOCK_BYTES = 256;

const PADDING_MARKER = 0x80;

/** Appends 0x80, then zeros up to the next multiple of `blockBytes` (always at least one byte). */
export const padToBlock = (plaintext: Uint8Array, blockBytes: number): Uint8Array => {
  const paddedLength = (Math.floor(plaintext.length / blockBytes) + 1) * blockBytes;
  const padded = new Uint8Array(paddedLength);
  padded.set(plaintext);
  padded[plaintext.length] = PADDING_MARKER;
  return padded;
};

/** The plaintext, or null when the length or the 0x80 0x00… tail is not what padToBlock makes. */
export const unpadFromBlock = (padded: Uint8Array, blockBytes: number): Uint8Array | null => {
  if (padded.length === 0 || padded.length % blockBytes !== 0) return null;
  let markerIndex = padded.length - 1;
  while (markerIndex >= 0 && padded[markerIndex] === 0) markerIndex--;
  if (markerIndex < 0 || padded[markerIndex] !== PADDING_MARKER) return null;
  // A marker further back than one block means padding the encoder never produces.
  if (padded.length - markerIndex > blockBytes) return null;
  return padded.subarray(0, markerIndex);
};

/** §4 padding of every message, seal and blob plaintext. */
export const padPlaintext = (plaintext: Uint8Array): Uint8Array => padToBlock(plaintext, PADDING_BLOCK_BYTES);

export const unpadPlaintext = (padded: Uint8Array): Uint8Array | null => {
  const unpadded = unpadFromBlock(padded, PADDING_BLOCK_BYTES);
  return unpadded === null ? null : unpadded.slice();
};
