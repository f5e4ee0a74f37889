import { Cipher, Hkdf, SecureRandom } from '../../ports/client-crypto';
import type { MessageEnvelope } from '../../../domain/protocol/wire';
import { encodeB64u } from '../../../domain/protocol/encoding/b64u';
import { encodeUtf8 } from '../../../domain/protocol/encoding/utf8';
import { err, ok, Result } from '../../../domain/protocol/result';
import { parseNoncedCiphertext } from './envelope-fields';
import { decryptPaddedText, encryptPaddedText } from './padded-aead';
import { OpenFailure } from './protocol-errors';
import { EMPTY_SALT, LABELS, SYMMETRIC_KEY_BYTES } from './protocol-labels';

/*
 * PROTOCOL §4.2: k(A→B) = HKDF(K, salt = empty, "starbase/1 msg " + from + " > " + to, 32);
 * envelope {v: 1, nonce, ct} with aad = the same label. Separate keys per direction, and the
 * label in the aad, keep a message from being reflected back to its sender or to another pair.
 */

/** Canonical addresses, exactly as exchanged in the handshake's `from` fields. */
export interface MessageDirection {
  readonly from: string;
  readonly to: string;
}

export interface MessageCipherInput extends MessageDirection {
  readonly friendshipKey: Uint8Array;
}

const MESSAGE_ENVELOPE_MEMBERS = ['v', 'nonce', 'ct'] as const;

const directionLabel = ({ from, to }: MessageDirection): Uint8Array => encodeUtf8(`${LABELS.messagePrefix}${from} > ${to}`);

export const deriveDirectionKey = (
  ports: { readonly hkdf: Hkdf },
  friendshipKey: Uint8Array,
  direction: MessageDirection,
): Promise<Uint8Array> => ports.hkdf.derive(friendshipKey, EMPTY_SALT, directionLabel(direction), SYMMETRIC_KEY_BYTES);

export const encryptMessage = async (
  ports: { readonly hkdf: Hkdf; readonly cipher: Cipher; readonly random: SecureRandom },
  input: MessageCipherInput & { readonly plaintext: string },
): Promise<MessageEnvelope> => {
  const key = await deriveDirectionKey(ports, input.friendshipKey, input);
  const { nonce, sealed } = await encryptPaddedText(ports, key, input.plaintext, directionLabel(input));
  return { v: 1, nonce: encodeB64u(nonce), ct: encodeB64u(sealed) };
};

/** The plaintext, or why the envelope is not a message from `from` to `to` under this friendship. */
export const decryptMessage = async (
  ports: { readonly hkdf: Hkdf; readonly cipher: Cipher },
  input: MessageCipherInput & { readonly envelope: MessageEnvelope },
): Promise<Result<string, OpenFailure>> => {
  const nonced = parseNoncedCiphertext(input.envelope, MESSAGE_ENVELOPE_MEMBERS);
  if (nonced === null) return err('crypto/malformed');
  const key = await deriveDirectionKey(ports, input.friendshipKey, input);
  const plaintext = await decryptPaddedText(ports, key, nonced, directionLabel(input));
  return plaintext.ok ? ok(plaintext.value) : plaintext;
};
