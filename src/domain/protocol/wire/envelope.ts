import { Static } from '@sinclair/typebox';
import { Type } from './type';
import { B64u, PublicKey, WIRE_CEILINGS } from './primitives';

const AES_GCM_TAG_BYTES = 16;
const Nonce = B64u(12, 12, 'AES-GCM nonce, 12 bytes');
const Ciphertext = B64u(AES_GCM_TAG_BYTES, WIRE_CEILINGS.envelopeBytes, 'AES-256-GCM ciphertext with tag');

/** PROTOCOL §4 seal(): friend requests, acceptances, open drops. */
export const SealedEnvelope = Type.Object(
  { v: Type.Literal(1), epk: PublicKey, nonce: Nonce, ct: Ciphertext },
  { additionalProperties: false },
);
export type SealedEnvelope = Static<typeof SealedEnvelope>;

/** PROTOCOL §4.2 message between friends, under the direction key. */
export const MessageEnvelope = Type.Object(
  { v: Type.Literal(1), nonce: Nonce, ct: Ciphertext },
  { additionalProperties: false },
);
export type MessageEnvelope = Static<typeof MessageEnvelope>;

export const Envelope = Type.Union([SealedEnvelope, MessageEnvelope]);
export type Envelope = Static<typeof Envelope>;
