import { ClientCrypto, X25519KeyPair } from '../../../../../src/application/ports/client-crypto';
import type { MessageEnvelope, SealedEnvelope } from '../../../../../src/domain/protocol/wire';
import { deriveAccountKeys, OfferedKdfParams } from '../../../../../src/application/client/protocol/account-keys';
import { decryptBlob, encryptBlob } from '../../../../../src/application/client/protocol/blob-cipher';
import {
  computeFriendshipConfirmation,
  deriveFriendshipKey,
  verifyFriendshipConfirmation,
} from '../../../../../src/application/client/protocol/friendship-key';
import { decryptMessage, deriveDirectionKey, encryptMessage } from '../../../../../src/application/client/protocol/message-cipher';
import { computeFingerprint, computeSafetyNumber } from '../../../../../src/application/client/protocol/safety-number';
import { ephemeralKeyMatches, openSealed, seal } from '../../../../../src/application/client/protocol/seal';
import { KDF_DEFAULT } from '../../../../../src/domain/protocol/account-rules';
import { decodeB64u, encodeB64u } from '../../../../../src/domain/protocol/encoding/b64u';
import { Result } from '../../../../../src/domain/protocol/result';
import { hex, toHex } from './hex';
import { Report } from './primitive-report';
import { VECTORS } from './vectors';

/*
 * The PROTOCOL §4 constructions with fixed keys, as `name -> outcome`. Deterministic values (K,
 * direction keys, fingerprints, account keys) must come out equal in Node and in Chromium;
 * randomized ones (seals, encryptions) are reported by what opening them gives.
 * The identity keys are RFC 7748 §6.1's Alice and Bob; the ephemeral scalars are §5.2's.
 */

const dh = VECTORS.x25519.diffieHellman;
const [ephemeralScalarA, ephemeralScalarB] = VECTORS.x25519.scalarMultiplication;

export const FIXED = {
  alice: { address: 'alice@a.example', identity: dh.alicePrivate, ephemeral: ephemeralScalarA!.scalar },
  bob: { address: 'bob@b.example:8443', identity: dh.bobPrivate, ephemeral: ephemeralScalarB!.scalar },
  blobKey: '42'.repeat(32),
  interopText: 'interop: ünïcödé ✓ 🚀 {"json":true}',
  // U+FB01 (the "fi" ligature) exercises NFKC: it must derive the same keys as "fi".
  password: 'correct horse \uFB01sh battery',
  kdf: {
    algorithm: 'argon2id',
    salt: encodeB64u(Uint8Array.from({ length: 16 }, (_, index) => index)),
    ...KDF_DEFAULT,
  } satisfies OfferedKdfParams,
} as const;

export interface InteropArtifacts {
  readonly sealedToBob: SealedEnvelope;
  readonly messageAliceToBob: MessageEnvelope;
  readonly blobOfAlice: string;
}

const unwrap = <T>(result: Result<T, string>, what: string): T => {
  if (!result.ok) throw new Error(`${what}: ${result.error}`);
  return result.value;
};

const describe = (result: Result<string, string>): string => (result.ok ? result.value : result.error);

const keyPairOf = async (crypto: ClientCrypto, privateHex: string): Promise<X25519KeyPair> => {
  const privateKey = hex(privateHex);
  return { privateKey, publicKey: unwrap(await crypto.keyAgreement.publicKeyOf(privateKey), 'public key') };
};

export const fixedParties = async (crypto: ClientCrypto) => ({
  alice: {
    address: FIXED.alice.address,
    identity: await keyPairOf(crypto, FIXED.alice.identity),
    ephemeral: await keyPairOf(crypto, FIXED.alice.ephemeral),
  },
  bob: {
    address: FIXED.bob.address,
    identity: await keyPairOf(crypto, FIXED.bob.identity),
    ephemeral: await keyPairOf(crypto, FIXED.bob.ephemeral),
  },
});

