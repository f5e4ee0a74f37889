/** PROTOCOL §4: plaintexts are padded to a multiple of this many bytes, hiding their exact length. */
export const PADDING_BLOCK_BYTES = 256;

const PADDING_MARKER = 0x80;

/** Appends 0x80, then zeros up to the next multiple of 256 bytes (always at least one byte). */
export const padPlaintext = (plaintext: Uint8Array): Uint8Array => {
  const paddedLength = (Math.floor(plaintext.length / PADDING_BLOCK_BYTES) + 1) * PADDING_BLOCK_BYTES;
  const padded = new Uint8Array(paddedLength);
  padded.set(plaintext);
  padded[plaintext.length] = PADDING_MARKER;
  return padded;
};

/** The plaintext, or null when the length or the 0x80 0x00… tail is not what padPlaintext makes. */
export const unpadPlaintext = (padded: Uint8Array): Uint8Array | null => {
  if (padded.length === 0 || padded.length % PADDING_BLOCK_BYTES !== 0) return null;
  let markerIndex = padded.length - 1;
  while (markerIndex >= 0 && padded[markerIndex] === 0) markerIndex--;
  if (markerIndex < 0 || padded[markerIndex] !== PADDING_MARKER) return null;
  // A marker further back than one block means padding the encoder never produces.
  if (padded.length - markerIndex > PADDING_BLOCK_BYTES) return null;
  return padded.slice(0, markerIndex);
};
