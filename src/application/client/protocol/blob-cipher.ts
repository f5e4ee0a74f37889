import { AES_GCM_NONCE_BYTES, Cipher, SecureRandom } from '../../ports/client-crypto';
import { decodeB64u, encodeB64u } from '../../../domain/protocol/encoding/b64u';
import { concatBytes } from '../../../domain/protocol/encoding/bytes';
import { encodeUtf8 } from '../../../domain/protocol/encoding/utf8';
import { err, Result } from '../../../domain/protocol/result';
import { decryptPaddedText, encryptPaddedText, hasPaddedCiphertextLength } from './padded-aead';
import { DecryptFailed, Malformed } from './protocol-errors';
import { LABELS } from './protocol-labels';

/*
 * The user blob (PROTOCOL §4): b64u(nonce(12) || AES-256-GCM(blobKey, nonce, pad(plaintext),
 * aad = "starbase/1 blob " + name)). The aad names the account, not the address, because one
 * server may be reached under several host names.
 */

const blobAad = (accountName: string): Uint8Array => encodeUtf8(LABELS.blobAadPrefix + accountName);

/** The `ciphertext` member of `PUT /blob` and `POST /accounts`, with a fresh nonce every call. */
export const encryptBlob = async (
  ports: { readonly cipher: Cipher; readonly random: SecureRandom },
  blobKey: Uint8Array,
  accountName: string,
  plaintext: string,
): Promise<string> => {
  const { nonce, sealed } = await encryptPaddedText(ports, blobKey, plaintext, blobAad(accountName));
  return encodeB64u(concatBytes(nonce, sealed));
};

export const decryptBlob = async (
  ports: { readonly cipher: Cipher },
  blobKey: Uint8Array,
  accountName: string,
  ciphertext: string,
): Promise<Result<string, Malformed | DecryptFailed>> => {
  const bytes = decodeB64u(ciphertext);
  if (bytes === null || bytes.length < AES_GCM_NONCE_BYTES) return err('crypto/malformed');
  const nonced = { nonce: bytes.subarray(0, AES_GCM_NONCE_BYTES), sealed: bytes.subarray(AES_GCM_NONCE_BYTES) };
  if (!hasPaddedCiphertextLength(nonced.sealed)) return err('crypto/malformed');
  return decryptPaddedText(ports, blobKey, nonced, blobAad(accountName));
};
