import {
  computeFriendshipConfirmation,
  deriveFriendshipKey,
  FriendshipKeyInput,
  verifyFriendshipConfirmation,
} from '../../../../src/application/client/protocol/friendship-key';
import { decryptMessage, encryptMessage } from '../../../../src/application/client/protocol/message-cipher';
import { ephemeralKeyMatches, openSealed, seal } from '../../../../src/application/client/protocol/seal';
import { X25519KeyPair } from '../../../../src/application/ports/client-crypto';
import { decodeB64u, encodeB64u } from '../../../../src/domain/protocol/encoding/b64u';
import { concatBytes } from '../../../../src/domain/protocol/encoding/bytes';
import { hex, toHex } from './support/hex';
import { createTestCrypto } from './support/test-crypto';
import { VECTORS } from './support/vectors';

const crypto = createTestCrypto();

interface Party {
  readonly address: string;
  readonly identity: X25519KeyPair;
  readonly ephemeral: X25519KeyPair;
}

const newParty = async (address: string): Promise<Party> => ({
  address,
  identity: await crypto.keyAgreement.generateKeyPair(),
  ephemeral: await crypto.keyAgreement.generateKeyPair(),
});

const requesterInput = (alice: Party, bob: Party): FriendshipKeyInput => ({
  role: 'requester',
  identity: alice.identity,
  ephemeral: alice.ephemeral,
  peerIdentityKey: bob.identity.publicKey,
  peerEphemeralKey: bob.ephemeral.publicKey,
});

const accepterInput = (bob: Party, alice: Party): FriendshipKeyInput => ({
  role: 'accepter',
  identity: bob.identity,
  ephemeral: bob.ephemeral,
  peerIdentityKey: alice.identity.publicKey,
  peerEphemeralKey: alice.ephemeral.publicKey,
});

const keyOf = async (input: FriendshipKeyInput): Promise<string> => {
  const derived = await deriveFriendshipKey(crypto, input);
  if (!derived.ok) throw new Error(derived.error);
  return toHex(derived.value);
};

describe('friendship key K', () => {
  it('is the same for the requester and the accepter', async () => {
    const [alice, bob] = await Promise.all([newParty('alice@a.example'), newParty('bob@b.example')]);
    expect(await keyOf(requesterInput(alice, bob))).toBe(await keyOf(accepterInput(bob, alice)));
  });

  it('follows the PROTOCOL §4.1 formula exactly (checked with node:crypto HKDF)', async () => {
    const [alice, bob] = await Promise.all([newParty('alice@a.example'), newParty('bob@b.example')]);
    const dh = async (privateKey: Uint8Array, publicKey: Uint8Array) => {
      const shared = await crypto.keyAgreement.deriveShared(privateKey, publicKey);
      if (!shared.ok) throw new Error(shared.error);
      return shared.value;
    };
    const ikm = concatBytes(
      await dh(alice.ephemeral.privateKey, bob.ephemeral.publicKey),
      await dh(alice.identity.privateKey, bob.ephemeral.publicKey),
      await dh(alice.ephemeral.privateKey, bob.identity.publicKey),
    );
    const { createHash, hkdfSync } = await import('node:crypto');
    const salt = createHash('sha256')
      .update(concatBytes(alice.identity.publicKey, bob.identity.publicKey, alice.ephemeral.publicKey, bob.ephemeral.publicKey))
      .digest();
    const expected = Buffer.from(hkdfSync('sha256', ikm, salt, 'starbase/1 friendship', 32)).toString('hex');
    expect(await keyOf(requesterInput(alice, bob))).toBe(expected);
  });

  it('changes when any of the four public keys differs', async () => {
    const [alice, bob, carol] = await Promise.all([newParty('a@x'), newParty('b@x'), newParty('c@x')]);
    const genuine = await keyOf(requesterInput(alice, bob));
    const withOtherEphemeral = await keyOf({ ...requesterInput(alice, bob), peerEphemeralKey: carol.ephemeral.publicKey });
    const withOtherIdentity = await keyOf({ ...requesterInput(alice, bob), peerIdentityKey: carol.identity.publicKey });
    expect(new Set([genuine, withOtherEphemeral, withOtherIdentity]).size).toBe(3);
  });

  it.each(VECTORS.x25519.lowOrderPublicKeys.keys.slice(0, 7))('refuses a low-order peer key ($name)', async ({ publicKey }) => {
    const [alice, bob] = await Promise.all([newParty('a@x'), newParty('b@x')]);
    const invalid = { ok: false, error: 'crypto/invalid-key' };
    expect(await deriveFriendshipKey(crypto, { ...requesterInput(alice, bob), peerEphemeralKey: hex(publicKey) })).toEqual(invalid);
    expect(await deriveFriendshipKey(crypto, { ...requesterInput(alice, bob), peerIdentityKey: hex(publicKey) })).toEqual(invalid);
  });
});