const fixedFriendshipKey = async (crypto: ClientCrypto): Promise<Uint8Array> => {
  const { alice, bob } = await fixedParties(crypto);
  const derived = await deriveFriendshipKey(crypto, {
    role: 'requester',
    identity: alice.identity,
    ephemeral: alice.ephemeral,
    peerIdentityKey: bob.identity.publicKey,
    peerEphemeralKey: bob.ephemeral.publicKey,
  });
  return unwrap(derived, 'friendship key');
};

export const createInteropArtifacts = async (crypto: ClientCrypto): Promise<InteropArtifacts> => {
  const { alice, bob } = await fixedParties(crypto);
  const friendshipKey = await fixedFriendshipKey(crypto);
  const sealed = await seal(crypto, { purpose: 'open-drop', recipientPublicKey: bob.identity.publicKey, plaintext: FIXED.interopText });
  return {
    sealedToBob: unwrap(sealed, 'seal'),
    messageAliceToBob: await encryptMessage(crypto, {
      friendshipKey,
      from: alice.address,
      to: bob.address,
      plaintext: FIXED.interopText,
    }),
    blobOfAlice: await encryptBlob(crypto, hex(FIXED.blobKey), 'alice', FIXED.interopText),
  };
};

const flipFirstBit = (b64u: string): string => {
  const bytes = decodeB64u(b64u);
  if (bytes === null) throw new Error('not b64u');
  bytes[0]! ^= 1;
  return encodeB64u(bytes);
};

