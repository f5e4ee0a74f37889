import { Cipher, Hkdf, KeyAgreement, SecureRandom, X25519KeyPair } from '../../ports/client-crypto';
import type { SealedEnvelope } from '../../../domain/protocol/wire';
import { encodeB64u } from '../../../domain/protocol/encoding/b64u';
import { concatBytes, equalBytes } from '../../../domain/protocol/encoding/bytes';
import { encodeUtf8 } from '../../../domain/protocol/encoding/utf8';
import { X25519_KEY_BYTES } from '../../../domain/protocol/low-order-points';
import { err, ok, Result } from '../../../domain/protocol/result';
import { parseNoncedCiphertext, parsePublicKey } from './envelope-fields';
import { decryptPaddedText, encryptPaddedText } from './padded-aead';
import { InvalidKey, OpenFailure } from './protocol-errors';
import { LABELS, SYMMETRIC_KEY_BYTES } from './protocol-labels';

/*
 * seal(purpose, P, data) (PROTOCOL §4): an ephemeral pair (e, E);
 * k = HKDF(DH(e, P), salt = E || P, "starbase/1 seal " + purpose, 32);
 * envelope {v: 1, epk: E, nonce, ct} with AES-256-GCM under k and aad = E.
 * The purpose in the key keeps an envelope made for one purpose from opening as another.
 */

export type SealPurpose = 'friend-request' | 'friend-accept' | 'open-drop';

export type SealPorts = {
  readonly keyAgreement: KeyAgreement;
  readonly hkdf: Hkdf;
  readonly cipher: Cipher;
  readonly random: SecureRandom;
};

export interface SealInput {
  readonly purpose: SealPurpose;
  readonly recipientPublicKey: Uint8Array;
  readonly plaintext: string;
  /**
   * The ephemeral pair to seal with; generated when absent. A friend request passes its e_A here
   * (PROTOCOL §4.1 step 3) — it must be fresh and used for this one seal only.
   */
  readonly ephemeral?: X25519KeyPair;
}

export interface OpenSealedInput {
  readonly purpose: SealPurpose;
  /** The recipient's identity key pair: P and its private half. */
  readonly recipient: X25519KeyPair;
  readonly envelope: SealedEnvelope;
}

export interface OpenedSeal {
  readonly plaintext: string;
  /** E, the envelope's `epk`: a friend request's `ephemeralKey` must equal it. */
  readonly ephemeralPublicKey: Uint8Array;
}

const SEALED_ENVELOPE_MEMBERS = ['v', 'epk', 'nonce', 'ct'] as const;

const sealKey = async (
  ports: Pick<SealPorts, 'keyAgreement' | 'hkdf'>,
  purpose: SealPurpose,
  privateKey: Uint8Array,
  peerPublicKey: Uint8Array,
  ephemeralPublicKey: Uint8Array,
  recipientPublicKey: Uint8Array,
): Promise<Result<Uint8Array, InvalidKey>> => {
  const shared = await ports.keyAgreement.deriveShared(privateKey, peerPublicKey);
  if (!shared.ok) return shared;
  const salt = concatBytes(ephemeralPublicKey, recipientPublicKey);
  const key = await ports.hkdf.derive(shared.value, salt, encodeUtf8(LABELS.sealPrefix + purpose), SYMMETRIC_KEY_BYTES);
  shared.value.fill(0);
  return ok(key);
};

export const seal = async (ports: SealPorts, input: SealInput): Promise<Result<SealedEnvelope, InvalidKey>> => {
  const ephemeral = input.ephemeral ?? (await ports.keyAgreement.generateKeyPair());
  if (ephemeral.publicKey.length !== X25519_KEY_BYTES) return err('crypto/invalid-key');
  const key = await sealKey(
    ports,
    input.purpose,
    ephemeral.privateKey,
    input.recipientPublicKey,
    ephemeral.publicKey,
    input.recipientPublicKey,
  );
  if (!key.ok) return key;
  const { nonce, sealed } = await encryptPaddedText(ports, key.value, input.plaintext, ephemeral.publicKey);
  return ok({ v: 1, epk: encodeB64u(ephemeral.publicKey), nonce: encodeB64u(nonce), ct: encodeB64u(sealed) });
};

export const openSealed = async (
  ports: Pick<SealPorts, 'keyAgreement' | 'hkdf' | 'cipher'>,
  input: OpenSealedInput,
): Promise<Result<OpenedSeal, OpenFailure>> => {
  const nonced = parseNoncedCiphertext(input.envelope, SEALED_ENVELOPE_MEMBERS);
  const ephemeralPublicKey = nonced === null ? null : parsePublicKey(input.envelope.epk);
  if (nonced === null || ephemeralPublicKey === null) return err('crypto/malformed');
  const recipientPublicKey = input.recipient.publicKey;
  const key = await sealKey(
    ports,
    input.purpose,
    input.recipient.privateKey,
    ephemeralPublicKey,
    ephemeralPublicKey,
    recipientPublicKey,
  );
  if (!key.ok) return key;
  const plaintext = await decryptPaddedText(ports, key.value, nonced, ephemeralPublicKey);
  return plaintext.ok ? ok({ plaintext: plaintext.value, ephemeralPublicKey }) : plaintext;
};

/** PROTOCOL §4.1 steps 4 and 6: the claimed `ephemeralKey` (b64u) must be the envelope's `epk`. */
export const ephemeralKeyMatches = (opened: OpenedSeal, claimedEphemeralKey: string): boolean => {
  const claimed = parsePublicKey(claimedEphemeralKey);
  return claimed !== null && equalBytes(claimed, opened.ephemeralPublicKey);
};