describe('key confirmation', () => {
  it('verifies on the other side, and only for the same K and ephemeral keys in order', async () => {
    const [alice, bob, carol] = await Promise.all([newParty('a@x'), newParty('b@x'), newParty('c@x')]);
    const kBob = hex(await keyOf(accepterInput(bob, alice)));
    const kAlice = hex(await keyOf(requesterInput(alice, bob)));
    const E_A = alice.ephemeral.publicKey;
    const F_B = bob.ephemeral.publicKey;
    const confirm = await computeFriendshipConfirmation(crypto, kBob, E_A, F_B);
    expect(decodeB64u(confirm)).toHaveLength(32);
    expect(await verifyFriendshipConfirmation(crypto, kAlice, E_A, F_B, confirm)).toBe(true);
    expect(await verifyFriendshipConfirmation(crypto, kAlice, F_B, E_A, confirm)).toBe(false);
    expect(await verifyFriendshipConfirmation(crypto, kAlice, E_A, carol.ephemeral.publicKey, confirm)).toBe(false);
    expect(await verifyFriendshipConfirmation(crypto, new Uint8Array(32), E_A, F_B, confirm)).toBe(false);
    const tampered = decodeB64u(confirm)!;
    tampered[31]! ^= 1;
    expect(await verifyFriendshipConfirmation(crypto, kAlice, E_A, F_B, encodeB64u(tampered))).toBe(false);
    expect(await verifyFriendshipConfirmation(crypto, kAlice, E_A, F_B, confirm.slice(0, 20))).toBe(false);
    expect(await verifyFriendshipConfirmation(crypto, kAlice, E_A, F_B, '!!')).toBe(false);
  });

  it('is HMAC-SHA-256(HKDF(K, empty, "starbase/1 confirm"), E_A || F_B)', async () => {
    const { createHmac, hkdfSync } = await import('node:crypto');
    const K = new Uint8Array(32).fill(5);
    const [E_A, F_B] = [new Uint8Array(32).fill(1), new Uint8Array(32).fill(2)];
    const confirmKey = Buffer.from(hkdfSync('sha256', K, new Uint8Array(0), 'starbase/1 confirm', 32));
    const expected = createHmac('sha256', confirmKey).update(concatBytes(E_A, F_B)).digest('base64url');
    expect(await computeFriendshipConfirmation(crypto, K, E_A, F_B)).toBe(expected);
  });
});

