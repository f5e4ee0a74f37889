import { randomBytes } from 'node:crypto';
import { createWebCryptoSuite } from '../../src/adapters/crypto/web-crypto-suite';
import { FriendRequestPayload } from '../../src/application/client/peers/peer-payloads';
import { computeRequestProof } from '../../src/application/client/protocol/request-proof';
import { seal } from '../../src/application/client/protocol/seal';
import { solvePowCaptcha } from '../../src/application/client/protocol/solve-pow-captcha';
import { HomeServerGateway } from '../../src/application/ports/home-server-gateway';
import { decodeB64u, encodeB64u } from '../../src/domain/protocol/encoding/b64u';

const crypto = createWebCryptoSuite();

export interface ForgedRequest {
  /** The address the request claims to come from. */
  readonly from: string;
  readonly note?: string;
  /** The identity key named in the request: by default a fresh key the forger holds. */
  readonly identityKey?: string;
  /**
   * 'valid': a proof of possession made with the forger's own key (right only when the request
   * names that key); 'bogus': random bytes; 'none': no proof, as an older client sends.
   */
  readonly proof?: 'valid' | 'bogus' | 'none';
  /** Any other member, e.g. a hostile sentAt. */
  readonly extra?: Record<string, unknown>;
}

/**
 * A friend request built by hand and sent to `recipient` at the gateway's server, as a stranger
 * would: sealed to the recipient's published key, with a solved proof-of-work captcha.
 */
export const sendForgedRequest = async (gateway: HomeServerGateway, recipient: string, forged: ForgedRequest): Promise<void> => {
  const profile = await gateway.getProfile(recipient);
  const captcha = await gateway.getCaptcha(recipient);
  if (!profile.ok || !captcha.ok || captcha.value.kind !== 'pow') throw new Error('no profile or pow captcha');
  const recipientKey = decodeB64u(profile.value.identityKey) ?? new Uint8Array();
  const forger = await crypto.keyAgreement.generateKeyPair();
  const ephemeral = await crypto.keyAgreement.generateKeyPair();
  const proofOf = async (): Promise<string | undefined> => {
    if (forged.proof === 'none') return undefined;
    if (forged.proof === 'bogus') return encodeB64u(randomBytes(32));
    const proof = await computeRequestProof(crypto, { identity: forger, peerIdentityKey: recipientKey, ephemeralKey: ephemeral.publicKey, from: forged.from });
    return proof ?? undefined;
  };
  const proof = await proofOf();
  const payload: FriendRequestPayload & Record<string, unknown> = {
    type: 'friend-request',
    from: forged.from,
    identityKey: forged.identityKey ?? encodeB64u(forger.publicKey),
    dropToken: encodeB64u(randomBytes(16)),
    ephemeralKey: encodeB64u(ephemeral.publicKey),
    note: forged.note ?? 'hello',
    sentAt: Date.now(),
    ...(proof === undefined ? {} : { proof }),
    ...forged.extra,
  };
  const envelope = await seal(crypto, { purpose: 'friend-request', recipientPublicKey: recipientKey, plaintext: JSON.stringify(payload), ephemeral });
  const answer = await solvePowCaptcha(crypto.digest, captcha.value);
  if (!envelope.ok || answer === null) throw new Error('could not forge');
  const sent = await gateway.sendFriendRequest(recipient, { captcha: { id: captcha.value.id, answer }, envelope: envelope.value });
  if (!sent.ok) throw new Error(sent.error.code);
};
