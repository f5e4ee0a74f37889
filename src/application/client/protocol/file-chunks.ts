import { AES_GCM_NONCE_BYTES, Cipher } from '../../ports/client-crypto';
import { padToBlock, unpadFromBlock } from '../../../domain/protocol/encoding/padding';
import { encodeUtf8 } from '../../../domain/protocol/encoding/utf8';
import { err, ok, Result } from '../../../domain/protocol/result';
import { DecryptFailed } from './protocol-errors';
import { LABELS } from './protocol-labels';

/*
 * One chunk of a file (PROTOCOL §9.1). The nonce is derived, never stored:
 *   4 zero bytes || chunk index as 7-byte big-endian || 0x01 for the last chunk, else 0x00
 * so a chunk decrypts only at its own position and only the real last chunk decrypts as last:
 * reordering, truncating or splicing chunks fails like a bad tag. The file key is fresh per file,
 * which is what makes the constant aad and the counter nonces safe.
 */

/** The last chunk is padded to a multiple of this, so a server learns a file's size only to within 64 KiB. */
export const FILE_PAD_BLOCK_BYTES = 65_536;
const LAST_CHUNK_FLAG = 0x01;
const INDEX_BYTES = 7;
const FILE_AAD = encodeUtf8(LABELS.file);

export const fileChunkNonce = (index: number, last: boolean): Uint8Array => {
  if (!Number.isSafeInteger(index) || index < 0) throw new RangeError(`chunk index ${index} is not a whole number ≥ 0`);
  const nonce = new Uint8Array(AES_GCM_NONCE_BYTES);
  let rest = index;
  for (let position = 4 + INDEX_BYTES - 1; position >= 4; position--) {
    nonce[position] = rest % 256;
    rest = Math.floor(rest / 256);
  }
  nonce[AES_GCM_NONCE_BYTES - 1] = last ? LAST_CHUNK_FLAG : 0;
  return nonce;
};

/** `plaintext` is at most FILE_CHUNK_BYTES; the last chunk is padded (0x80, zeros) before encryption. */
export const sealFileChunk = (
  ports: { readonly cipher: Cipher },
  fileKey: Uint8Array,
  index: number,
  last: boolean,
  plaintext: Uint8Array,
): Promise<Uint8Array> =>
  ports.cipher.encrypt(fileKey, fileChunkNonce(index, last), last ? padToBlock(plaintext, FILE_PAD_BLOCK_BYTES) : plaintext, FILE_AAD);

export const openFileChunk = async (
  ports: { readonly cipher: Cipher },
  fileKey: Uint8Array,
  index: number,
  last: boolean,
  sealed: Uint8Array,
): Promise<Result<Uint8Array, DecryptFailed>> => {
  const opened = await ports.cipher.decrypt(fileKey, fileChunkNonce(index, last), sealed, FILE_AAD);
  if (!opened.ok || !last) return opened;
  const unpadded = unpadFromBlock(opened.value, FILE_PAD_BLOCK_BYTES);
  return unpadded === null ? err('crypto/decrypt-failed') : ok(unpadded);
};
