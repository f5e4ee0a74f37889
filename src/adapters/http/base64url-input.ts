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

/** Checks every b64u field of an envelope without keeping the bytes (the server stores the text). */
export const checkEnvelopeEncoding = (envelope: Record<string, unknown>): void => {
  for (const field of ['epk', 'nonce', 'ct'] as const) {
    const value = envelope[field];
    if (typeof value === 'string') decodeB64uField(value, `envelope.${field}`);
  }
};
