import { createWebCryptoSuite } from '../../../../src/adapters/crypto/web-crypto-suite';
import { decodeStoreKey, newObjectId, openObject, sealObject } from '../../../../src/application/client/protocol/object-cipher';
import { isObjectId } from '../../../../src/domain/protocol/object-id';
import { computeStoreObjectReport, expectedStoreObjectReport } from './support/store-object-report';

const crypto = createWebCryptoSuite();

describe('store objects (PROTOCOL §8.3)', () => {
  it('reproduces test/vectors/store-objects.json and refuses each object under another id or account', async () => {
    expect(await computeStoreObjectReport(crypto)).toEqual(expectedStoreObjectReport());
  });

  it('seals with a fresh nonce each time and opens what it sealed', async () => {
    const storeKey = crypto.random.bytes(32);
    const id = newObjectId(crypto.random);
    const first = await sealObject(crypto, storeKey, 'alice', id, 'page text');
    const second = await sealObject(crypto, storeKey, 'alice', id, 'page text');
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(false);
    expect(await openObject(crypto, storeKey, 'alice', id, second)).toEqual({ ok: true, value: 'page text' });
  });

  it('calls bytes that cannot be an object malformed instead of trying them', async () => {
    const storeKey = crypto.random.bytes(32);
    for (const bytes of [new Uint8Array(0), new Uint8Array(11), new Uint8Array(12 + 16 + 255)]) {
      expect(await openObject(crypto, storeKey, 'alice', 'A'.repeat(22), bytes)).toEqual({ ok: false, error: 'crypto/malformed' });
    }
  });

  it('makes 22-character b64u ids and accepts only those', () => {
    const id = newObjectId(crypto.random);
    expect(isObjectId(id)).toBe(true);
    expect(['', 'A'.repeat(21), 'A'.repeat(23), `${'A'.repeat(21)}=`, `${'A'.repeat(21)}/`, 'C'.repeat(22), 42].map(isObjectId)).toEqual([
      false, false, false, false, false, false, false,
    ]);
  });

  it('reads a store key only as 32 bytes of b64u', () => {
    expect(decodeStoreKey('A'.repeat(43))).toHaveLength(32);
    expect([decodeStoreKey('A'.repeat(42)), decodeStoreKey(null), decodeStoreKey('!'.repeat(43))]).toEqual([null, null, null]);
  });
});
