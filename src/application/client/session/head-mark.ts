import { HeadMark } from '../../../domain/messaging/fork-log';
import { decodeB64u, encodeB64u } from '../../../domain/protocol/encoding/b64u';
import { Digest } from '../../ports/client-crypto';

/** The fork log's name for a head (PROTOCOL §8.3): its version and the SHA-256 of its ciphertext bytes. */
export const markOfHead = async (crypto: { readonly digest: Digest }, version: number, ciphertext: string): Promise<HeadMark> => {
  const bytes = decodeB64u(ciphertext) ?? new Uint8Array(0);
  return { version, hash: encodeB64u(await crypto.digest.sha256(bytes)) };
};