describe('the PROTOCOL §4.1 handshake, end to end through the constructions', () => {
  it('lets Alice and Bob become friends and exchange a first message under K', async () => {
    const alice = await newParty('alice@a.example');
    const bob = await newParty('bob@b.example:8443');

    // Alice seals her request to IK_B with e_A as the seal's ephemeral pair.
    const requestPayload = JSON.stringify({
      type: 'friend-request',
      from: alice.address,
      identityKey: encodeB64u(alice.identity.publicKey),
      ephemeralKey: encodeB64u(alice.ephemeral.publicKey),
    });
    const request = await seal(crypto, {
      purpose: 'friend-request',
      recipientPublicKey: bob.identity.publicKey,
      plaintext: requestPayload,
      ephemeral: alice.ephemeral,
    });
    if (!request.ok) throw new Error(request.error);

    // Bob opens it, checks epk == ephemeralKey, derives K and seals the acceptance with confirm.
    const openedRequest = await openSealed(crypto, { purpose: 'friend-request', recipient: bob.identity, envelope: request.value });
    if (!openedRequest.ok) throw new Error(openedRequest.error);
    const claimed = JSON.parse(openedRequest.value.plaintext) as { identityKey: string; ephemeralKey: string };
    expect(ephemeralKeyMatches(openedRequest.value, claimed.ephemeralKey)).toBe(true);
    const kBob = await deriveFriendshipKey(crypto, {
      role: 'accepter',
      identity: bob.identity,
      ephemeral: bob.ephemeral,
      peerIdentityKey: decodeB64u(claimed.identityKey)!,
      peerEphemeralKey: openedRequest.value.ephemeralPublicKey,
    });
    if (!kBob.ok) throw new Error(kBob.error);
    // As with the request, the acceptance is sealed with (f_B, F_B) itself, so Alice can check epk == ephemeralKey.
    const acceptance = await seal(crypto, {
      purpose: 'friend-accept',
      ephemeral: bob.ephemeral,
      recipientPublicKey: decodeB64u(claimed.identityKey)!,
      plaintext: JSON.stringify({
        type: 'friend-accept',
        from: bob.address,
        identityKey: encodeB64u(bob.identity.publicKey),
        ephemeralKey: encodeB64u(bob.ephemeral.publicKey),
        inReplyTo: claimed.ephemeralKey,
        confirm: await computeFriendshipConfirmation(crypto, kBob.value, openedRequest.value.ephemeralPublicKey, bob.ephemeral.publicKey),
      }),
    });
    if (!acceptance.ok) throw new Error(acceptance.error);

    // Alice opens the acceptance, checks it, derives K and sends friend-confirm under k(A→B).
    const openedAcceptance = await openSealed(crypto, { purpose: 'friend-accept', recipient: alice.identity, envelope: acceptance.value });
    if (!openedAcceptance.ok) throw new Error(openedAcceptance.error);
    const accept = JSON.parse(openedAcceptance.value.plaintext) as { ephemeralKey: string; inReplyTo: string; confirm: string };
    expect(ephemeralKeyMatches(openedAcceptance.value, accept.ephemeralKey)).toBe(true);
    expect(accept.inReplyTo).toBe(encodeB64u(alice.ephemeral.publicKey));
    const kAlice = await deriveFriendshipKey(crypto, {
      role: 'requester',
      identity: alice.identity,
      ephemeral: alice.ephemeral,
      peerIdentityKey: bob.identity.publicKey,
      peerEphemeralKey: decodeB64u(accept.ephemeralKey)!,
    });
    if (!kAlice.ok) throw new Error(kAlice.error);
    expect(
      await verifyFriendshipConfirmation(crypto, kAlice.value, alice.ephemeral.publicKey, decodeB64u(accept.ephemeralKey)!, accept.confirm),
    ).toBe(true);

    const firstMessage = await encryptMessage(crypto, {
      friendshipKey: kAlice.value,
      from: alice.address,
      to: bob.address,
      plaintext: '{"type":"friend-confirm"}',
    });
    expect(await decryptMessage(crypto, { friendshipKey: kBob.value, from: alice.address, to: bob.address, envelope: firstMessage })).toEqual({
      ok: true,
      value: '{"type":"friend-confirm"}',
    });
    expect(toHex(kAlice.value)).toBe(toHex(kBob.value));
  });
});
