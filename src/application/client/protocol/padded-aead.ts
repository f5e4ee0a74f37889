import { AES_GCM_NONCE_BYTES, AES_GCM_TAG_BYTES, Cipher, DecryptFailed, SecureRandom } from '../../ports/client-crypto';
import { PADDING_BLOCK_BYTES, padPlaintext, unpadPlaintext } from '../../../domain/protocol/encoding/padding';
import { err, ok, Result } from '../../../domain/protocol/result';
import { decodeUtf8Text, encodeUtf8Text } from './platform-utf8';

/*
 * The AES-256-GCM step every construction shares: text is UTF-8 encoded and padded (PROTOCOL §4)
 * before encryption under a fresh random nonce; after decryption, bad padding or bad UTF-8 is a
 * decryption failure like a bad tag.
 */

export interface NoncedCiphertext {
  readonly nonce: Uint8Array;
  /** ciphertext || tag */
  readonly sealed: Uint8Array;
}

export const encryptPaddedText = async (
  ports: { readonly cipher: Cipher; readonly random: SecureRandom },
  key: Uint8Array,
  plaintext: string,
  aad: Uint8Array,
): Promise<NoncedCiphertext> => {
  const nonce = ports.random.bytes(AES_GCM_NONCE_BYTES);
  const sealed = await ports.cipher.encrypt(key, nonce, padPlaintext(encodeUtf8Text(plaintext)), aad);
  return { nonce, sealed };
};

export const decryptPaddedText = async (
  ports: { readonly cipher: Cipher },
  key: Uint8Array,
  { nonce, sealed }: NoncedCiphertext,
  aad: Uint8Array,
): Promise<Result<string, DecryptFailed>> => {
  const decrypted = await ports.cipher.decrypt(key, nonce, sealed, aad);
  if (!decrypted.ok) return decrypted;
  const unpadded = unpadPlaintext(decrypted.value);
  const text = unpadded === null ? null : decodeUtf8Text(unpadded);
  return text === null ? err('crypto/decrypt-failed') : ok(text);
};

/** Whether `sealed` has a length padded plaintext plus tag can have; anything else is malformed. */
export const hasPaddedCiphertextLength = (sealed: Uint8Array): boolean => {
  const paddedLength = sealed.length - AES_GCM_TAG_BYTES;
  return paddedLength >= PADDING_BLOCK_BYTES && paddedLength % PADDING_BLOCK_BYTES === 0;
};
