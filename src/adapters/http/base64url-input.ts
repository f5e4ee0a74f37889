import { decodeB64u } from '../../domain/protocol/encoding/b64u';
import { validationProblem } from './problem';

/**
 * Decodes a b64u field the schema already limited to the alphabet and a length range, insisting on
 * the canonical spelling (no impossible lengths, no stray bits), so bad input is a 400, never a 5xx.
 */
export const decodeB64uField = (text: string, field: string): Uint8Array => {
  const bytes = decodeB64u(text);
  if (bytes === null) throw validationProblem(`${field} is not canonical base64url`);
  return bytes;
};

/**
 * Accepts exactly the texts the domain's strict `decodeB64u` accepts, with Node's native codec
 * (3–4× faster on a drop's 1.4 KB ciphertext, where the pure codec was the route's costliest own
 * step). Node's decoder is lenient (it skips characters outside the alphabet, takes `+`, `/` and
 * padding, drops stray bits and a lone last character), but its encoder writes the one canonical
 * spelling, so only a canonical text survives the round trip unchanged.
 */
export const isCanonicalB64uText = (text: string): boolean => Buffer.from(text, 'base64url').toString('base64url') === text;

/** Checks every b64u field of an envelope without keeping the bytes (the server stores the text). */
export const checkEnvelopeEncoding = (envelope: Record<string, unknown>): void => {
  for (const field of ['epk', 'nonce', 'ct'] as const) {
    const value = envelope[field];
    if (typeof value === 'string' && !isCanonicalB64uText(value)) throw validationProblem(`envelope.${field} is not canonical base64url`);
  }
};
