import { createHash } from 'node:crypto';
import {
  computeFingerprint,
  computeSafetyNumber,
  FINGERPRINT_ITERATIONS,
  formatSafetyNumber,
} from '../../../../src/application/client/protocol/safety-number';
import { concatBytes } from '../../../../src/domain/protocol/encoding/bytes';
import { hex, utf8 } from './support/hex';
import { createTestCrypto } from './support/test-crypto';
import { VECTORS } from './support/vectors';

const crypto = createTestCrypto();
const alice = { identityKey: hex(VECTORS.x25519.diffieHellman.alicePublic), address: 'alice@a.example' };
const bob = { identityKey: hex(VECTORS.x25519.diffieHellman.bobPublic), address: 'bob@b.example:8443' };

/** The PROTOCOL §4.1 step 9 recipe written out again with node:crypto, as an independent check. */
const referenceFingerprint = (identityKey: Uint8Array, address: string): string => {
  let hash: Uint8Array = concatBytes(utf8('starbase/1 fp'), identityKey, utf8(address));
  for (let round = 0; round < 5200; round++) hash = createHash('sha512').update(hash).update(identityKey).digest();
  let digits = '';
  for (let chunk = 0; chunk < 6; chunk++) {
    const value = Buffer.from(hash.subarray(chunk * 5, chunk * 5 + 5)).readUIntBE(0, 5);
    digits += String(value % 100000).padStart(5, '0');
  }
  return digits;
};

describe('safety number', () => {
  it('computes each fingerprint as the recipe says: 5200 rounds, six chunks, 30 digits', async () => {
    expect(FINGERPRINT_ITERATIONS).toBe(5200);
    const fingerprint = await computeFingerprint(crypto, alice);
    expect(fingerprint).toMatch(/^\d{30}$/);
    expect(fingerprint).toBe(referenceFingerprint(alice.identityKey, alice.address));
  });

  it('is 60 digits, the same on both sides, fingerprints in ascending order', async () => {
    const aliceView = await computeSafetyNumber(crypto, alice, bob);
    const bobView = await computeSafetyNumber(crypto, bob, alice);
    expect(aliceView).toMatch(/^\d{60}$/);
    expect(aliceView).toBe(bobView);
    const [first, second] = [referenceFingerprint(alice.identityKey, alice.address), referenceFingerprint(bob.identityKey, bob.address)].sort();
    expect(aliceView).toBe(`${first}${second}`);
  });

  it('changes when an identity key or an address changes', async () => {
    const genuine = await computeSafetyNumber(crypto, alice, bob);
    const otherKey = await computeSafetyNumber(crypto, alice, { ...bob, identityKey: hex('11'.repeat(32)) });
    const otherAddress = await computeSafetyNumber(crypto, alice, { ...bob, address: 'bob@evil.example' });
    expect(new Set([genuine, otherKey, otherAddress]).size).toBe(3);
  });

  it('formats as twelve groups of five digits', () => {
    const digits = '0123456789'.repeat(6);
    expect(formatSafetyNumber(digits)).toEqual([
      '01234', '56789', '01234', '56789', '01234', '56789',
      '01234', '56789', '01234', '56789', '01234', '56789',
    ]);
  });
});
