import type { Envelope, SealedEnvelope } from '../../../../src/domain/protocol/wire';
import { KdfParams } from '../../../../src/domain/protocol/account-rules';

/** Valid PROTOCOL bodies to answer with; b64u strings have the lengths the wire schemas demand. */
export const b64u = (bytes: number, fill = 'A'): string => fill.repeat(Math.ceil((bytes * 4) / 3));

export const SESSION = 'session-token-for-tests';
export const DROP_TOKEN = 'drop-token-AAAAAAAAAAAAAAAAAAAAAAAA';

export const discoveryBody = {
  protocol: 'starbase/1',
  api: '/api/v1',
  registration: 'open',
  captcha: 'pow',
  limits: { blobBytes: 16777216, envelopeBytes: 65536, inboxItems: 10000 },
};

export const kdfBody: KdfParams = {
  algorithm: 'argon2id',
  salt: b64u(16),
  memoryKiB: 65536,
  iterations: 3,
  parallelism: 1,
};

export const sealedEnvelope: SealedEnvelope = { v: 1, epk: b64u(32, 'E'), nonce: b64u(12, 'N'), ct: b64u(48, 'C') };
export const messageEnvelope: Envelope = { v: 1, nonce: b64u(12, 'N'), ct: b64u(48, 'M') };

export const inboxItem = (id: string, envelope: Envelope = messageEnvelope) => ({
  id,
  kind: 'drop',
  tokenId: 'tok-1',
  receivedAt: 1_700_000_000_000,
  envelope,
});
