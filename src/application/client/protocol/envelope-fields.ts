import { AES_GCM_NONCE_BYTES } from '../../ports/client-crypto';
import { decodeB64u } from '../../../domain/protocol/encoding/b64u';
import { isCanonicalX25519Key } from '../../../domain/protocol/low-order-points';
import { hasPaddedCiphertextLength, NoncedCiphertext } from './padded-aead';

/*
 * Envelopes arrive from servers and peers: typed by the gateway's schema, but checked here again
 * byte by byte, since the crypto must not depend on every caller having validated.
 */

const hasExactlyMembers = (value: object, members: readonly string[]): boolean => {
  const keys = Object.keys(value);
  return keys.length === members.length && members.every((member) => keys.includes(member));
};

export const parseNoncedCiphertext = (envelope: unknown, members: readonly string[]): NoncedCiphertext | null => {
  if (typeof envelope !== 'object' || envelope === null || !hasExactlyMembers(envelope, members)) return null;
  const fields = envelope as Record<string, unknown>;
  if (fields.v !== 1 || typeof fields.nonce !== 'string' || typeof fields.ct !== 'string') return null;
  const nonce = decodeB64u(fields.nonce);
  const sealed = decodeB64u(fields.ct);
  if (nonce === null || nonce.length !== AES_GCM_NONCE_BYTES || sealed === null) return null;
  return hasPaddedCiphertextLength(sealed) ? { nonce, sealed } : null;
};

/** A peer's or server's X25519 key: 32 bytes in its one canonical spelling (bit 255 clear, u < p). */
export const parsePublicKey = (text: unknown): Uint8Array | null => {
  const key = typeof text === 'string' ? decodeB64u(text) : null;
  return key !== null && isCanonicalX25519Key(key) ? key : null;
};
