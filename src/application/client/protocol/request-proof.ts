import { decodeB64u, encodeB64u } from '../../../domain/protocol/encoding/b64u';
import { concatBytes, equalBytes } from '../../../domain/protocol/encoding/bytes';
import { encodeUtf8 } from '../../../domain/protocol/encoding/utf8';
import { Digest, Hkdf, KeyAgreement, X25519KeyPair } from '../../ports/client-crypto';
import { LABELS, SYMMETRIC_KEY_BYTES } from './protocol-labels';

/*
 * Proof of possession in a friend request (docs/protocol-decisions.md, an addition to PROTOCOL
 * §4.1 step 3). A sealed request proves nothing about its sender, and the profile check of step 4
 * only shows that the named key is the claimed address's key — which anyone can copy. The proof
 * shows the sender holds that key's private half:
 *   proof = b64u(HMAC-SHA-256(HKDF(DH(ik_A, IK_B), salt = E_A, "starbase/1 request proof", 32),
 *                             IK_A || IK_B || E_A || UTF-8(from)))
 * Only A and B can compute it, so it convinces B and nobody else (it is deniable, like K).
 */

export type RequestProofPorts = { readonly keyAgreement: KeyAgreement; readonly hkdf: Hkdf; readonly digest: Digest };

export interface RequestProofInput {
  /** Our identity pair: ik_A when sending, ik_B when checking. */
  readonly identity: X25519KeyPair;
  /** The other side's identity key: IK_B when sending, the claimed IK_A when checking. */
  readonly peerIdentityKey: Uint8Array;
  readonly role: 'requester' | 'recipient';
  /** E_A, the request's ephemeral key. */
  readonly ephemeralKey: Uint8Array;
  /** The request's `from`, exactly as sent. */
  readonly from: string;
}

const proofMac = async (ports: RequestProofPorts, input: RequestProofInput): Promise<Uint8Array | null> => {
  const shared = await ports.keyAgreement.deriveShared(input.identity.privateKey, input.peerIdentityKey);
  if (!shared.ok) return null;
  const key = await ports.hkdf.derive(shared.value, input.ephemeralKey, encodeUtf8(LABELS.requestProof), SYMMETRIC_KEY_BYTES);
  shared.value.fill(0);
  const requesterKey = input.role === 'requester' ? input.identity.publicKey : input.peerIdentityKey;
  const recipientKey = input.role === 'requester' ? input.peerIdentityKey : input.identity.publicKey;
  return ports.digest.hmacSha256(key, concatBytes(requesterKey, recipientKey, input.ephemeralKey, encodeUtf8(input.from)));
};

/** The request's `proof` member; null only for a recipient key no DH can use (already refused upstream). */
export const computeRequestProof = async (ports: RequestProofPorts, input: Omit<RequestProofInput, 'role'>): Promise<string | null> => {
  const mac = await proofMac(ports, { ...input, role: 'requester' });
  return mac === null ? null : encodeB64u(mac);
};

export const verifyRequestProof = async (
  ports: RequestProofPorts,
  input: Omit<RequestProofInput, 'role'>,
  proof: string,
): Promise<boolean> => {
  const claimed = decodeB64u(proof);
  if (claimed === null) return false;
  const expected = await proofMac(ports, { ...input, role: 'recipient' });
  return expected !== null && equalBytes(claimed, expected);
};
