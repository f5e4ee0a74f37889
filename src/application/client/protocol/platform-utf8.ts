import { decodeUtf8, encodeUtf8 } from '../../../domain/protocol/encoding/utf8';

/*
 * UTF-8 for plaintexts that may be many MiB (the user blob): the runtime's TextEncoder and
 * TextDecoder, standard in browsers and Node, are several times faster than the domain's pure
 * codec, which stays the reference (a test checks they agree) and the fallback.
 * The decoder keeps the domain codec's strictness: `fatal`, so malformed bytes after decryption
 * still fail, and `ignoreBOM`, so a leading U+FEFF is kept as text rather than dropped.
 */

const platformEncoder = typeof TextEncoder === 'function' ? new TextEncoder() : null;
const platformDecoder = typeof TextDecoder === 'function' ? new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }) : null;

export const encodeUtf8Text = (text: string): Uint8Array => (platformEncoder === null ? encodeUtf8(text) : platformEncoder.encode(text));

/** The text, or null for bytes that are not well-formed UTF-8. */
export const decodeUtf8Text = (bytes: Uint8Array): string | null => {
  if (platformDecoder === null) return decodeUtf8(bytes);
  try {
    return platformDecoder.decode(bytes);
  } catch (error) {
    // A fatal TextDecoder reports malformed input as a TypeError; anything else is a bug. By
    // name, not instanceof: the decoder may come from another realm (a Node VM context, a frame).
    if (isTypeError(error)) return null;
    throw error;
  }
};

const isTypeError = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { readonly name?: unknown }).name === 'TypeError';
