import { Digest, Hkdf, KeyAgreement, X25519KeyPair } from '../../ports/client-crypto';
import { decodeB64u, encodeB64u } from '../../../domain/protocol/encoding/b64u';
import { concatBytes, equalBytes } from '../../../domain/protocol/encoding/bytes';
import { encodeUtf8 } from '../../../domain/protocol/encoding/utf8';
import { ok, Result } from '../../../domain/protocol/result';
import { InvalidKey } from './protocol-errors';
import { EMPTY_SALT, LABELS, SYMMETRIC_KEY_BYTES } from './protocol-labels';

/*
 * PROTOCOL §4.1 step 7, with A the requester and B the accepter:
 * K = HKDF(DH(e_A, F_B) || DH(ik_A, F_B) || DH(e_A, IK_B),
 *          salt = SHA-256(IK_A || IK_B || E_A || F_B), "starbase/1 friendship", 32)
 * confirm = b64u(HMAC-SHA-256(HKDF(K, salt = empty, "starbase/1 confirm", 32), E_A || F_B))
 */

export type FriendshipRole = 'requester' | 'accepter';

export interface FriendshipKeyInput {
  /** Which side of the handshake the caller is: A (sent the request) or B (accepts it). */
  readonly role: FriendshipRole;
  readonly identity: X25519KeyPair;
  /** The caller's ephemeral pair: (e_A, E_A) for the requester, (f_B, F_B) for the accepter. */
  readonly ephemeral: X25519KeyPair;
  readonly peerIdentityKey: Uint8Array;
  readonly peerEphemeralKey: Uint8Array;
}

export type FriendshipKeyPorts = {
  readonly keyAgreement: KeyAgreement;
  readonly hkdf: Hkdf;
  readonly digest: Digest;
};

export const deriveFriendshipKey = async (
  ports: FriendshipKeyPorts,
  input: FriendshipKeyInput,
): Promise<Result<Uint8Array, InvalidKey>> => {
  const requester = input.role === 'requester';
  const IK_A = requester ? input.identity.publicKey : input.peerIdentityKey;
  const IK_B = requester ? input.peerIdentityKey : input.identity.publicKey;
  const E_A = requester ? input.ephemeral.publicKey : input.peerEphemeralKey;
  const F_B = requester ? input.peerEphemeralKey : input.ephemeral.publicKey;
  // Each pair is one DH of the formula seen from the caller's side; both sides get equal values.
  const exchanges: ReadonlyArray<readonly [Uint8Array, Uint8Array]> = requester
    ? [
        [input.ephemeral.privateKey, F_B],
        [input.identity.privateKey, F_B],
        [input.ephemeral.privateKey, IK_B],
      ]
    : [
        [input.ephemeral.privateKey, E_A],
        [input.ephemeral.privateKey, IK_A],
        [input.identity.privateKey, E_A],
      ];
  const secrets: Uint8Array[] = [];
  for (const [privateKey, publicKey] of exchanges) {
    const shared = await ports.keyAgreement.deriveShared(privateKey, publicKey);
    if (!shared.ok) return shared;
    secrets.push(shared.value);
  }
  const ikm = concatBytes(...secrets);
  const salt = await ports.digest.sha256(concatBytes(IK_A, IK_B, E_A, F_B));
  const key = await ports.hkdf.derive(ikm, salt, encodeUtf8(LABELS.friendship), SYMMETRIC_KEY_BYTES);
  for (const secret of [ikm, ...secrets]) secret.fill(0);
  return ok(key);
};

const confirmationMac = async (
  ports: Pick<FriendshipKeyPorts, 'hkdf' | 'digest'>,
  friendshipKey: Uint8Array,
  requesterEphemeralKey: Uint8Array,
  accepterEphemeralKey: Uint8Array,
): Promise<Uint8Array> => {
  const confirmKey = await ports.hkdf.derive(friendshipKey, EMPTY_SALT, encodeUtf8(LABELS.confirm), SYMMETRIC_KEY_BYTES);
  return ports.digest.hmacSha256(confirmKey, concatBytes(requesterEphemeralKey, accepterEphemeralKey));
};

/** The acceptance's `confirm` member (b64u), proving the accepter derived the same K. */
export const computeFriendshipConfirmation = async (
  ports: Pick<FriendshipKeyPorts, 'hkdf' | 'digest'>,
  friendshipKey: Uint8Array,
  requesterEphemeralKey: Uint8Array,
  accepterEphemeralKey: Uint8Array,
): Promise<string> => encodeB64u(await confirmationMac(ports, friendshipKey, requesterEphemeralKey, accepterEphemeralKey));

export const verifyFriendshipConfirmation = async (
  ports: Pick<FriendshipKeyPorts, 'hkdf' | 'digest'>,
  friendshipKey: Uint8Array,
  requesterEphemeralKey: Uint8Array,
  accepterEphemeralKey: Uint8Array,
  confirm: string,
): Promise<boolean> => {
  const claimed = decodeB64u(confirm);
  if (claimed === null) return false;
  const expected = await confirmationMac(ports, friendshipKey, requesterEphemeralKey, accepterEphemeralKey);
  return equalBytes(claimed, expected);
};
