import { AES_GCM_NONCE_BYTES, Cipher, Hkdf, SecureRandom } from '../../ports/client-crypto';
import { decodeB64u, encodeB64u } from '../../../domain/protocol/encoding/b64u';
import { concatBytes } from '../../../domain/protocol/encoding/bytes';
import { encodeUtf8 } from '../../../domain/protocol/encoding/utf8';
import { OBJECT_ID_BYTES } from '../../../domain/protocol/object-id';
import { err, Result } from '../../../domain/protocol/result';
import { decryptPaddedText, encryptPaddedText, hasPaddedCiphertextLength } from './padded-aead';
import { DecryptFailed, Malformed } from './protocol-errors';
import { LABELS, SYMMETRIC_KEY_BYTES } from './protocol-labels';

/*
 * Objects the owner writes for itself, such as pages of history (PROTOCOL §8.3):
 *   objectKey = HKDF(storeKey, salt = id as UTF-8, "starbase/2 object", 32)
 *   object    = nonce(12) || AES-256-GCM(objectKey, nonce, pad(plaintext), aad = "starbase/2 object " + name + " " + id)
 * A key per id, and the id in the aad, so a server that serves one object in place of another is
 * caught as a decryption failure. Object bodies travel as raw bytes, never base64 in JSON.
 */

/** 16 random bytes as 22 characters of b64u, the id a client chooses for an object it uploads (§8.1). */
export const newObjectId = (random: SecureRandom): string => encodeB64u(random.bytes(OBJECT_ID_BYTES));

const objectKey = (hkdf: Hkdf, storeKey: Uint8Array, id: string): Promise<Uint8Array> =>
  hkdf.derive(storeKey, encodeUtf8(id), encodeUtf8(LABELS.object), SYMMETRIC_KEY_BYTES);

const objectAad = (accountName: string, id: string): Uint8Array => encodeUtf8(`${LABELS.objectAadPrefix}${accountName} ${id}`);

export const sealObject = async (
  ports: { readonly hkdf: Hkdf; readonly cipher: Cipher; readonly random: SecureRandom },
  storeKey: Uint8Array,
  accountName: string,
  id: string,
  plaintext: string,
): Promise<Uint8Array> => {
  const key = await objectKey(ports.hkdf, storeKey, id);
  const { nonce, sealed } = await encryptPaddedText(ports, key, plaintext, objectAad(accountName, id));
  return concatBytes(nonce, sealed);
};

export const openObject = async (
  ports: { readonly hkdf: Hkdf; readonly cipher: Cipher },
  storeKey: Uint8Array,
  accountName: string,
  id: string,
  bytes: Uint8Array,
): Promise<Result<string, Malformed | DecryptFailed>> => {
  const sealed = bytes.subarray(AES_GCM_NONCE_BYTES);
  if (bytes.length < AES_GCM_NONCE_BYTES || !hasPaddedCiphertextLength(sealed)) return err('crypto/malformed');
  const key = await objectKey(ports.hkdf, storeKey, id);
  return decryptPaddedText(ports, key, { nonce: bytes.subarray(0, AES_GCM_NONCE_BYTES), sealed }, objectAad(accountName, id));
};

/** The store key as the head keeps it (b64u of 32 random bytes), or null when it is not one. */
export const decodeStoreKey = (value: unknown): Uint8Array | null => {
  const bytes = typeof value === 'string' ? decodeB64u(value) : null;
  return bytes !== null && bytes.length === SYMMETRIC_KEY_BYTES ? bytes : null;
};