export const computeConstructionReport = async (
  crypto: ClientCrypto,
  interop: InteropArtifacts | null,
): Promise<Report> => {
  const report: Report = {};
  const { alice, bob } = await fixedParties(crypto);
  const lowOrderKey = hex(VECTORS.x25519.lowOrderPublicKeys.keys[2]!.publicKey);

  const accountKeys = unwrap(await deriveAccountKeys(crypto, FIXED.password, FIXED.kdf), 'account keys');
  report['account:authKey'] = toHex(accountKeys.authKey);
  report['account:blobKey'] = toHex(accountKeys.blobKey);

  const asAccepter = await deriveFriendshipKey(crypto, {
    role: 'accepter',
    identity: bob.identity,
    ephemeral: bob.ephemeral,
    peerIdentityKey: alice.identity.publicKey,
    peerEphemeralKey: alice.ephemeral.publicKey,
  });
  const friendshipKey = await fixedFriendshipKey(crypto);
  report['friendship:K requester'] = toHex(friendshipKey);
  report['friendship:K accepter'] = asAccepter.ok ? toHex(asAccepter.value) : asAccepter.error;
  const confirm = await computeFriendshipConfirmation(crypto, friendshipKey, alice.ephemeral.publicKey, bob.ephemeral.publicKey);
  report['friendship:confirm'] = confirm;
  report['friendship:confirm verifies'] = String(
    await verifyFriendshipConfirmation(crypto, friendshipKey, alice.ephemeral.publicKey, bob.ephemeral.publicKey, confirm),
  );
  report['friendship:confirm with ephemerals swapped'] = String(
    await verifyFriendshipConfirmation(crypto, friendshipKey, bob.ephemeral.publicKey, alice.ephemeral.publicKey, confirm),
  );
  const withLowOrderPeer = await deriveFriendshipKey(crypto, {
    role: 'requester',
    identity: alice.identity,
    ephemeral: alice.ephemeral,
    peerIdentityKey: bob.identity.publicKey,
    peerEphemeralKey: lowOrderKey,
  });
  report['friendship:low-order peer ephemeral'] = withLowOrderPeer.ok ? 'accepted' : withLowOrderPeer.error;

  const aliceToBob = { friendshipKey, from: alice.address, to: bob.address };
  report['message:direction key alice > bob'] = toHex(await deriveDirectionKey(crypto, friendshipKey, aliceToBob));
  const envelope = await encryptMessage(crypto, { ...aliceToBob, plaintext: 'hello bob' });
  report['message:round trip'] = describe(await decryptMessage(crypto, { ...aliceToBob, envelope }));
  report['message:reflected to its sender'] = describe(
    await decryptMessage(crypto, { friendshipKey, from: bob.address, to: alice.address, envelope }),
  );
  report['message:flipped bit'] = describe(
    await decryptMessage(crypto, { ...aliceToBob, envelope: { ...envelope, ct: flipFirstBit(envelope.ct) } }),
  );

  const blob = await encryptBlob(crypto, hex(FIXED.blobKey), 'alice', '{"version":1}');
  report['blob:round trip'] = describe(await decryptBlob(crypto, hex(FIXED.blobKey), 'alice', blob));
  report['blob:under another account name'] = describe(await decryptBlob(crypto, hex(FIXED.blobKey), 'alicf', blob));

  const request = await seal(crypto, {
    purpose: 'friend-request',
    recipientPublicKey: bob.identity.publicKey,
    plaintext: 'request',
    ephemeral: alice.ephemeral,
  });
  const sealed = unwrap(request, 'seal');
  const opened = await openSealed(crypto, { purpose: 'friend-request', recipient: bob.identity, envelope: sealed });
  report['seal:round trip'] = opened.ok ? opened.value.plaintext : opened.error;
  report['seal:epk is the supplied ephemeral'] = String(opened.ok && ephemeralKeyMatches(opened.value, encodeB64u(alice.ephemeral.publicKey)));
  report['seal:opened for another purpose'] = describe(
    await openSealed(crypto, { purpose: 'friend-accept', recipient: bob.identity, envelope: sealed }).then((r) =>
      r.ok ? { ok: true, value: r.value.plaintext } : r,
    ),
  );
  const withOtherEpk = await openSealed(crypto, {
    purpose: 'friend-request',
    recipient: bob.identity,
    envelope: { ...sealed, epk: encodeB64u(bob.ephemeral.publicKey) },
  });
  report['seal:epk replaced'] = withOtherEpk.ok ? 'opened' : withOtherEpk.error;
  const withLowOrderEpk = await openSealed(crypto, {
    purpose: 'friend-request',
    recipient: bob.identity,
    envelope: { ...sealed, epk: encodeB64u(lowOrderKey) },
  });
  report['seal:low-order epk'] = withLowOrderEpk.ok ? 'opened' : withLowOrderEpk.error;
  const toLowOrder = await seal(crypto, { purpose: 'open-drop', recipientPublicKey: lowOrderKey, plaintext: 'x' });
  report['seal:to a low-order recipient'] = toLowOrder.ok ? 'sealed' : toLowOrder.error;

  report['fingerprint:alice'] = await computeFingerprint(crypto, { identityKey: alice.identity.publicKey, address: alice.address });
  const aliceView = await computeSafetyNumber(
    crypto,
    { identityKey: alice.identity.publicKey, address: alice.address },
    { identityKey: bob.identity.publicKey, address: bob.address },
  );
  const bobView = await computeSafetyNumber(
    crypto,
    { identityKey: bob.identity.publicKey, address: bob.address },
    { identityKey: alice.identity.publicKey, address: alice.address },
  );
  report['safety number:alice view'] = aliceView;
  report['safety number:bob view'] = bobView;

  return interop === null ? report : { ...report, ...(await openInteropArtifacts(crypto, interop)) };
};

/** What this runtime makes of artifacts the other runtime produced: each should be FIXED.interopText. */
export const openInteropArtifacts = async (crypto: ClientCrypto, interop: InteropArtifacts): Promise<Report> => {
  const { alice, bob } = await fixedParties(crypto);
  const friendshipKey = await fixedFriendshipKey(crypto);
  const openedDrop = await openSealed(crypto, { purpose: 'open-drop', recipient: bob.identity, envelope: interop.sealedToBob });
  const message = await decryptMessage(crypto, {
    friendshipKey,
    from: alice.address,
    to: bob.address,
    envelope: interop.messageAliceToBob,
  });
  return {
    'interop:sealed to bob': openedDrop.ok ? openedDrop.value.plaintext : openedDrop.error,
    'interop:message alice > bob': describe(message),
    'interop:blob of alice': describe(await decryptBlob(crypto, hex(FIXED.blobKey), 'alice', interop.blobOfAlice)),
  };
};
