import { decodeB64u, encodeB64u } from '../../../domain/protocol/encoding/b64u';
import { bytesToHex } from '../../../domain/protocol/encoding/bytes';
import { BlobDocument } from '../../../domain/messaging/blob-document';
import { SecureRandom, X25519KeyPair } from '../../ports/client-crypto';

/** b64u from the blob, which this client wrote itself: anything else is a corrupted blob, a bug. */
export const keyBytes = (b64u: string): Uint8Array => {
  const bytes = decodeB64u(b64u);
  if (bytes === null) throw new Error('A key in the blob is not base64url');
  return bytes;
};

export const identityKeyPair = (doc: BlobDocument): X25519KeyPair => ({
  publicKey: keyBytes(doc.identity.publicKey),
  privateKey: keyBytes(doc.identity.privateKey),
});

export const encodeKeyPair = (pair: X25519KeyPair): { readonly publicKey: string; readonly privateKey: string } => ({
  publicKey: encodeB64u(pair.publicKey),
  privateKey: encodeB64u(pair.privateKey),
});

/** RFC 9562 version 4 UUID from the secure random source (message ids, device ids). */
export const randomUuid = (random: SecureRandom): string => {
  const bytes = random.bytes(16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytesToHex(bytes);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};
