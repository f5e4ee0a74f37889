import { ClientCrypto } from '../../../../../src/application/ports/client-crypto';
import type { MessageEnvelope, SealedEnvelope } from '../../../../../src/domain/protocol/wire';
import { openSealed, seal } from '../../../../../src/application/client/protocol/seal';
import { decryptMessage, encryptMessage } from '../../../../../src/application/client/protocol/message-cipher';
import { computeSafetyNumber } from '../../../../../src/application/client/protocol/safety-number';
import { KDF_DEFAULT } from '../../../../../src/domain/protocol/account-rules';

/** Wall-clock figures for scripts/crypto-timings.ts; never asserted on in tests. */
export interface CryptoTimings {
  readonly argon2idFirstMs: number;
  readonly argon2idWarmMs: number;
  readonly sealMsPerMessage: number;
  readonly openMsPerMessage: number;
  readonly encryptMessageMsPerMessage: number;
  readonly decryptMessageMsPerMessage: number;
  /** Two fingerprints of 5200 SHA-512 rounds each. */
  readonly safetyNumberMs: number;
}

const elapsed = async (work: () => Promise<unknown>): Promise<number> => {
  const started = performance.now();
  await work();
  return performance.now() - started;
};

export const measureCryptoTimings = async (crypto: ClientCrypto, messages: number): Promise<CryptoTimings> => {
  const password = new Uint8Array(16).fill(0x61);
  const salt = crypto.random.bytes(16);
  const argon2idFirstMs = await elapsed(() => crypto.keyDerivation.argon2id(password, salt, KDF_DEFAULT));
  const argon2idWarmMs = await elapsed(() => crypto.keyDerivation.argon2id(password, salt, KDF_DEFAULT));

  const recipient = await crypto.keyAgreement.generateKeyPair();
  const body = JSON.stringify({ type: 'message', id: 'x', seq: 1, sentAt: 0, body: 'a typical short message of about eighty characters, give or take.' });
  const envelopes: SealedEnvelope[] = [];
  const sealMs = await elapsed(async () => {
    for (let i = 0; i < messages; i++) {
      const sealed = await seal(crypto, { purpose: 'open-drop', recipientPublicKey: recipient.publicKey, plaintext: body });
      if (!sealed.ok) throw new Error(sealed.error);
      envelopes.push(sealed.value);
    }
  });
  const openMs = await elapsed(async () => {
    for (const envelope of envelopes) {
      const opened = await openSealed(crypto, { purpose: 'open-drop', recipient, envelope });
      if (!opened.ok) throw new Error(opened.error);
    }
  });

  const direction = { friendshipKey: crypto.random.bytes(32), from: 'alice@a.example', to: 'bob@b.example' };
  const messageEnvelopes: MessageEnvelope[] = [];
  const encryptMs = await elapsed(async () => {
    for (let i = 0; i < messages; i++) messageEnvelopes.push(await encryptMessage(crypto, { ...direction, plaintext: body }));
  });
  const decryptMs = await elapsed(async () => {
    for (const envelope of messageEnvelopes) {
      const opened = await decryptMessage(crypto, { ...direction, envelope });
      if (!opened.ok) throw new Error(opened.error);
    }
  });

  const parties = [
    { identityKey: recipient.publicKey, address: 'alice@a.example' },
    { identityKey: crypto.random.bytes(32), address: 'bob@b.example' },
  ] as const;
  const safetyNumberMs = await elapsed(() => computeSafetyNumber(crypto, ...parties));

  return {
    argon2idFirstMs,
    argon2idWarmMs,
    sealMsPerMessage: sealMs / messages,
    openMsPerMessage: openMs / messages,
    encryptMessageMsPerMessage: encryptMs / messages,
    decryptMessageMsPerMessage: decryptMs / messages,
    safetyNumberMs,
  };
};
